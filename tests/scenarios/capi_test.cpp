// The SQLite extension through SQLite's C API, as an application embedding
// SQLite would use it: sqlite3_load_extension, then the functions, with the
// result codes an application checks (SQLITE_BUSY must stay SQLITE_BUSY).
//
// Usage: capi_test /path/to/migrate.so   (exits non-zero on any failure)
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;

namespace {

int failures = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            std::cerr << __FILE__ << ":" << __LINE__ << ": CHECK failed: " #cond "\n"; \
            ++failures;                                                               \
        }                                                                             \
    } while (0)

#define CHECK_EQ(actual, expected)                                                                 \
    do {                                                                                           \
        auto a_ = (actual);                                                                        \
        auto e_ = (expected);                                                                      \
        if (!(a_ == e_)) {                                                                         \
            std::cerr << __FILE__ << ":" << __LINE__ << ": " #actual "\n  is:       " << a_        \
                      << "\n  expected: " << e_ << "\n";                                           \
            ++failures;                                                                            \
        }                                                                                          \
    } while (0)

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The outcome of one single-value query.
struct Result {
    int rc = SQLITE_OK;               // of the first sqlite3_step (or prepare)
    int extended_rc = SQLITE_OK;      // sqlite3_extended_errcode after it
    std::optional<std::string> value;  // nullopt: NULL or no row
    std::string error;
};

std::ostream& operator<<(std::ostream& out, const std::optional<std::string>& v) {
    return out << (v ? "'" + *v + "'" : std::string("NULL"));
}

Result query(sqlite3* db, const std::string& sql) {
    Result r;
    sqlite3_stmt* stmt = nullptr;
    r.rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    if (r.rc == SQLITE_OK) {
        r.rc = sqlite3_step(stmt);
        if (r.rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
            r.value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    r.extended_rc = sqlite3_extended_errcode(db);
    if (r.rc != SQLITE_ROW && r.rc != SQLITE_DONE) r.error = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return r;
}

std::optional<std::string> value(sqlite3* db, const std::string& sql) {
    Result r = query(db, sql);
    if (r.rc != SQLITE_ROW && r.rc != SQLITE_DONE) {
        std::cerr << "unexpected error from " << sql << ": " << r.error << "\n";
        ++failures;
    }
    return r.value;
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::cerr << "exec failed: " << sql << ": " << (error ? error : "?") << "\n";
        ++failures;
    }
    sqlite3_free(error);
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string revision(const std::string& id, const std::string& revises, const std::string& message,
                     const std::string& upgrade, const std::string& downgrade) {
    return "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises +
           "\n\n-- migrate:upgrade\n" + upgrade + "\n\n-- migrate:downgrade\n" + downgrade + "\n";
}

sqlite3* open_with_extension(const std::string& file, const std::string& extension) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + file);
    }
    CHECK_EQ(sqlite3_enable_load_extension(db, 1), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_load_extension(db, extension.c_str(), nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string text = "sqlite3_load_extension(" + extension + "): " + (error ? error : "?");
        sqlite3_free(error);
        sqlite3_close(db);
        throw std::runtime_error(text);
    }
    return db;
}

// The scratch folder goes on every way out of main.
struct Scratch {
    fs::path path;
    ~Scratch() { fs::remove_all(path); }
};

