#include "pq_schema_engine.hpp"

#include <exception>

#include <fmt/format.h>

#include "error.hpp"
#include "pg_catalog_reader.hpp"
#include "text.hpp"

namespace migrate::cli {
namespace {

// A transaction that is always rolled back: whatever the target schema's
// files do, the database is left as it was.
class ScratchTransaction {
public:
    explicit ScratchTransaction(PqDatabase& db) : db_(db) { db_.execute("BEGIN"); }
    ~ScratchTransaction() { db_.rollback_run(); }
    ScratchTransaction(const ScratchTransaction&) = delete;
    ScratchTransaction& operator=(const ScratchTransaction&) = delete;

private:
    PqDatabase& db_;
};

}  // namespace

schema::Catalog PqSchemaEngine::read_live() {
    ScratchTransaction scope(db_);
    // Read (and deparsed) under the session's own search_path, as the
    // extension reads the caller's current schema.
    db_.set_local_search_path(db_.session_search_path());
    auto rows = db_.query("SELECT pg_catalog.current_schema()");
    if (rows.empty() || !rows[0][0])
        throw Error(ErrorKind::Usage, "no schema to compare: search_path names no schema that exists");
    return pg::read_pg_catalog(db_, *rows[0][0]);
}

schema::Catalog PqSchemaEngine::read_target(const std::vector<schema::SchemaFile>& files) {
    ScratchTransaction scope(db_);
    db_.set_local_search_path(db_.session_search_path());
    auto rows = db_.query(
        "SELECT 'migrate_target_' OPERATOR(pg_catalog.||) pg_catalog.pg_backend_pid(), "
        "pg_catalog.array_to_string(pg_catalog.current_schemas(false), ',')");
    const std::string name = rows.at(0).at(0).value_or("");
    std::string path = db_.quote_identifier(name);
    for (const auto& schema : split_list(rows.at(0).at(1).value_or(""))) path += ", " + db_.quote_identifier(schema);
    db_.execute("CREATE SCHEMA " + db_.quote_identifier(name));
    // The files see the scratch schema first, then the session's schemas.
    db_.set_local_search_path(path);
    for (const auto& file : files) {
        try {
            db_.execute(file.sql);
        } catch (const Error& e) {
            std::throw_with_nested(Error(ErrorKind::Script, fmt::format("target schema {}: {}", file.path, e.what())));
        }
    }
    return pg::read_pg_catalog(db_, name);
}

std::string PqSchemaEngine::render(const schema::Operation&) const {
    throw Error(ErrorKind::Usage,
                "revision --autogenerate over a PostgreSQL connection is not available in the command line yet; run "
                "SELECT migrate_revision(message, true) in the database (extension installed)");
}

}  // namespace migrate::cli
