#pragma once
// The only way the core reaches a database. Each extension implements it over
// its engine's API; everything else in common/ is engine-neutral.
#include <optional>
#include <string>
#include <vector>

#include "sql_text.hpp"

namespace migrate {

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

// A table name as the settings give it; `schema` is empty where the engine has
// none or the setting is unset (the engine's current schema).
struct TableName {
    std::string schema;
    std::string name;
};

class Database {
public:
    virtual ~Database() = default;

    // Runs SQL text that may hold several statements.
    virtual void execute(const std::string& sql) = 0;
    // Runs a step's section: the user's SQL, which an engine may run in
    // another context than its own statements (the command line's libpq
    // connection pins search_path for its own queries, not for steps).
    virtual void execute_step(const std::string& sql) { execute(sql); }
    // Runs one statement with `?`-free positional text parameters ($1.. on
    // PostgreSQL, ?1.. on SQLite: see `parameter`) and returns every row.
    virtual std::vector<Row> query(const std::string& sql,
                                   const std::vector<std::string>& params = {}) = 0;
    // The placeholder for the n-th (1-based) parameter of `query`.
    virtual std::string parameter(int n) const = 0;
    virtual std::string quote_identifier(const std::string& name) const = 0;
    // A string literal the engine reads back unchanged whatever its settings
    // (PostgreSQL with standard_conforming_strings off reads backslashes).
    virtual std::string quote_literal(const std::string& value) const { return migrate::quote_literal(value); }

    virtual bool table_exists(const TableName& table) = 0;
    // An SQL expression for the role running a statement, for the audit log;
    // engines without roles keep NULL.
    virtual std::string current_role_sql() const { return "NULL"; }
    // An SQL expression for the current time in UTC as text
    // ("YYYY-MM-DD HH:MM:SS.ffffff"), for audit-log rows of offline scripts.
    virtual std::string utc_now_sql() const = 0;
    // How many threads the core may use to read a large script folder; 1
    // where the host process must not get threads (a PostgreSQL backend).
    virtual int reader_threads() const { return 1; }

    // One call's unit of work. `begin_run` opens it (a transaction, or a
    // savepoint inside the caller's) and takes the deployer lock before the
    // version table is read; `commit_run` makes it durable where the engine
    // can; `rollback_run` undoes it and must not throw.
    virtual void begin_run(const TableName& version_table) = 0;
    virtual void commit_run() = 0;
    virtual void rollback_run() noexcept = 0;
    // False when steps cannot be committed one by one (the call runs inside a
    // transaction it does not own).
    virtual bool can_commit_per_step() const = 0;

    // Dialect of the version-table DDL: SQLite and PostgreSQL agree today.
    std::string qualified(const TableName& table) const {
        if (table.schema.empty()) return quote_identifier(table.name);
        return quote_identifier(table.schema) + "." + quote_identifier(table.name);
    }
};

}  // namespace migrate
