// migrate_versions: an eponymous-only virtual table with one row per revision
// file. The hidden column script_location takes another folder:
// SELECT * FROM migrate_versions('other/migrations').
#include <memory>
#include <string>
#include <vector>

#include "connection_state.hpp"
#include "guard.hpp"
#include "migrator.hpp"
#include "sqlite_database.hpp"


namespace migrate::sqlite {
namespace {

enum Column {
    kRevision,
    kDownRevision,
    kBranchLabels,
    kDependsOn,
    kMessage,
    kCreateDate,
    kPath,
    kIsHead,
    kIsBase,
    kIsBranchPoint,
    kIsMergePoint,
    kIsCurrent,
    kIsApplied,
    kChecksum,
    kModified,
    kScriptLocation,  // hidden argument
};

constexpr const char* kSchema =
    "CREATE TABLE x(revision TEXT, down_revision TEXT, branch_labels TEXT, depends_on TEXT, message TEXT, "
    "create_date TEXT, path TEXT, is_head INTEGER, is_base INTEGER, is_branch_point INTEGER, "
    "is_merge_point INTEGER, is_current INTEGER, is_applied INTEGER, checksum TEXT, modified INTEGER, "
    "script_location HIDDEN)";

struct Table {
    sqlite3_vtab base{};  // first: SQLite sees a sqlite3_vtab*
    sqlite3* db = nullptr;
    ConnectionState* state = nullptr;
};

struct Cursor {
    sqlite3_vtab_cursor base{};
    std::vector<VersionRow> rows;
    std::size_t index = 0;
    std::string script_location;
};

Table* table_of(sqlite3_vtab_cursor* cursor) { return reinterpret_cast<Table*>(cursor->pVtab); }

int connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char** error) {
    int rc = sqlite3_declare_vtab(db, kSchema);
    if (rc != SQLITE_OK) return rc;
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
    auto* table = new (std::nothrow) Table;
    if (!table) return SQLITE_NOMEM;
    table->db = db;
    table->state = static_cast<ConnectionState*>(aux);
    *out = &table->base;
    (void)error;
    return SQLITE_OK;
}

int disconnect(sqlite3_vtab* vtab) {
    delete reinterpret_cast<Table*>(vtab);
    return SQLITE_OK;
}

int best_index(sqlite3_vtab*, sqlite3_index_info* info) {
    info->idxNum = 0;
    bool argument_unknown = false;
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto& c = info->aConstraint[i];
        if (c.iColumn != kScriptLocation || c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
        if (!c.usable) {
            argument_unknown = true;
            continue;
        }
        // One argument is taken; SQLite itself checks any further `=` on the
        // column (two constraints may not share an argvIndex).
        if (info->idxNum == 1) continue;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
    }
    if (argument_unknown && info->idxNum == 0) return SQLITE_CONSTRAINT;  // the argument must be known first
    info->estimatedCost = 1000;
    return SQLITE_OK;
}

int open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    auto* cursor = new (std::nothrow) Cursor;
    if (!cursor) return SQLITE_NOMEM;
    *out = &cursor->base;
    return SQLITE_OK;
}

int close(sqlite3_vtab_cursor* cursor) {
    delete reinterpret_cast<Cursor*>(cursor);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* base, int idx_num, const char*, int argc, sqlite3_value** argv) {
    auto* cursor = reinterpret_cast<Cursor*>(base);
    Table* table = table_of(base);
    return guarded(&table->base, [&] {
        ConnectionState state = *table->state;
        if (idx_num == 1 && argc == 1) {
            auto text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
            if (!text) throw Error(ErrorKind::Usage, "migrate_versions: the script location must not be NULL");
            state.session_settings["script_location"] = text;
        }
        cursor->script_location = state.settings().script_location();
        SqliteDatabase db(table->db);
        cursor->rows = Migrator(db, state.settings()).versions();
        cursor->index = 0;
    });
}

int next(sqlite3_vtab_cursor* base) {
    ++reinterpret_cast<Cursor*>(base)->index;
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* base) {
    auto* cursor = reinterpret_cast<Cursor*>(base);
    return cursor->index >= cursor->rows.size();
}

void result_text(sqlite3_context* ctx, const std::string& s) {
    sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

void result_optional(sqlite3_context* ctx, const std::optional<std::string>& s) {
    if (s)
        result_text(ctx, *s);
    else
        sqlite3_result_null(ctx);
}

int column(sqlite3_vtab_cursor* base, sqlite3_context* ctx, int col) {
    auto* cursor = reinterpret_cast<Cursor*>(base);
    const VersionRow& row = cursor->rows[cursor->index];
    switch (col) {
        case kRevision: result_text(ctx, row.revision); break;
        case kDownRevision: result_optional(ctx, row.down_revision); break;
        case kBranchLabels: result_optional(ctx, row.branch_labels); break;
        case kDependsOn: result_optional(ctx, row.depends_on); break;
        case kMessage: result_text(ctx, row.message); break;
        case kCreateDate: result_text(ctx, row.create_date); break;
        case kPath: result_text(ctx, row.path); break;
        case kIsHead: sqlite3_result_int(ctx, row.is_head); break;
        case kIsBase: sqlite3_result_int(ctx, row.is_base); break;
        case kIsBranchPoint: sqlite3_result_int(ctx, row.is_branch_point); break;
        case kIsMergePoint: sqlite3_result_int(ctx, row.is_merge_point); break;
        case kIsCurrent: sqlite3_result_int(ctx, row.is_current); break;
        case kIsApplied: sqlite3_result_int(ctx, row.is_applied); break;
        case kChecksum: result_optional(ctx, row.checksum); break;
        case kModified: sqlite3_result_int(ctx, row.modified); break;
        case kScriptLocation: result_text(ctx, cursor->script_location); break;
        default: break;
    }
    return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* base, sqlite3_int64* out) {
    *out = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(base)->index) + 1;
    return SQLITE_OK;
}

sqlite3_module make_module() {
    sqlite3_module m{};
    m.iVersion = 0;
    m.xCreate = nullptr;  // eponymous-only: CREATE VIRTUAL TABLE is refused
    m.xConnect = connect;
    m.xBestIndex = best_index;
    m.xDisconnect = disconnect;
    m.xOpen = open;
    m.xClose = close;
    m.xFilter = filter;
    m.xNext = next;
    m.xEof = eof;
    m.xColumn = column;
    m.xRowid = rowid;
    return m;
}

const sqlite3_module kModule = make_module();

}  // namespace

int register_versions_table(sqlite3* db, ConnectionState* state) {
    return sqlite3_create_module_v2(db, "migrate_versions", &kModule, retain(state), release);
}

}  // namespace migrate::sqlite
