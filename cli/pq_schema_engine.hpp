#pragma once
// The schema diff's reading side over libpq, for `check`: the live schema and
// the target schema as the extension reads them (pg_ext/pg_catalog_reader),
// the target run in a scratch schema inside a transaction that is rolled
// back. Rendering DDL (autogenerate) needs the extension's PostgreSQL-side
// quoting and is not available here yet.
#include "pq_database.hpp"
#include "schema_engine.hpp"

namespace migrate::cli {

class PqSchemaEngine : public schema::SchemaEngine {
public:
    explicit PqSchemaEngine(PqDatabase& db) : db_(db) {}

    schema::Catalog read_live() override;
    schema::Catalog read_target(const std::vector<schema::SchemaFile>& files) override;
    bool alters_in_place(const schema::Table&, const schema::Table&,
                         const std::vector<schema::Operation>&) const override {
        return true;  // ALTER TABLE makes every change in place
    }
    std::string render(const schema::Operation& op) const override;

private:
    PqDatabase& db_;
};

}  // namespace migrate::cli
