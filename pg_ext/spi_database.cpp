#include "spi_database.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "deployer_lock.hpp"
#include "encoding.hpp"
#include "error.hpp"
#include "pg_guard.hpp"
#include "search_path.hpp"
#include "sql_text.hpp"

#include "pg_headers.hpp"
extern "C" {
#include "parser/parser.h"
#include "parser/scanner.h"
}

namespace migrate::pg {
namespace {

// SPI's own refusals (no ERROR is raised for these), as errors of the step.
void check(int rc) {
    if (rc >= 0) return;
    if (rc == SPI_ERROR_TRANSACTION)
        throw Error(ErrorKind::Execution,
                    "transaction control statements are not allowed here: the call runs inside the caller's "
                    "transaction",
                    ERRCODE_INVALID_TRANSACTION_TERMINATION);
    if (rc == SPI_ERROR_COPY)
        throw Error(ErrorKind::Execution, "COPY to or from the client is not allowed here",
                    ERRCODE_FEATURE_NOT_SUPPORTED);
    throw Error(ErrorKind::Execution, fmt::format("SPI failed: {}", SPI_result_code_string(rc)),
                ERRCODE_INTERNAL_ERROR);
}

void free_result() {
    if (SPI_tuptable) pg_call([] { SPI_freetuptable(SPI_tuptable); });
}

// While the server's parser splits a step: a syntax error's position is
// reported as SPI reports one, in the text that was run (`arg`).
void report_as_internal_query(void* arg) {
    const int position = geterrposition();
    if (position <= 0) return;
    errposition(0);
    internalerrposition(position);
    internalerrquery(static_cast<const char*>(arg));
}

// The statements of `sql` (server encoding) as the server's parser splits
// it: [start, end) byte ranges, each from its first token (past the comments
// before it, which the server's scanner knows) to its `;`.
std::vector<std::pair<int, int>> statement_spans(const std::string& sql) {
    List* statements = pg_call([&] {
        ErrorContextCallback callback;
        callback.callback = report_as_internal_query;
        callback.arg = const_cast<char*>(sql.c_str());
        callback.previous = error_context_stack;
        error_context_stack = &callback;
        List* parsed = raw_parser(sql.c_str(), RAW_PARSE_DEFAULT);
        error_context_stack = callback.previous;
        return parsed;
    });
    std::vector<std::pair<int, int>> spans;
    ListCell* cell;
    foreach (cell, statements) {
        const RawStmt* statement = lfirst_node(RawStmt, cell);
        const int start = std::max(statement->stmt_location, 0);  // just after the previous `;`
        spans.emplace_back(start, statement->stmt_len > 0 ? start + statement->stmt_len : static_cast<int>(sql.size()));
    }
    // One pass of the scanner over the text, which the parser accepted.
    const std::size_t count = spans.size();
    pg_call([&] {
        core_yy_extra_type extra;
        core_yyscan_t scanner = scanner_init(sql.c_str(), &extra, &ScanKeywords, ScanKeywordTokens);
        core_YYSTYPE value;
        YYLTYPE location;
        std::size_t next = 0;
        while (next < count && core_yylex(&value, &location, scanner) != 0)
            for (; next < count && location >= spans[next].first; ++next)
                if (location < spans[next].second) spans[next].first = location;
        scanner_finish(scanner);
    });
    return spans;
}

// The 0-based line where an error lies in the text that was run: its
// position's when it has one, else the text's first.
std::size_t error_line(const ErrorData* data) {
    if (data && data->internalpos > 0 && data->internalquery) {
        const char* query = data->internalquery;
        const int position = data->internalpos;
        const int bytes =
            pg_call([&] { return pg_mbcharcliplen(query, static_cast<int>(strlen(query)), position - 1); });
        return static_cast<std::size_t>(std::count(query, query + bytes, '\n'));
    }
    return 0;  // a statement is run from its first token
}

}  // namespace

SpiDatabase::SpiDatabase() : unwinding_at_start_(std::uncaught_exceptions()) {
    int rc = pg_call([] { return SPI_connect(); });
    if (rc != SPI_OK_CONNECT)
        throw Error(ErrorKind::Internal, fmt::format("SPI_connect failed: {}", SPI_result_code_string(rc)));
}

SpiDatabase::~SpiDatabase() {
    run_.rollback();
    // On an error path the ERROR's abort of the (sub)transaction closes the
    // connection; SPI_finish here would act on a half-failed state.
    if (std::uncaught_exceptions() > unwinding_at_start_) return;
    try {
        pg_call([] { SPI_finish(); });
    } catch (...) {
        // Cannot fail once connected; a destructor must not throw anyway.
    }
}

void SpiDatabase::execute(const std::string& utf8) {
    const std::string sql = to_server(utf8);
    check(pg_call([&] {
        int level = pin_search_path();
        int rc = SPI_execute(sql.c_str(), false, 0);
        unpin_search_path(level);
        return rc;
    }));
    free_result();
}

void SpiDatabase::execute_user_sql(const std::string& utf8) {
    const std::string sql = to_server(utf8);
    check(pg_call([&] { return SPI_execute(sql.c_str(), false, 0); }));
    free_result();
}

// Statement by statement, as SPI_execute runs them, so that an error without
// a position (a missing table of DROP TABLE, a constraint violated) still
// names its statement's line.
void SpiDatabase::execute_step(const std::string& utf8, std::size_t& failed_line) {
    const std::string sql = to_server(utf8);
    std::vector<std::pair<int, int>> spans;
    try {
        spans = statement_spans(sql);
    } catch (const PgError& e) {
        failed_line = error_line(e.data());
        throw;
    }
    for (const auto& [start, end] : spans) {
        // From its first token: the error's QUERY is the statement as
        // written, and its line is the statement's.
        const std::string statement = sql.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
        auto lines_before = [&] { return static_cast<std::size_t>(std::count(sql.begin(), sql.begin() + start, '\n')); };
        try {
            check(pg_call([&] { return SPI_execute(statement.c_str(), false, 0); }));
            free_result();
        } catch (const PgError& e) {
            failed_line = lines_before() + error_line(e.data());
            throw;
        } catch (const Error&) {
            failed_line = lines_before();
            throw;
        }
    }
}

std::vector<Row> SpiDatabase::query(const std::string& utf8, const std::vector<std::string>& utf8_params) {
    const std::string sql = to_server(utf8);
    std::vector<std::string> params;
    params.reserve(utf8_params.size());
    for (const auto& p : utf8_params) params.push_back(to_server(p));
    const int n = static_cast<int>(params.size());
    std::vector<Oid> types(params.size(), TEXTOID);
    std::vector<Datum> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const std::string& p = params[i];
        values[i] = pg_call([&] { return PointerGetDatum(cstring_to_text_with_len(p.data(), static_cast<int>(p.size()))); });
    }
    check(pg_call([&] {
        int level = pin_search_path();
        int rc = SPI_execute_with_args(sql.c_str(), n, types.data(), values.data(), nullptr, false, 0);
        unpin_search_path(level);
        return rc;
    }));

