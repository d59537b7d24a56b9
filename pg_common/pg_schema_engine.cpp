#include "pg_schema_engine.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_catalog_reader.hpp"
#include "pg_ddl.hpp"

namespace migrate::pg {

std::string PgSchemaEngine::compared_schema() {
    if (!identifiers_) identifiers_ = PgIdentifiers::read(session_.db());
    auto schema = session_.current_schema();
    if (!schema) throw Error(ErrorKind::Usage, "no schema to compare: search_path names no schema that exists");
    return *schema;
}

schema::Catalog PgSchemaEngine::read_compared(const std::string& schema) {
    auto scope = session_.reading(schema);
    return read_pg_catalog(session_.db(), schema);
}

schema::Catalog PgSchemaEngine::read_live() { return read_compared(compared_schema()); }

schema::Catalog PgSchemaEngine::read_target(const std::vector<schema::SchemaFile>& files) {
    const std::string name = compared_schema();
    auto scratch = session_.scratch(name);
    for (const auto& file : files) {
        try {
            scratch->run(file.sql);
        } catch (const Error& e) {
            // The PostgreSQL error stays attached: it keeps its SQLSTATE.
            std::throw_with_nested(
                Error(ErrorKind::Script, fmt::format("target schema {}: {}", file.path, e.what()), e.engine_code()));
        }
    }
    return read_compared(name);
}

std::string PgSchemaEngine::render(const schema::Operation& op) const {
    if (!identifiers_) throw Error(ErrorKind::Internal, "the schema diff rendered SQL before reading a catalog");
    return render_pg_operation(op, *identifiers_);
}

}  // namespace migrate::pg
