#pragma once
// The schema diff's engine on PostgreSQL, one procedure for the extension
// (SPI, inside the backend) and the command line (libpq, a client): the
// current schema's catalog (pg_catalog_reader), the target schema run in a
// scratch that is rolled back, and PostgreSQL's dialect (pg_ddl). What each
// side does its own way is behind PgSession.
#include <memory>
#include <optional>
#include <string>

#include "database.hpp"
#include "pg_identifiers.hpp"
#include "schema_engine.hpp"

namespace migrate::pg {

// A scope that undoes, when it ends, whatever was done while it lived (a
// subtransaction, a savepoint or a transaction rolled back).
class RolledBack {
public:
    virtual ~RolledBack() = default;
};

// The target schema's scratch (docs/reference.md section 8): while it lives,
// the live schemas are out of the target's way and an empty `public` and
// compared schema stand in for them; it is rolled back when it ends.
class TargetScratch : public RolledBack {
public:
    // Runs one target file as written: psql meta-command lines skipped,
    // statements that cannot run in a transaction block in their
    // transactional form, a CREATE SCHEMA of a schema the scratch made empty
    // finding it there.
    virtual void run(const std::string& sql) = 0;
};

class PgSession {
public:
    virtual ~PgSession() = default;
    virtual Database& db() = 0;
    // The caller's current schema: the first of its search_path that exists.
    virtual std::optional<std::string> current_schema() = 0;
    // While the scope lives, the catalog reads (Database::query, still
    // pinned to pg_catalog) deparse under search_path = pg_catalog, <schema>,
    // pg_temp: the compared schema's names read unqualified, on both sides
    // alike.
    virtual std::unique_ptr<RolledBack> reading(const std::string& schema) = 0;
    virtual std::unique_ptr<TargetScratch> scratch(const std::string& schema) = 0;
};

class PgSchemaEngine : public schema::SchemaEngine {
public:
    explicit PgSchemaEngine(PgSession& session) : session_(session) {}

    // Every object read on both sides.
    schema::Catalogs read(const std::vector<schema::SchemaFile>& files) override {
        return {read_live(), read_target(files)};
    }
    // The current schema (the first of search_path that exists), as
    // Alembic compares by default.
    schema::Catalog read_live();
    // The files run as written where the live schemas are out of the way;
    // the compared schema is read back under its own name, so that both
    // catalogs read in the same words. Nothing of it outlives the call.
    schema::Catalog read_target(const std::vector<schema::SchemaFile>& files);
    // ALTER TABLE makes every change in place.
    bool alters_in_place(const schema::Table&, const schema::Table&,
                         const std::vector<schema::Operation>&) const override {
        return true;
    }
    std::string render(const schema::Operation& op) const override;

private:
    std::string compared_schema();
    schema::Catalog read_compared(const std::string& schema);

    PgSession& session_;
    std::optional<PgIdentifiers> identifiers_;  // read with the first catalog
};

}  // namespace migrate::pg