// The checks; returns the exit status.
int run(const std::string& extension, const fs::path& scratch) {
    const fs::path project = scratch / "migrations";
    fs::create_directories(project / "versions");
    write(project / "versions" / "a_account.sql",
          revision("a", "", "create account", "CREATE TABLE account (id INTEGER PRIMARY KEY);", "DROP TABLE account;"));
    write(project / "versions" / "b_orders.sql",
          revision("b", "a", "create orders",
                   "CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account (id));",
                   "DROP TABLE orders;"));
    const std::string file = (scratch / "capi.db").string();

    sqlite3* db = open_with_extension(file, extension);
    CHECK_EQ(value(db, "SELECT migrate_config('script_location', '" + project.string() + "')"),
             std::optional<std::string>(project.string()));

    // upgrade and downgrade, with Alembic's log lines
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>());
    CHECK_EQ(value(db, "SELECT migrate_upgrade('head')"),
             std::optional<std::string>("Running upgrade  -> a, create account\n"
                                        "Running upgrade a -> b, create orders"));
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>("b"));
    CHECK_EQ(value(db, "SELECT group_concat(version_num) FROM alembic_version"), std::optional<std::string>("b"));
    CHECK_EQ(value(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('account', 'orders')"),
             std::optional<std::string>("2"));
    CHECK_EQ(value(db, "SELECT migrate_upgrade('head')"), std::optional<std::string>(""));
    CHECK_EQ(value(db, "SELECT migrate_downgrade('-1')"),
             std::optional<std::string>("Running downgrade b -> a, create orders"));
    CHECK_EQ(value(db, "SELECT count(*) FROM sqlite_master WHERE name = 'orders'"), std::optional<std::string>("0"));
    CHECK_EQ(value(db, "SELECT count(*) FROM migrate_versions WHERE is_current"), std::optional<std::string>("1"));
    CHECK(sqlite3_get_autocommit(db));

    // a resolution error: SQLITE_ERROR with Alembic's message, nothing open
    Result r = query(db, "SELECT migrate_upgrade('zzzz')");
    CHECK_EQ(r.rc, SQLITE_ERROR);
    CHECK(contains(r.error, "Can't locate revision identified by 'zzzz'"));
    CHECK(sqlite3_get_autocommit(db));

    // a failing step: SQLITE_ERROR naming the revision, its file and SQLite's message
    write(project / "versions" / "c_broken.sql",
          revision("c", "b", "broken", "CREATE TABLE t_c (id INTEGER);\nINSERT INTO missing_table VALUES (1);", ""));
    r = query(db, "SELECT migrate_upgrade('head')");
    CHECK_EQ(r.rc, SQLITE_ERROR);
    CHECK(contains(r.error, "upgrade of revision c"));
    CHECK(contains(r.error, (project / "versions" / "c_broken.sql").string()));
    CHECK(contains(r.error, "no such table: missing_table"));
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>("a"));
    CHECK_EQ(value(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('orders', 't_c')"),
             std::optional<std::string>("0"));
    CHECK(sqlite3_get_autocommit(db));
    fs::remove(project / "versions" / "c_broken.sql");

    // another connection holds the write lock: with no busy timeout the call
    // fails with SQLITE_BUSY itself, so that the application can retry
    sqlite3* other = open_with_extension(file, extension);
    CHECK_EQ(value(other, "SELECT migrate_config('script_location')"), std::optional<std::string>("migrations"));
    exec(other, "BEGIN IMMEDIATE");
    sqlite3_busy_timeout(db, 0);
    exec(db, "PRAGMA foreign_keys = ON");
    r = query(db, "SELECT migrate_upgrade('head')");
    CHECK_EQ(r.rc, SQLITE_BUSY);
    CHECK_EQ(r.extended_rc & 0xff, SQLITE_BUSY);
    CHECK(contains(r.error, "database is locked"));
    CHECK(sqlite3_get_autocommit(db));
    CHECK_EQ(value(db, "PRAGMA foreign_keys"), std::optional<std::string>("1"));  // restored after the lost lock
    exec(other, "ROLLBACK");
    CHECK_EQ(value(db, "SELECT migrate_upgrade('head')"),
             std::optional<std::string>("Running upgrade a -> b, create orders"));

    // a foreign-key violation left by a run: SQLITE_CONSTRAINT, undone, pragma restored
    write(project / "versions" / "c_orphan.sql",
          revision("c", "b", "orphan", "INSERT INTO orders (id, account_id) VALUES (1, 42);", ""));
    r = query(db, "SELECT migrate_upgrade('head')");
    CHECK_EQ(r.rc, SQLITE_CONSTRAINT);
    CHECK(contains(r.error, "FOREIGN KEY constraint failed"));
    CHECK_EQ(value(db, "SELECT count(*) FROM orders"), std::optional<std::string>("0"));
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>("b"));
    CHECK_EQ(value(db, "PRAGMA foreign_keys"), std::optional<std::string>("1"));
    fs::remove(project / "versions" / "c_orphan.sql");

    // inside the application's transaction the call joins it
    exec(db, "BEGIN");
    CHECK_EQ(value(db, "SELECT migrate_downgrade('base')"),
             std::optional<std::string>("Running downgrade b -> a, create orders\n"
                                        "Running downgrade a -> , create account"));
    CHECK(!sqlite3_get_autocommit(db));
    exec(db, "ROLLBACK");
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>("b"));
    CHECK_EQ(value(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('account', 'orders')"),
             std::optional<std::string>("2"));

    // a view cannot call the functions (SQLITE_DIRECTONLY)
    exec(db, "CREATE VIEW planted AS SELECT migrate_downgrade('base')");
    r = query(db, "SELECT * FROM planted");
    CHECK_EQ(r.rc, SQLITE_ERROR);
    CHECK(contains(r.error, "unsafe use of migrate_downgrade()"));
    CHECK_EQ(value(db, "SELECT migrate_current()"), std::optional<std::string>("b"));

    // closing frees everything the extension holds
    CHECK_EQ(sqlite3_close(other), SQLITE_OK);
    CHECK_EQ(sqlite3_close(db), SQLITE_OK);

    if (failures) {
        std::cerr << failures << " check(s) failed\n";
        return 1;
    }
    std::cout << "capi_test: all checks passed\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: capi_test /path/to/migrate.so\n";
        return 2;
    }
    char scratch_template[] = "/tmp/migrate-capi-XXXXXX";
    if (!mkdtemp(scratch_template)) return 2;
    Scratch scratch{scratch_template};
    try {
        return run(argv[1], scratch.path);
    } catch (const std::exception& e) {
        std::cerr << "capi_test: " << e.what() << "\n";
        return 1;
    }
}
