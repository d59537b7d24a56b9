#include "spi_database.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_guard.hpp"
#include "sql_text.hpp"

#include "pg_headers.hpp"

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

void SpiDatabase::execute(const std::string& sql) {
    check(pg_call([&] { return SPI_execute(sql.c_str(), false, 0); }));
    free_result();
}

std::vector<Row> SpiDatabase::query(const std::string& sql, const std::vector<std::string>& params) {
    const int n = static_cast<int>(params.size());
    std::vector<Oid> types(params.size(), TEXTOID);
    std::vector<Datum> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const std::string& p = params[i];
        values[i] = pg_call([&] { return PointerGetDatum(cstring_to_text_with_len(p.data(), static_cast<int>(p.size()))); });
    }
    check(pg_call([&] { return SPI_execute_with_args(sql.c_str(), n, types.data(), values.data(), nullptr, false, 0); }));

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
            row.emplace_back(std::string(text));
            pg_call([&] { pfree(text); });
        }
        rows.push_back(std::move(row));
    }
    free_result();
    return rows;
}


bool SpiDatabase::table_exists(const TableName& table) {
    auto rows = query("SELECT to_regclass($1) IS NOT NULL", {qualified(table)});
    return !rows.empty() && rows[0].at(0) == std::optional<std::string>("t");
}

void SpiDatabase::begin_run(const TableName& version_table) {
    run_.begin();
    try {
        // The key names the table as resolved now, so every session that
        // would write the same version table waits for the same lock.
        query("SELECT pg_advisory_xact_lock(hashtextextended("
              "'migrate ' || coalesce(nullif($1, ''), current_schema()) || '.' || $2, 0))",
              {version_table.schema, version_table.name});
    } catch (...) {
        run_.rollback();
        throw;
    }
}

void SpiDatabase::commit_run() { run_.commit(); }

void SpiDatabase::rollback_run() noexcept { run_.rollback(); }

}  // namespace migrate::pg
