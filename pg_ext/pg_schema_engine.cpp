#include "pg_schema_engine.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_catalog_reader.hpp"
#include "pg_ddl.hpp"
#include "search_path.hpp"
#include "subtransaction.hpp"

namespace migrate::pg {
namespace {

// An internal subtransaction that is always rolled back: whatever runs in
// it, the database is left as it was.
class ScratchSubtransaction {
public:
    ScratchSubtransaction() { sub_.begin(); }
    ~ScratchSubtransaction() { sub_.rollback(); }
    ScratchSubtransaction(const ScratchSubtransaction&) = delete;
    ScratchSubtransaction& operator=(const ScratchSubtransaction&) = delete;

private:
    InternalSubtransaction sub_;
};

// Relations and types outside the scratch schema (but temporary ones): a
// file that changes their number created objects in the live schema or
// elsewhere, with schema-qualified names, which the scratch schema would miss.
std::string objects_elsewhere(Database& db, const std::string& scratch) {
    auto rows = db.query(
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname <> $1 "
        "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast%') || '/' || (SELECT count(*) "
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname <> $1 AND n.nspname NOT LIKE "
        "'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast%')",
        {scratch});
    return rows.at(0).at(0).value_or("");
}

}  // namespace

schema::Catalog PgSchemaEngine::read_live() {
    auto schema = caller_current_schema();
    if (!schema) throw Error(ErrorKind::Usage, "no schema to compare: search_path names no schema that exists");
    CallerDisplayPath display;
    return read_pg_catalog(db_, *schema);
}

schema::Catalog PgSchemaEngine::read_target(const std::vector<schema::SchemaFile>& files) {
    ScratchSubtransaction scratch;
    // One name per backend: concurrent diffs do not wait for each other.
    auto rows = db_.query("SELECT 'migrate_target_' OPERATOR(pg_catalog.||) pg_catalog.pg_backend_pid()");
    const std::string name = rows.at(0).at(0).value_or("");
    // The files see the scratch schema first, then the caller's schemas.
    std::vector<std::string> path = caller_schemas();
    path.insert(path.begin(), name);
    set_local_search_path(path);
    db_.execute("CREATE SCHEMA " + db_.quote_identifier(name));
    std::string elsewhere = objects_elsewhere(db_, name);
    for (const auto& file : files) {
        try {
            db_.execute_user_sql(file.sql);
        } catch (const Error& e) {
            // The PostgreSQL error stays attached: it keeps its SQLSTATE.
            std::throw_with_nested(
                Error(ErrorKind::Script, fmt::format("target schema {}: {}", file.path, e.what()), e.engine_code()));
        }
        if (objects_elsewhere(db_, name) != elsewhere)
            throw Error(ErrorKind::Script,
                        fmt::format("target schema {}: it creates objects outside the schema being compared (a "
                                    "schema-qualified name, or a search_path of its own?); write the target schema "
                                    "with unqualified names (pg_dump --schema-only output qualifies them)",
                                    file.path));
    }
    CallerDisplayPath display;  // the files' search_path: the scratch schema first
    return read_pg_catalog(db_, name);
}

std::string PgSchemaEngine::render(const schema::Operation& op) const { return render_pg_operation(op); }

}  // namespace migrate::pg
