#pragma once
// The core's Database interface over a libpq connection: the command line's
// way into PostgreSQL, with or without the extension installed there.
#include <libpq-fe.h>

#include <string>
#include <vector>

#include "database.hpp"
#include "database_url.hpp"

namespace migrate::cli {

class PqDatabase : public Database {
public:
    // Connects; libpq's environment (PGHOST, PGUSER, ...) fills what the
    // URL leaves out.
    explicit PqDatabase(const DatabaseUrl& url);
    ~PqDatabase() override;
    PqDatabase(const PqDatabase&) = delete;
    PqDatabase& operator=(const PqDatabase&) = delete;

    void execute(const std::string& sql) override;
    // Steps see the session's search_path (as they would in psql); every
    // other statement runs with it pinned to pg_catalog, pg_temp.
    void execute_user_sql(const std::string& sql) override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) override;
    std::string parameter(int n) const override { return "$" + std::to_string(n); }
    const SqlDialect& dialect() const override { return SqlDialect::postgresql(); }
    bool table_exists(const TableName& table) override;
    // The command line resolves the version table once, when it connects
    // (resolve_schema, before pin_search_path): a name reaches here resolved.
    TableName resolve_table(const TableName& table) override;
    int reader_threads() const override { return 4; }

    // One transaction per run (or per step with transaction_per_migration,
    // and around each step outside a transaction). The deployer lock is the
    // extension's advisory lock on the same key, held for the session from
    // the first begin_run to end_run, across the run's transactions, so the
    // command line and in-database calls exclude each other.
    void begin_run(const TableName& version_table) override;
    void commit_run() override;
    void rollback_run() noexcept override;
    bool can_commit_per_step() const override { return true; }
    void end_run() noexcept override;
    // The connection is the tool's own: a transaction:false step runs in
    // autocommit, one statement per round trip (a multi-statement message
    // would be an implicit transaction block), with the session's search_path.
    bool can_run_outside_transaction() const override { return true; }
    void execute_outside_transaction(const std::string& sql, std::size_t& failed_line) override;

    // The schema that holds `table`, resolved once with the session's own
    // search_path as the extension does: where the name resolves now, else
    // the current schema.
    std::string resolve_schema(const std::string& table);
    // From here on the tool's own statements run with search_path pinned to
    // pg_catalog, pg_temp; the session's own value serves the steps.
    void pin_search_path();
    // The session's own search_path (what steps see), and SET LOCAL of a
    // search_path given as its text (for the schema diff's reads).
    const std::string& session_search_path() const { return session_search_path_; }
    void set_local_search_path(const std::string& path);

private:
    struct Result;
    // `user_sql`: a step's text, under the session's search_path; any other
    // statement first pins the path again if a step left it the session's.
    Result run(const std::string& sql, const std::vector<std::string>& params, bool many_statements,
               bool user_sql = false);
    [[noreturn]] void fail(PGresult* result) const;

    PGconn* conn_ = nullptr;
    std::string session_search_path_;  // empty until pinned
    bool session_path_in_force_ = false;  // set by a step, until the next statement of the tool's own
    std::string lock_key_;             // the deployer lock's key while held
};

}  // namespace migrate::cli
