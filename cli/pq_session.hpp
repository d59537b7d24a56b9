#pragma once
// The schema diff's PostgreSQL session over libpq (pg_common's
// PgSchemaEngine runs on it): reading inside a transaction or savepoint that
// is rolled back, search_path set for deparsing; the target in a scratch
// made with plain SQL and the role's own privileges (docs/cli.md, "The
// schema diff over libpq").
#include "pg_schema_engine.hpp"
#include "pq_database.hpp"

namespace migrate::cli {

class PqSession : public pg::PgSession {
public:
    explicit PqSession(PqDatabase& db) : db_(db) {}

    Database& db() override { return db_; }
    std::optional<std::string> current_schema() override;
    std::unique_ptr<pg::RolledBack> reading(const std::string& schema) override;
    std::unique_ptr<pg::TargetScratch> scratch(const std::string& schema) override;

private:
    PqDatabase& db_;
    int depth_ = 0;  // open scopes: the outermost is a transaction, the others savepoints
    friend class Scope;
};

}  // namespace migrate::cli
