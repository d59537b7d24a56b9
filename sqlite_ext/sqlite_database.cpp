#include "sqlite_database.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"
#include "sql_text.hpp"
#include "sql_tokens.hpp"
#include "text.hpp"


namespace migrate::sqlite {
namespace {

constexpr const char* kSavepoint = "migrate_run";
constexpr const char* kRollbackSavepoint = "ROLLBACK TO migrate_run; RELEASE migrate_run";

// Frees a prepared statement on every path out of a scope.
struct Statement {
    sqlite3_stmt* stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

// Where the first token of `text` starts: white space and comments skipped.
std::size_t first_token(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
        } else if (text.compare(i, 2, "--") == 0) {
            auto nl = text.find('\n', i);
            i = nl == std::string_view::npos ? text.size() : nl + 1;
        } else if (text.compare(i, 2, "/*") == 0) {
            auto close = text.find("*/", i + 2);
            i = close == std::string_view::npos ? text.size() : close + 2;
        } else {
            break;
        }
    }
    return i;
}

std::string first_word(std::string_view text) {
    std::size_t begin = first_token(text), end = begin;
    while (end < text.size() && is_ascii_alpha(text[end])) ++end;
    return lower(text.substr(begin, end - begin));
}

// docs/reference.md section 8: a step cannot end or escape the run's
// transaction. SQLite's transaction statements all start with one of a few
// keywords, so the statement's own first words decide; savepoints the step
// opened itself it may release or roll back to. (An authorizer would do the
// same but replaces the application's own, which cannot be read back.)
class TransactionGuard {
public:
    // Throws when `statement` would end or leave the transaction.
    void check(std::string_view statement) {
        const std::string keyword = first_word(statement);
        if (keyword == "begin" || keyword == "commit" || keyword == "end") refuse(statement);
        if (keyword != "savepoint" && keyword != "release" && keyword != "rollback") return;
        const sql::Tokens tokens = sql::tokenize(statement);
        std::vector<std::string> words;
        for (const auto& t : tokens)
            if (t.kind != sql::TokenKind::Punct) words.push_back(lower(sql::name_of(t)));
        if (keyword == "savepoint") {
            if (words.size() >= 2) open_.push_back(words.back());
            return;
        }
        // RELEASE [SAVEPOINT] name; ROLLBACK [TRANSACTION] TO [SAVEPOINT] name
        if (keyword == "rollback" && std::find(words.begin(), words.end(), "to") == words.end()) refuse(statement);
        if (words.size() < 2) refuse(statement);
        auto it = std::find(open_.rbegin(), open_.rend(), words.back());
        if (it == open_.rend()) refuse(statement);
        // RELEASE drops the savepoint and those above it; ROLLBACK TO keeps it.
        open_.erase(keyword == "release" ? std::prev(it.base()) : it.base(), open_.end());
    }

private:
    [[noreturn]] static void refuse(std::string_view statement) {
        throw Error(ErrorKind::Execution,
                    fmt::format("'{}' would end or escape the run's transaction: a step cannot commit, roll back, "
                                "or release a savepoint it did not open (each call is one transaction; "
                                "transaction_per_migration = true commits step by step)",
                                excerpt(trim(statement.substr(first_token(statement))), 40)));
    }

    std::vector<std::string> open_;  // the step's own savepoints, innermost last
};

}  // namespace

void SqliteDatabase::execute_step(const std::string& sql, std::size_t& failed_line) {
    // Statement by statement, as sqlite3_exec does, so that each statement is
    // checked before it runs and a failure names its line.
    TransactionGuard guard;
    const char* const begin = sql.c_str();
    const char* const end = begin + sql.size();
    const bool has_error_offset = sqlite3_libversion_number() >= 3038000;
    auto line_at = [&](std::size_t offset) {
        return static_cast<std::size_t>(std::count(begin, begin + std::min(offset, sql.size()), '\n'));
    };
    for (const char* at = begin; at < end;) {
        Statement s;
        const char* tail = nullptr;
        // The length counts the terminating NUL: SQLite copies a text it
        // cannot see ending, which for each statement of a large section
        // would be all the rest of it.
        int rc = sqlite3_prepare_v2(db_, at, static_cast<int>(end - at) + 1, &s.stmt, &tail);
        const std::string_view text(at, static_cast<std::size_t>((tail ? tail : end) - at));
        const std::size_t start = static_cast<std::size_t>(at - begin) + first_token(text);
        if (rc != SQLITE_OK) {
            const int offset = has_error_offset ? sqlite3_error_offset(db_) : -1;
            failed_line = line_at(offset >= 0 ? static_cast<std::size_t>(at - begin) + offset : start);
            fail(rc, "");
        }
        if (!s.stmt) {  // white space, a comment or a lone ";"
            if (!tail || tail <= at) break;
            at = tail;
            continue;
        }
        try {
            guard.check(text);
        } catch (...) {
            failed_line = line_at(start);
            throw;
        }
        while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
            failed_line = line_at(start);
            fail(rc, "");
        }
        at = tail;
    }
}

void SqliteDatabase::fail(int rc, const std::string& what) const {
    // A lost lock keeps SQLite's own code so the caller can retry.
    throw Error(ErrorKind::Execution, what.empty() ? sqlite3_errmsg(db_) : what, rc & 0xff);
}

