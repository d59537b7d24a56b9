#include "deploy_bundle.hpp"

#include <fmt/format.h>

#include "audit_log.hpp"
#include "error.hpp"
#include "psql_script.hpp"
#include "script_store.hpp"

namespace migrate {
namespace {

// Rows per INSERT: few statements, none huge.
constexpr std::size_t kRowsPerInsert = 100;

// Text as a literal the dialect reads back unchanged: SQLite strings have no
// escapes ('' doubles a quote); on PostgreSQL a quote or backslash means
// dollar quoting, which neither standard_conforming_strings nor psql's
// variable interpolation (:name) touches, and which keeps a body readable.
std::string literal(const std::string& text, const SqlDialect& dialect) {
    if (dialect.kind() == SqlDialect::Kind::Sqlite || text.find_first_of("'\\") == std::string::npos)
        return dialect.quote_literal(text);
    return SqlDialect::dollar_quote(text);
}

// Sets a setting until the transaction ends (PostgreSQL) or for the shell's
// connection (SQLite, which ends with the script).
std::string set_setting(const std::string& key, const std::string& value, const SqlDialect& dialect) {
    if (dialect.kind() == SqlDialect::Kind::Postgresql)
        return fmt::format("SELECT set_config('migrate.{}', {}, true);\n", key, literal(value, dialect));
    return fmt::format("SELECT migrate_config('{}', {});\n", key, literal(value, dialect));
}

}  // namespace

std::string render_bundle(const Bundle& bundle, const SqlDialect& dialect) {
    const bool pg = dialect.kind() == SqlDialect::Kind::Postgresql;
    // PostgreSQL: beside the version table wherever the search_path finds it,
    // as the extension reads it; psql's variable carries the schema.
    const TableName store_table = script_store_table(bundle.version_table);
    const bool locate_store = pg && store_table.schema.empty();
    const std::string store = locate_store ? ":migrate_store_schema." + dialect.quote_identifier(store_table.name)
                                           : dialect.qualified(store_table);
    std::size_t size = 4096;
    for (const auto& file : bundle.files) size += file.text.size() + 2 * file.path.size() + 32;
    std::string out;
    out.reserve(size);

    out += fmt::format("-- migrate deploy bundle: {} files of the script location, then an upgrade to {}.\n",
                       bundle.files.size(), bundle.target);
    if (pg) {
        out += "-- Run: psql -v ON_ERROR_STOP=1 -f deploy.sql (the extension installed). One transaction: an error\n"
               "-- leaves nothing changed; running it again changes nothing.\n"
               "\\set ON_ERROR_STOP on\n"
               "SET client_encoding = 'UTF8';\n";
    } else {
        out += "-- Run: sqlite3 -bail -cmd '.load PATH' app.db < deploy.sql. One transaction: an error leaves\n"
               "-- nothing changed; running it again changes nothing.\n";
    }
    out += "BEGIN;\n";
    if (locate_store)
        out += "SELECT pg_catalog.quote_ident(" + dialect.version_table_schema_sql(bundle.version_table) +
               ") AS migrate_store_schema \\gset\n";
    out += script_store_create_sql(store) + ";\n";

    // Rows of files the location no longer has go; the others are added or
    // changed only where they differ, so a second run writes nothing.
    out += "DELETE FROM " + store;
    for (std::size_t i = 0; i < bundle.files.size(); ++i)
        out += (i ? ", " : " WHERE path NOT IN (") + literal(bundle.files[i].path, dialect);
    out += bundle.files.empty() ? ";\n" : ");\n";
    for (std::size_t first = 0; first < bundle.files.size(); first += kRowsPerInsert) {
        out += "INSERT INTO " + store + (pg ? " AS s" : "") + " (path, body) VALUES\n";
        std::size_t last = std::min(first + kRowsPerInsert, bundle.files.size());
        for (std::size_t i = first; i < last; ++i) {
            out += "(" + literal(bundle.files[i].path, dialect) + ", " + literal(bundle.files[i].text, dialect) + ")";
            out += i + 1 < last ? ",\n" : "\n";
        }
        out += pg ? "ON CONFLICT (path) DO UPDATE SET body = excluded.body WHERE s.body IS DISTINCT FROM excluded.body;\n"
                  : "ON CONFLICT (path) DO UPDATE SET body = excluded.body WHERE body IS NOT excluded.body;\n";
    }

    auto read_from_store = [&] {
        out += set_setting("script_source", "database", dialect);
        if (bundle.version_table.name != "alembic_version")
            out += set_setting("version_table", bundle.version_table.name, dialect);
        if (!bundle.version_table.schema.empty())
            out += set_setting("version_table_schema", bundle.version_table.schema, dialect);
    };
    read_from_store();
    // A step outside a transaction ends the transaction: the steps before it
    // are committed, it runs on its own where the database stands just below
    // it (a re-run finds it recorded and skips it), and a new transaction
    // takes the upgrade on.
    for (const OutsideStep& outside : bundle.outside) {
        if (outside.heads_before.empty()) {
            out += VersionTableSql(dialect, bundle.version_table).create(true) + ";\n";
            out += AuditLogSql(dialect, bundle.version_table).create() + ";\n";
        } else {
            out += "SELECT migrate_upgrade(" + literal(outside.heads_before.front(), dialect) + ");\n";
        }
        out += "COMMIT;\n";
        out += psql_if_at(dialect, bundle.version_table, outside.heads_before);
        out += render_step_outside_transaction(dialect, bundle.version_table, *outside.step, outside.section,
                                               outside.heads_before, outside.changes);
        out += psql_end_if();
        out += "BEGIN;\n";
        read_from_store();
    }
    out += "SELECT migrate_upgrade(" + literal(bundle.target, dialect) + ");\n";
    out += "COMMIT;\n";
    return out;
}

}  // namespace migrate
