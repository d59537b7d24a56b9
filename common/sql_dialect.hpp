#pragma once
// How SQL text is spelled for one engine, apart from any connection: quoting,
// the audit log's expressions, and the statements an offline script uses to
// check where a database is (docs/reference.md sections 7 and 9). Each
// Database speaks its engine's dialect; offline scripts and deploy bundles may
// be written in the other one.
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

// A table name as the settings give it; `schema` is empty where the engine has
// none or the setting is unset (the engine's current schema).
struct TableName {
    std::string schema;
    std::string name;
};

class SqlDialect {
public:
    enum class Kind { Sqlite, Postgresql };

    static const SqlDialect& sqlite();
    static const SqlDialect& postgresql();
    // "sqlite" or "postgresql" (the `dialect` argument); anything else is a
    // usage error naming both.
    static const SqlDialect& named(std::string_view name);

    Kind kind() const { return kind_; }
    const char* name() const { return kind_ == Kind::Sqlite ? "sqlite" : "postgresql"; }

    std::string quote_identifier(std::string_view name) const;
    // A string literal read back unchanged whatever the session's settings:
    // on PostgreSQL a value with a backslash is an E'' string, so that
    // standard_conforming_strings either way reads it the same.
    std::string quote_literal(std::string_view value) const;
    std::string qualified(const TableName& table) const;
    // A PostgreSQL dollar-quoted string holding `body`, with a tag that
    // `body` does not contain.
    static std::string dollar_quote(std::string_view body, std::string_view tag = "migrate");

    // The current time in UTC as text ("YYYY-MM-DD HH:MM:SS.ffffff").
    std::string utc_now_sql() const;
    // The role running a statement, for the audit log (NULL without roles).
    std::string current_role_sql() const;

    std::string begin_sql() const { return "BEGIN;"; }
    std::string commit_sql() const { return "COMMIT;"; }

    // A boolean expression: the version table `table` holds exactly `heads`
    // (none: no rows). The table must exist where it is evaluated.
    std::string heads_equal_sql(const TableName& table, const std::vector<std::string>& heads) const;
    // Statements that fail, before anything is changed, unless the version
    // table holds exactly `heads` (none: no table, or no rows), with an error
    // that names them and `place` ("the database is not at revision X where
    // this script starts"). On SQLite the version table must exist (an
    // offline script creates it first when it starts at base): a database
    // without it fails with SQLite's "no such table".
    std::string start_guard_sql(const TableName& table, std::vector<std::string> heads,
                                std::string_view place = "this script") const;
    // PostgreSQL only: the same check, passing when the version table holds
    // any one of `states` (the first is where the script starts), for a
    // script that resumes after a failure.
    std::string resume_guard_sql(const TableName& table, const std::vector<std::vector<std::string>>& states) const;
    // PostgreSQL only: an expression giving the schema of the version table
    // `table` as the extension resolves it (its schema when set, else where
    // its name resolves now, else the current schema), for scripts that must
    // find what sits beside it.
    std::string version_table_schema_sql(const TableName& table) const;

private:
    explicit SqlDialect(Kind kind) : kind_(kind) {}
    Kind kind_;
};

// "revision a,b", or "base" for no heads: how a start check names a start.
std::string describe_heads(std::vector<std::string> heads);

}  // namespace migrate
