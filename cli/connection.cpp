#include "connection.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "error.hpp"
#include "pq_database.hpp"
#include "pq_session.hpp"
#include "settings.hpp"
#include "sqlite_database.hpp"
#include "sqlite_schema_engine.hpp"

namespace migrate::cli {
namespace {

// The extension's SQLite database over the connection the command line
// owns: between the run's transactions nothing else runs on it, so a
// transaction:false step runs in autocommit (each statement commits on its
// own: VACUUM works). execute_step's guard still refuses BEGIN and COMMIT.
class CliSqliteDatabase : public sqlite::SqliteDatabase {
public:
    explicit CliSqliteDatabase(sqlite3* handle) : SqliteDatabase(handle), handle_(handle) {}
    bool can_run_outside_transaction() const override { return true; }
    void execute_outside_transaction(const std::string& sql, std::size_t& failed_line) override {
        if (!sqlite3_get_autocommit(handle_))
            throw Error(ErrorKind::Internal, "a step outside a transaction was started inside one");
        execute_step(sql, failed_line);
    }

private:
    sqlite3* handle_;
};

class SqliteConnection : public Connection {
public:
    explicit SqliteConnection(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &handle_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc);
            sqlite3_close_v2(handle_);
            throw Error(ErrorKind::Execution, fmt::format("cannot open SQLite database '{}': {}", path, message), rc);
        }
        // pysqlite's default: another deployer's write lock is waited for.
        sqlite3_busy_timeout(handle_, 5000);
        db_ = std::make_unique<CliSqliteDatabase>(handle_);
        schema_ = std::make_unique<sqlite::SqliteSchemaEngine>(handle_);
    }
    ~SqliteConnection() override {
        schema_.reset();
        db_.reset();
        sqlite3_close_v2(handle_);
    }
    Database& db() override { return *db_; }
    schema::SchemaEngine* schema_engine() override { return schema_.get(); }
    const char* impl_name() const override { return "SQLiteImpl"; }
    bool transactional_ddl() const override { return false; }

private:
    sqlite3* handle_ = nullptr;
    std::unique_ptr<CliSqliteDatabase> db_;
    std::unique_ptr<sqlite::SqliteSchemaEngine> schema_;
};

class PostgresConnection : public Connection {
public:
    explicit PostgresConnection(const DatabaseUrl& url) : db_(url), session_(db_), schema_(session_) {}
    Database& db() override { return db_; }
    schema::SchemaEngine* schema_engine() override { return &schema_; }
    const char* impl_name() const override { return "PostgresqlImpl"; }
    bool transactional_ddl() const override { return true; }
    PqDatabase& pq() { return db_; }

private:
    PqDatabase db_;
    PqSession session_;
    pg::PgSchemaEngine schema_;
};

// The dialect without a database: what offline SQL and revision writing need.
class DialectDatabase : public Database {
public:
    explicit DialectDatabase(bool postgresql) : postgresql_(postgresql) {}
    void execute(const std::string&) override { no_database(); }
    std::vector<Row> query(const std::string&, const std::vector<std::string>&) override { no_database(); }
    std::string parameter(int n) const override { return (postgresql_ ? "$" : "?") + std::to_string(n); }
    const SqlDialect& dialect() const override {
        return postgresql_ ? SqlDialect::postgresql() : SqlDialect::sqlite();
    }
    bool table_exists(const TableName&) override { no_database(); }
    int reader_threads() const override { return 4; }
    void begin_run(const TableName&) override { no_database(); }
    void commit_run() override { no_database(); }
    void rollback_run() noexcept override {}
    bool can_commit_per_step() const override { return false; }

private:
    [[noreturn]] static void no_database() {
        throw Error(ErrorKind::Internal, "this command works without a database connection");
    }
    bool postgresql_;
};

class OfflineConnection : public Connection {
public:
    explicit OfflineConnection(bool postgresql) : db_(postgresql), postgresql_(postgresql) {}
    Database& db() override { return db_; }
    const char* impl_name() const override { return postgresql_ ? "PostgresqlImpl" : "SQLiteImpl"; }
    bool transactional_ddl() const override { return postgresql_; }

private:
    DialectDatabase db_;
    bool postgresql_;
};

}  // namespace

std::unique_ptr<Connection> connect(const DatabaseUrl& url, std::map<std::string, std::string>& settings,
                                    const std::string& default_script_location) {
    if (url.dialect == DatabaseUrl::Dialect::Sqlite) return std::make_unique<SqliteConnection>(url.sqlite_path);
    auto connection = std::make_unique<PostgresConnection>(url);
    auto& schema = settings["version_table_schema"];
    if (schema.empty()) {
        Settings resolved(settings, default_script_location);
        // Reading the store, the table comes from the session alone: the
        // store's migrate.ini is read through it.
        auto session = settings.find("version_table");
        std::string table = resolved.reads_store() ? (session == settings.end() ? "" : session->second)
                                                   : resolved.get("version_table");
        schema = connection->pq().resolve_schema(table.empty() ? "alembic_version" : table);
    }
    connection->pq().pin_search_path();
    return connection;
}

std::unique_ptr<Connection> offline(const DatabaseUrl& url) {
    return std::make_unique<OfflineConnection>(url.dialect == DatabaseUrl::Dialect::Postgresql);
}

}  // namespace migrate::cli