void SqliteDatabase::execute(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        fail(rc, text);
    }
}

std::vector<Row> SqliteDatabase::query(const std::string& sql, const std::vector<std::string>& params) {
    Statement s;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &s.stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, "");
    for (std::size_t i = 0; i < params.size(); ++i)
        sqlite3_bind_text(s.stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                          SQLITE_TRANSIENT);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(s.stmt);
    while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
        Row row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            auto text = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, c));
            if (text)
                row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, c))));
            else
                row.emplace_back(std::nullopt);
        }
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail(rc, "");
    return rows;
}

void SqliteDatabase::check_interrupts() {
#if SQLITE_VERSION_NUMBER >= 3041000
    if (sqlite3_is_interrupted(db_)) fail(SQLITE_INTERRUPT, sqlite3_errstr(SQLITE_INTERRUPT));
#else
    // Before 3.41 the flag cannot be read, but a statement started while the
    // calling one runs is interrupted at its first step.
    Statement s;
    int rc = sqlite3_prepare_v2(db_, "SELECT 1", -1, &s.stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(s.stmt);
    if (rc == SQLITE_INTERRUPT) fail(SQLITE_INTERRUPT, sqlite3_errstr(SQLITE_INTERRUPT));
#endif
}

bool SqliteDatabase::table_exists(const TableName& table) {
    std::string schema = table.schema.empty() ? "main" : table.schema;
    // SQLite's names are case-insensitive (ASCII only, as NOCASE folds):
    // "Alembic_Version" is the version table.
    return !query(fmt::format("SELECT 1 FROM {}.sqlite_master WHERE type = 'table' AND name = ?1 COLLATE NOCASE",
                              quote_identifier(schema)),
                  {table.name})
                .empty();
}

bool SqliteDatabase::can_commit_per_step() const { return sqlite3_get_autocommit(db_) != 0; }

void SqliteDatabase::begin_run(const TableName& version_table) {
    // SQLite can neither commit nor open a savepoint while a statement that
    // writes is running on this connection: refuse before any work rather
    // than fail at the end with "SQL statements in progress".
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s; s = sqlite3_next_stmt(db_, s))
        if (sqlite3_stmt_busy(s) && !sqlite3_stmt_readonly(s))
            throw Error(ErrorKind::Usage,
                        "a migration cannot run inside a statement that writes (such as INSERT ... SELECT "
                        "migrate_upgrade(...)); call it in a SELECT of its own");
    if (sqlite3_get_autocommit(db_)) {
        // Enforcement can only change outside a transaction: a run turns it
        // off so that rebuilding a parent table cannot cascade to its children,
        // and checks the whole database before it commits.
        auto on = query("PRAGMA foreign_keys");
        if (!on.empty() && on[0][0] && *on[0][0] == "1") {
            execute("PRAGMA foreign_keys = OFF");
            foreign_keys_disabled_ = true;
        }
        try {
            execute("BEGIN IMMEDIATE");
        } catch (...) {
            restore_foreign_keys();
            throw;
        }
        owns_transaction_ = true;
        return;
    }
    owns_transaction_ = false;
    execute(fmt::format("SAVEPOINT {}", kSavepoint));
    try {
        // Inside the caller's transaction: a write of the unchanged
        // user_version takes the write lock before the version table is read.
        std::string schema = quote_identifier(version_table.schema.empty() ? "main" : version_table.schema);
        auto version = query(fmt::format("PRAGMA {}.user_version", schema));
        execute(fmt::format("PRAGMA {}.user_version = {}", schema, version.at(0).at(0).value_or("0")));
    } catch (...) {
        rollback_run();
        throw;
    }
}

void SqliteDatabase::check_foreign_keys() {
    auto violations = query("PRAGMA foreign_key_check");
    if (violations.empty()) return;
    const Row& first = violations[0];
    auto text = [&](std::size_t i) { return i < first.size() && first[i] ? *first[i] : std::string("NULL"); };
    throw Error(ErrorKind::Execution,
                fmt::format("FOREIGN KEY constraint failed: {} row(s) violate foreign keys after the run, the first "
                            "in table {} (rowid {}) referencing {}; nothing was applied",
                            violations.size(), text(0), text(1), text(2)),
                SQLITE_CONSTRAINT);
}

void SqliteDatabase::commit_run() {
    if (!owns_transaction_) {
        execute(fmt::format("RELEASE {}", kSavepoint));
        return;
    }
    if (foreign_keys_disabled_) check_foreign_keys();
    execute("COMMIT");
    owns_transaction_ = false;
    restore_foreign_keys();
}

void SqliteDatabase::rollback_run() noexcept {
    if (owns_transaction_) {
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        owns_transaction_ = false;
        restore_foreign_keys();
        return;
    }
    // A fixed text: nothing in this noexcept path may allocate.
    sqlite3_exec(db_, kRollbackSavepoint, nullptr, nullptr, nullptr);
}

void SqliteDatabase::restore_foreign_keys() noexcept {
    if (!foreign_keys_disabled_) return;
    sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    foreign_keys_disabled_ = false;
}

}  // namespace migrate::sqlite
