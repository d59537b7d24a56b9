#include "pg_schema_engine.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_catalog_reader.hpp"
#include "pg_ddl.hpp"
#include "pg_scratch.hpp"
#include "search_path.hpp"
#include "subtransaction.hpp"

namespace migrate::pg {
namespace {

// The catalog of `schema`, its texts deparsed under search_path = pg_catalog,
// <schema>, pg_temp, set for the reading only (a subtransaction rolled back
// puts the caller's back): the compared schema's names read unqualified, on
// both sides alike.
schema::Catalog read_compared(Database& db, const std::string& schema) {
    struct Reading {
        InternalSubtransaction sub;
        Reading() { sub.begin(); }
        ~Reading() { sub.rollback(); }
    } reading;
    set_local_search_path({"pg_catalog", schema, "pg_temp"});
    CallerDisplayPath display;
    return read_pg_catalog(db, schema);
}

}  // namespace

std::string PgSchemaEngine::compared_schema() {
    auto schema = caller_current_schema();
    if (!schema) throw Error(ErrorKind::Usage, "no schema to compare: search_path names no schema that exists");
    return *schema;
}

schema::Catalog PgSchemaEngine::read_live() { return read_compared(db_, compared_schema()); }

schema::Catalog PgSchemaEngine::read_target(const std::vector<schema::SchemaFile>& files) {
    const std::string name = compared_schema();
    Scratch scratch(db_, name);
    for (const auto& file : files) {
        try {
            scratch.run(file.sql);
        } catch (const Error& e) {
            // The PostgreSQL error stays attached: it keeps its SQLSTATE.
            std::throw_with_nested(
                Error(ErrorKind::Script, fmt::format("target schema {}: {}", file.path, e.what()), e.engine_code()));
        }
    }
    return read_compared(db_, name);
}

std::string PgSchemaEngine::render(const schema::Operation& op) const { return render_pg_operation(op); }

}  // namespace migrate::pg
