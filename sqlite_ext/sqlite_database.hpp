#pragma once
// The core's Database interface over one SQLite connection, with docs/reference.md
// section 8's transaction and foreign-key procedure.
#include "sqlite_api.hpp"

#include <string>

#include "database.hpp"

namespace migrate::sqlite {

class SqliteDatabase : public Database {
public:
    explicit SqliteDatabase(sqlite3* db) : db_(db) {}

    void execute(const std::string& sql) override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) override;
    std::string parameter(int n) const override { return "?" + std::to_string(n); }
    const SqlDialect& dialect() const override { return SqlDialect::sqlite(); }
    bool table_exists(const TableName& table) override;
    int reader_threads() const override { return 4; }
    // sqlite3_interrupt() (Python's Connection.interrupt, the shell's ^C)
    // during the call's own long loops.
    void check_interrupts() override;

    void begin_run(const TableName& version_table) override;
    void commit_run() override;
    void rollback_run() noexcept override;
    bool can_commit_per_step() const override;

private:
    [[noreturn]] void fail(int rc, const std::string& what) const;
    void check_foreign_keys();
    void restore_foreign_keys() noexcept;

    sqlite3* db_;
    bool owns_transaction_ = false;      // BEGIN IMMEDIATE (else a SAVEPOINT in the caller's)
    bool foreign_keys_disabled_ = false;  // we turned enforcement off and must turn it back on
};

}  // namespace migrate::sqlite
