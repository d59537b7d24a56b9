#include "sql_dialect.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "error.hpp"
#include "sql_text.hpp"
#include "text.hpp"

namespace migrate {

const SqlDialect& SqlDialect::sqlite() {
    static const SqlDialect dialect(Kind::Sqlite);
    return dialect;
}

const SqlDialect& SqlDialect::postgresql() {
    static const SqlDialect dialect(Kind::Postgresql);
    return dialect;
}

const SqlDialect& SqlDialect::named(std::string_view name) {
    if (name == "sqlite") return sqlite();
    if (name == "postgresql") return postgresql();
    throw Error(ErrorKind::Usage,
                fmt::format("unknown dialect '{}': the dialect is 'sqlite' or 'postgresql'", printable(name)));
}

std::string SqlDialect::quote_identifier(std::string_view name) const { return quote_identifier_ansi(name); }

std::string SqlDialect::quote_literal(std::string_view value) const {
    if (kind_ == Kind::Sqlite || value.find('\\') == std::string_view::npos) return migrate::quote_literal(value);
    std::string out = "E'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += c;
        out += c;
    }
    return out + "'";
}

std::string SqlDialect::qualified(const TableName& table) const {
    if (table.schema.empty()) return quote_identifier(table.name);
    return quote_identifier(table.schema) + "." + quote_identifier(table.name);
}

std::string SqlDialect::dollar_quote(std::string_view body, std::string_view tag) {
    std::string delimiter = fmt::format("${}$", tag);
    // The closing delimiter must not occur earlier, not even across the
    // body's end: "...$migrate" then "$migrate$" would close the string early.
    auto closes_early = [&] { return (std::string(body) + delimiter).find(delimiter) != body.size(); };
    for (int n = 1; closes_early(); ++n) delimiter = fmt::format("${}{}$", tag, n);
    return delimiter + std::string(body) + delimiter;
}

std::string SqlDialect::utc_now_sql() const {
    if (kind_ == Kind::Postgresql) return "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
    // SQLite's %f has milliseconds: padded to the log's microseconds.
    return "strftime('%Y-%m-%d %H:%M:%f000', 'now')";
}

std::string SqlDialect::current_role_sql() const { return kind_ == Kind::Postgresql ? "current_user" : "NULL"; }

std::string describe_heads(std::vector<std::string> heads) {
    std::sort(heads.begin(), heads.end());
    return heads.empty() ? "base" : "revision " + join(heads, ",");
}

std::string SqlDialect::heads_equal_sql(const TableName& table, const std::vector<std::string>& heads) const {
    // Counting keeps the test free of the engines' different ways to order
    // an aggregate; version_num is the primary key, so rows are distinct.
    const std::string name = qualified(table);
    if (heads.empty()) return fmt::format("NOT EXISTS (SELECT 1 FROM {})", name);
    return fmt::format("(SELECT count(*) FROM {0}) = {1} AND (SELECT count(*) FROM {0} WHERE version_num IN ({2})) = {1}",
                       name, heads.size(), join(heads, ", ", [&](const std::string& h) { return quote_literal(h); }));
}

namespace {

std::string heads_text(std::vector<std::string> heads) {
    std::sort(heads.begin(), heads.end());
    return join(heads, ",");
}

// The deployer lock comes first, with the extension's key (the table's
// schema as it resolves it): a script started while a call or another script
// is between its steps and its commit waits, then reads where that one left
// the database. to_regclass resolves the name as the script's statements
// will; the SELECT is planned only when the table exists. `accepted`: sorted,
// comma-joined heads, "" for base.
std::string postgresql_guard(const SqlDialect& d, const TableName& table, const std::vector<std::string>& accepted,
                             const std::string& message) {
    const std::string schema = d.version_table_schema_sql(table);
    std::string body = fmt::format(
        "\nDECLARE\n    heads text;\nBEGIN\n"
        "    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended({4} OPERATOR(pg_catalog.||) "
        "{5}::pg_catalog.text OPERATOR(pg_catalog.||) {6}, 0::pg_catalog.int8));\n"
        "    IF to_regclass({0}) IS NOT NULL THEN\n"
        "        SELECT string_agg(version_num, ',' ORDER BY version_num COLLATE \"C\") INTO heads FROM {1};\n"
        "    END IF;\n"
        "    IF COALESCE(heads, '') NOT IN ({2}) THEN\n"
        "        RAISE EXCEPTION '%', {3} USING DETAIL = 'The database is at ' || COALESCE('revision ' || heads, "
        "'base') || '.';\n"
        "    END IF;\n"
        "END\n",
        d.quote_literal(d.qualified(table)), d.qualified(table),
        join(accepted, ", ", [&](const std::string& h) { return d.quote_literal(h); }), d.quote_literal(message),
        d.quote_literal("migrate "), schema, d.quote_literal("." + table.name));
    return "DO " + SqlDialect::dollar_quote(body) + ";";
}

}  // namespace

std::string SqlDialect::start_guard_sql(const TableName& table, std::vector<std::string> heads,
                                        std::string_view place) const {
    std::sort(heads.begin(), heads.end());
    const std::string message = fmt::format("the database is not at {} where {} starts; nothing was changed",
                                            describe_heads(heads), place);
    if (kind_ == Kind::Postgresql) return postgresql_guard(*this, table, {heads_text(heads)}, message);
    // The sqlite3 shell has no conditionals: a row that fails a CHECK
    // constraint named for the message stops it under -bail, inside the
    // script's transaction, which the shell then rolls back.
    return fmt::format(
        "CREATE TEMP TABLE migrate_start_check (at_start INTEGER CONSTRAINT {} CHECK (at_start));\n"
        "INSERT INTO temp.migrate_start_check SELECT {};\n"
        "DROP TABLE temp.migrate_start_check;",
        quote_identifier(message), heads_equal_sql(table, heads));
}

std::string SqlDialect::version_table_schema_sql(const TableName& table) const {
    if (!table.schema.empty()) return quote_literal(table.schema);
    return fmt::format("COALESCE((SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                       "c.relnamespace WHERE c.oid = pg_catalog.to_regclass({})), pg_catalog.current_schema())",
                       quote_literal(quote_identifier(table.name)));
}

std::string SqlDialect::resume_guard_sql(const TableName& table,
                                         const std::vector<std::vector<std::string>>& states) const {
    if (kind_ != Kind::Postgresql || states.empty())
        throw Error(ErrorKind::Internal, "a resuming script is written for PostgreSQL only");
    std::vector<std::string> accepted;
    for (const auto& heads : states) accepted.push_back(heads_text(heads));
    const std::string message = fmt::format(
        "the database is not at {} where this script starts, nor at a revision it reaches; nothing was changed",
        describe_heads(states.front()));
    return postgresql_guard(*this, table, accepted, message);
}

}  // namespace migrate
