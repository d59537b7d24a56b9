#pragma once
// The only way the core reaches a database. Each extension implements it over
// its engine's API; everything else in common/ is engine-neutral.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
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
    // Runs a step's section as user SQL. On failure, `failed_line` is set,
    // where the engine can tell, to the 0-based line of `sql` holding the
    // failing statement or the error's position (the core turns it into a
    // file line).
    virtual void execute_step(const std::string& sql, std::size_t& failed_line) {
        (void)failed_line;
        execute_user_sql(sql);
    }
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
    // Reports one of Alembic's warnings (util.warn) where the engine has a
    // channel for them (PostgreSQL: a WARNING); false where it has none, and
    // the core puts the warning in the call's returned log instead.
    virtual bool warn(const std::string&) { return false; }
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
    // Called once when a call that began a run ends, after its last
    // commit_run or rollback_run, whatever happened: releases what begin_run
    // holds across the run's transactions. Must not throw.
    virtual void end_run() noexcept {}

    // Steps outside a transaction (`transaction:false`, docs/reference.md
    // section 9), as Alembic's autocommit_block: true where this Database owns
    // its connection (the command line). The core then commits the run so
    // far, runs the section with execute_outside_transaction, records the
    // step in a transaction of its own and goes on in a new one, the deployer
    // lock held throughout. The extensions run inside their caller's
    // transaction and cannot: there such a step is refused before any change.
    virtual bool can_run_outside_transaction() const { return false; }
    // Runs a step's section with no transaction open, each statement on its
    // own and committed as it runs; `failed_line` as for execute_step.
    virtual void execute_outside_transaction(const std::string& sql, std::size_t& failed_line) {
        (void)sql;
        (void)failed_line;
        throw Error(ErrorKind::Internal, "this engine cannot run a step outside a transaction");
    }
};

}  // namespace migrate
