// migrate_versions(script_location DEFAULT NULL): one row per revision file,
// the set-returning function under the migrate_versions view. The argument
// reads another folder, like SQLite's migrate_versions('other/migrations').
#include <map>
#include <string>
#include <vector>

#include "datum.hpp"
#include "gucs.hpp"
#include "migrator.hpp"
#include "pg_guard.hpp"
#include "privileges.hpp"
#include "spi_database.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

constexpr int kColumns = 15;

// Runs under pg_call: plain data only.
void put_row(ReturnSetInfo* rsinfo, const VersionRow& row) {
    Datum values[kColumns];
    bool nulls[kColumns] = {};
    int i = 0;
    // UTF-8 to the database's encoding (encoding.hpp), here under the guard.
    auto text = [&](const std::string& s) {
        char* converted = pg_any_to_server(s.data(), static_cast<int>(s.size()), PG_UTF8);
        values[i++] = PointerGetDatum(cstring_to_text(converted));
    };
    auto optional_text = [&](const std::optional<std::string>& s) {
        if (s) {
            text(*s);
            return;
        }
        nulls[i] = true;
        values[i++] = 0;
    };
    auto flag = [&](bool b) { values[i++] = BoolGetDatum(b); };
    text(row.revision);
    optional_text(row.down_revision);
    optional_text(row.branch_labels);
    optional_text(row.depends_on);
    text(row.message);
    text(row.create_date);
    text(row.path);
    flag(row.is_head);
    flag(row.is_base);
    flag(row.is_branch_point);
    flag(row.is_merge_point);
    flag(row.is_current);
    flag(row.is_applied);
    optional_text(row.checksum);
    flag(row.modified);
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

Datum versions(FunctionCallInfo fcinfo) {
    std::map<std::string, std::string> overrides;
    if (auto location = text_argument(fcinfo, 0)) overrides["script_location"] = *location;
    Settings settings = session_settings(overrides);
    require_script_read(settings);
    std::vector<VersionRow> rows;
    {
        SpiDatabase db;
        rows = Migrator(db, settings).versions();
    }
    pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
    auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
    if (rsinfo->setDesc->natts != kColumns)
        throw Error(ErrorKind::Internal, "migrate_versions is declared with the wrong number of columns");
    for (const VersionRow& row : rows) pg_call([&] { put_row(rsinfo, row); });
    return 0;
}

}  // namespace
}  // namespace migrate::pg

MIGRATE_SQL_FUNCTION(migrate_versions, migrate::pg::versions)
