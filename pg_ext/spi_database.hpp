#pragma once
// The core's Database interface over SPI, inside the caller's transaction.
#include <string>
#include <vector>

#include "database.hpp"
#include "subtransaction.hpp"

namespace migrate::pg {

// Connects to SPI for the lifetime of the object.
class SpiDatabase : public Database {
public:
    SpiDatabase();
    ~SpiDatabase() override;
    SpiDatabase(const SpiDatabase&) = delete;
    SpiDatabase& operator=(const SpiDatabase&) = delete;

    // The extension's own statements: search_path pinned (search_path.hpp).
    void execute(const std::string& sql) override;
    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) override;
    // Steps and target-schema files: the caller's search_path.
    void execute_user_sql(const std::string& sql) override;
    std::string parameter(int n) const override { return "$" + std::to_string(n); }
    const SqlDialect& dialect() const override { return SqlDialect::postgresql(); }
    bool table_exists(const TableName& table) override;
    TableName resolve_table(const TableName& table) override;
    void check_interrupts() override;
    void check_script_text(const std::string& text, const std::string& path) override;

    // A run is an internal subtransaction of the caller's transaction, so a
    // failed call leaves nothing behind even when the caller catches the
    // error; the deployer lock is a transaction-scoped advisory lock that
    // passes to the caller's transaction when the run succeeds.
    void begin_run(const TableName& version_table) override;
    void commit_run() override;
    void rollback_run() noexcept override;
    // A function cannot commit the transaction it runs in.
    bool can_commit_per_step() const override { return false; }

private:
    int unwinding_at_start_;  // std::uncaught_exceptions() when connected
    InternalSubtransaction run_;
};

}  // namespace migrate::pg
