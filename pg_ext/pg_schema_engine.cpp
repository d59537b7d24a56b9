#include "pg_schema_engine.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_catalog_reader.hpp"
#include "pg_ddl.hpp"
#include "pg_scratch.hpp"
#include "search_path.hpp"

namespace migrate::pg {

std::string PgSchemaEngine::compared_schema() {
    auto schema = caller_current_schema();
    if (!schema) throw Error(ErrorKind::Usage, "no schema to compare: search_path names no schema that exists");
    return *schema;
}

schema::Catalog PgSchemaEngine::read_live() { return read_pg_catalog(db_, compared_schema()); }

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
    return read_pg_catalog(db_, name);
}

std::string PgSchemaEngine::render(const schema::Operation& op) const { return render_pg_operation(op); }

}  // namespace migrate::pg
