#pragma once
// The schema diff's engine on PostgreSQL: the current schema's catalog, the
// target schema run in a scratch database (pg_scratch.hpp) inside a
// subtransaction that is rolled back, PostgreSQL's dialect.
#include "database.hpp"
#include "schema_engine.hpp"

namespace migrate::pg {

class PgSchemaEngine : public schema::SchemaEngine {
public:
    explicit PgSchemaEngine(Database& db) : db_(db) {}

    // The current schema (the first of search_path that exists), as
    // Alembic compares by default.
    schema::Catalog read_live() override;
    // The files run as written where the live schemas are out of the way;
    // the compared schema is read back under its own name, so that both
    // catalogs read in the same words. Nothing of it outlives the call.
    schema::Catalog read_target(const std::vector<schema::SchemaFile>& files) override;
    // ALTER TABLE makes every change in place.
    bool alters_in_place(const schema::Table&, const schema::Table&,
                         const std::vector<schema::Operation>&) const override {
        return true;
    }
    std::string render(const schema::Operation& op) const override;

private:
    std::string compared_schema();

    Database& db_;
};

}  // namespace migrate::pg