    std::vector<Row> rows;
    SPITupleTable* table = SPI_tuptable;
    if (!table) return rows;
    const uint64 count = SPI_processed;
    const int columns = table->tupdesc->natts;
    rows.reserve(count);
    for (uint64 r = 0; r < count; ++r) {
        Row row;
        row.reserve(columns);
        for (int c = 1; c <= columns; ++c) {
            char* text = pg_call([&] { return SPI_getvalue(table->vals[r], table->tupdesc, c); });
            if (!text) {
                row.emplace_back(std::nullopt);
                continue;
            }
            row.emplace_back(to_utf8(text, std::strlen(text)));
            pg_call([&] { pfree(text); });
        }
        rows.push_back(std::move(row));
    }
    free_result();
    return rows;
}


bool SpiDatabase::table_exists(const TableName& table) {
    auto rows = query("SELECT pg_catalog.to_regclass($1::pg_catalog.text) IS NOT NULL", {qualified(table)});
    return !rows.empty() && rows[0].at(0) == std::optional<std::string>("t");
}

bool SpiDatabase::warn(const std::string& message) {
    const char* text = message.c_str();
    pg_call([&] { ereport(WARNING, (errmsg_internal("%s", text))); });
    return true;
}

TableName SpiDatabase::resolve_table(const TableName& table) {
    if (!table.schema.empty()) return table;
    if (auto schema = caller_relation_schema(table.name)) return {*schema, table.name};
    if (auto schema = caller_current_schema()) return {*schema, table.name};
    throw Error(ErrorKind::Usage,
                fmt::format("no schema for the version table {}: search_path names no schema that exists; set "
                            "version_table_schema",
                            table.name),
                ERRCODE_INVALID_SCHEMA_NAME);
}

void SpiDatabase::check_script_text(const std::string& text, const std::string& path) {
    try {
        (void)to_server(text);
    } catch (const PgError& e) {
        throw Error(ErrorKind::Script, fmt::format("{}: {}", path, e.what()), e.engine_code());
    }
}

void SpiDatabase::check_interrupts() {
    pg_call([] { CHECK_FOR_INTERRUPTS(); });
}

void SpiDatabase::begin_run(const TableName& version_table) {
    run_.begin();
    try {
        // The table is resolved (Migrator::version_table), so every
        // session that would write the same version table waits for the same
        // lock, whatever its search_path.
        if (version_table.schema.empty())
            throw Error(ErrorKind::Internal, "the deployer lock needs the version table's schema");
        query(kPgDeployerLockSql, {deployer_lock_key(version_table)});
    } catch (...) {
        run_.rollback();
        throw;
    }
}

void SpiDatabase::commit_run() { run_.commit(); }

void SpiDatabase::rollback_run() noexcept { run_.rollback(); }

}  // namespace migrate::pg
