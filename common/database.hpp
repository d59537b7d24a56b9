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

    // Runs SQL text that may hold several statements (a step's section).
    virtual void execute(const std::string& sql) = 0;
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
};

}  // namespace migrate
