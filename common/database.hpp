#pragma once
// The only way the core reaches a database. Each extension implements it over
// its engine's API; everything else in common/ is engine-neutral.
#include <optional>
#include <string>
#include <vector>

#include "sql_dialect.hpp"

namespace migrate {

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

class Database {
public:
    virtual ~Database() = default;

    // `execute` and `query` run the extension's own statements (version
    // table, log, catalog reads...): an engine may run them hardened against
    // the caller's session (PostgreSQL: search_path pinned to pg_catalog,
    // pg_temp), so they name every table they use with `qualified` of a
    // resolved name (`resolve_table`).
    //
    // Runs SQL text that may hold several statements.
    virtual void execute(const std::string& sql) = 0;
    // Runs SQL the user wrote (a step's section, a target-schema file) in the
    // caller's session as it is (PostgreSQL: the caller's search_path).
    virtual void execute_user_sql(const std::string& sql) { execute(sql); }
    // Runs one statement with `?`-free positional text parameters ($1.. on
    // PostgreSQL, ?1.. on SQLite: see `parameter`) and returns every row.
    virtual std::vector<Row> query(const std::string& sql,
                                   const std::vector<std::string>& params = {}) = 0;
    // The placeholder for the n-th (1-based) parameter of `query`.
    virtual std::string parameter(int n) const = 0;
    // How this engine spells SQL; the helpers below are its shorthands.
    virtual const SqlDialect& dialect() const = 0;
    std::string quote_identifier(const std::string& name) const { return dialect().quote_identifier(name); }
    std::string quote_literal(const std::string& value) const { return dialect().quote_literal(value); }
    std::string qualified(const TableName& table) const { return dialect().qualified(table); }

    virtual bool table_exists(const TableName& table) = 0;
    // The table every statement of one call names: an unset schema resolved
    // once, when the call starts (PostgreSQL: the schema where the name
    // resolves on the caller's search_path, else the current schema).
    // Engines without schemas return it unchanged.
    virtual TableName resolve_table(const TableName& table) { return table; }
    // How many threads the core may use to read a large script folder; 1
    // where the host process must not get threads (a PostgreSQL backend).
    virtual int reader_threads() const { return 1; }
    // Script text (UTF-8, as read from a file) that the database must hold:
    // throws an Error naming `path` when it cannot (PostgreSQL: a character
    // the database's encoding lacks). Called before any step runs.
    virtual void check_script_text(const std::string& text, const std::string& path) {
        (void)text;
        (void)path;
    }
    // Polled in long loops (graph load, planning, catalog comparison): throws
    // when the statement was cancelled (PostgreSQL: CHECK_FOR_INTERRUPTS).
    virtual void check_interrupts() {}

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
};

}  // namespace migrate
