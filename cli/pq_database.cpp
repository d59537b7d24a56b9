#include "pq_database.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "deployer_lock.hpp"
#include "error.hpp"
#include "libpq.hpp"
#include "sql_tokens.hpp"

namespace migrate::cli {

struct PqDatabase::Result {
    std::unique_ptr<PGresult, decltype(&PQclear)> result{nullptr, libpq().PQclear};
};

namespace {

constexpr const char* kPinned = "pg_catalog, pg_temp";

// The server's NOTICEs (CREATE TABLE IF NOT EXISTS ... skipping) stay off
// the screen, as they do under Alembic.
void ignore_notice(void*, const char*) {}

}  // namespace

PqDatabase::PqDatabase(const DatabaseUrl& url) {
    std::vector<const char*> keys, values;
    for (const auto& [key, value] : url.pq_params) {
        keys.push_back(key.c_str());
        values.push_back(value.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = libpq().PQconnectdbParams(keys.data(), values.data(), 0);
    if (!conn_) throw Error(ErrorKind::Execution, "out of memory while connecting to PostgreSQL");
    if (libpq().PQstatus(conn_) != CONNECTION_OK) {
        std::string message = libpq().PQerrorMessage(conn_);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        libpq().PQfinish(conn_);
        conn_ = nullptr;
        throw Error(ErrorKind::Execution, fmt::format("cannot connect to {}: {}", url.display, message));
    }
    libpq().PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PqDatabase::~PqDatabase() {
    if (conn_) libpq().PQfinish(conn_);
}

void PqDatabase::fail(PGresult* result) const {
    const char* primary = result ? libpq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : libpq().PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (result)
        if (const char* detail = libpq().PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
            message += fmt::format(" ({})", detail);
    throw Error(ErrorKind::Execution, message);
}

PqDatabase::Result PqDatabase::run(const std::string& sql, const std::vector<std::string>& params,
                                   bool many_statements, bool user_sql) {
    if (!user_sql && session_path_in_force_) {
        // What the steps left in force (their own SET search_path included)
        // is the session's path for the next step.
        session_path_in_force_ = false;
        auto rows = query(fmt::format("SELECT pg_catalog.current_setting('search_path'), "
                                      "pg_catalog.set_config('search_path', '{}', true)",
                                      kPinned));
        session_search_path_ = rows.at(0).at(0).value_or("");
        if (session_search_path_.empty()) session_search_path_ = "\"\"";  // as pin_search_path
    }
    Result r;
    if (many_statements) {
        r.result.reset(libpq().PQexec(conn_, sql.c_str()));
    } else {
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p.c_str());
        r.result.reset(libpq().PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                    nullptr, nullptr, 0));
    }
    auto status = r.result ? libpq().PQresultStatus(r.result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.result.get());
    return r;
}

void PqDatabase::execute(const std::string& sql) { run(sql, {}, true); }

void PqDatabase::execute_user_sql(const std::string& sql) {
    if (session_search_path_.empty() || session_path_in_force_) {
        run(sql, {}, true, true);
        return;
    }
    // The session's search_path stays in force from this step through the
    // next ones, as in one psql script, until the tool's next statement of
    // its own: consecutive steps are one round trip each.
    run(fmt::format("SELECT pg_catalog.set_config('search_path', {}, true);\n{}",
                    dialect().quote_literal(session_search_path_), sql),
        {}, true, true);
    session_path_in_force_ = true;
}

std::vector<Row> PqDatabase::query(const std::string& sql, const std::vector<std::string>& params) {
    auto r = run(sql, params, false);
    PGresult* result = r.result.get();
    std::vector<Row> rows;
    const int count = libpq().PQntuples(result), columns = libpq().PQnfields(result);
    rows.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        Row row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            if (libpq().PQgetisnull(result, i, c))
                row.emplace_back(std::nullopt);
            else
                row.emplace_back(std::string(libpq().PQgetvalue(result, i, c),
                                             static_cast<std::size_t>(libpq().PQgetlength(result, i, c))));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool PqDatabase::table_exists(const TableName& table) {
    // pg_class read with the statement's snapshot, not to_regclass: a name
    // looked up before the deployer lock (resolve_schema) leaves a negative
    // entry in the session's catalog cache that a lock wait does not refresh,
    // so to_regclass would miss a table another deployer created meanwhile.
    auto rows = query("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                      "c.relnamespace WHERE n.nspname = $1 AND c.relname = $2)",
                      {resolve_table(table).schema, table.name});
    return !rows.empty() && rows[0].at(0) == std::optional<std::string>("t");
}

TableName PqDatabase::resolve_table(const TableName& table) {
    if (table.schema.empty())
        throw Error(ErrorKind::Internal, fmt::format("the table {} reached the database unresolved", table.name));
    return table;
}

std::string PqDatabase::resolve_schema(const std::string& table) {
    auto rows = query(
        "SELECT coalesce((SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
        "c.relnamespace WHERE c.oid = pg_catalog.to_regclass(pg_catalog.quote_ident($1))), "
        "pg_catalog.current_schema())",
        {table});
    if (rows.empty() || !rows[0][0])
        throw Error(ErrorKind::Usage,
                    "no schema has been selected to create the version table in: search_path names no schema that "
                    "exists (set version_table_schema)");
    return *rows[0][0];
}

void PqDatabase::pin_search_path() {
    auto rows = query(fmt::format("SELECT pg_catalog.current_setting('search_path'), "
                                  "pg_catalog.set_config('search_path', '{}', false)",
                                  kPinned));
    session_search_path_ = rows.at(0).at(0).value_or("");
    if (session_search_path_.empty()) session_search_path_ = "\"\"";  // an empty path stays empty for the steps
}

void PqDatabase::set_local_search_path(const std::string& path) {
    query("SELECT pg_catalog.set_config('search_path', $1, true)", {path});
}

void PqDatabase::begin_run(const TableName& version_table) {
    if (lock_key_.empty()) {
        // The extension's lock key, on the resolved version table; taken
        // before the transaction starts, so its first read sees what the
        // previous holder committed.
        std::string key = deployer_lock_key(resolve_table(version_table));
        query(kPgDeployerSessionLockSql, {key});
        lock_key_ = std::move(key);
    }
    execute("BEGIN");
}

void PqDatabase::end_run() noexcept {
    if (lock_key_.empty()) return;
    const char* values[] = {lock_key_.c_str()};
    libpq().PQclear(libpq().PQexecParams(conn_, kPgDeployerSessionUnlockSql, 1, nullptr, values, nullptr, nullptr, 0));
    lock_key_.clear();
}

void PqDatabase::execute_outside_transaction(const std::string& sql, std::size_t& failed_line) {
    if (libpq().PQtransactionStatus(conn_) != PQTRANS_IDLE)
        throw Error(ErrorKind::Internal, "a step outside a transaction was started inside one");
    // The step sees the session's search_path, and what it sets there stays
    // for the next step, as for the steps inside a transaction.
    const bool pinned = !session_search_path_.empty();
    if (pinned) query("SELECT pg_catalog.set_config('search_path', $1, false)", {session_search_path_});
    auto repin = [&] {
        if (!pinned) return;
        auto rows = query(fmt::format("SELECT pg_catalog.current_setting('search_path'), "
                                      "pg_catalog.set_config('search_path', '{}', false)",
                                      kPinned));
        session_search_path_ = rows.at(0).at(0).value_or("");
        if (session_search_path_.empty()) session_search_path_ = "\"\"";  // as pin_search_path
    };
    std::size_t from = 0;
    try {
        for (const auto& statement : sql::split_statements(sql)) {
            // Where the statement's first token lies in the section, for the
            // error's line.
            const sql::Tokens tokens = sql::tokenize(statement);
            const std::string_view head = tokens.empty() ? std::string_view(statement)
                                                         : std::string_view(statement).substr(tokens[0].offset);
            const std::size_t at = sql.find(head.substr(0, head.find('\n')), from);
            if (at != std::string::npos) from = at;
            try {
                run(statement, {}, true);
            } catch (...) {
                failed_line = static_cast<std::size_t>(std::count(sql.begin(), sql.begin() + from, '\n'));
                throw;
            }
            if (at != std::string::npos) from = at + 1;
        }
    } catch (...) {
        if (libpq().PQtransactionStatus(conn_) != PQTRANS_IDLE) libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
        try {
            repin();
        } catch (...) {
        }
        throw;
    }
    repin();
    if (libpq().PQtransactionStatus(conn_) != PQTRANS_IDLE)
        throw Error(ErrorKind::Execution, "a step outside a transaction left a transaction open (BEGIN in its SQL)");
}

void PqDatabase::commit_run() {
    // A step that ended the transaction itself (COMMIT in its SQL) broke the
    // run's all-or-nothing: say so rather than commit half of it silently.
    if (libpq().PQtransactionStatus(conn_) != PQTRANS_INTRANS)
        throw Error(ErrorKind::Execution,
                    "the run's transaction was ended by a step (COMMIT or ROLLBACK in a revision's SQL)");
    Result r = run("COMMIT", {}, true);
    if (std::string(libpq().PQcmdStatus(r.result.get())) != "COMMIT")
        throw Error(ErrorKind::Execution, "the run's transaction was rolled back by the server");
    // A step's session-level SET search_path survives the commit: pin again.
    if (!session_search_path_.empty())
        execute(fmt::format("SELECT pg_catalog.set_config('search_path', '{}', false)", kPinned));
}

void PqDatabase::rollback_run() noexcept {
    // The steps' path was set for their transaction only.
    session_path_in_force_ = false;
    if (libpq().PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
    libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
}

}  // namespace migrate::cli
