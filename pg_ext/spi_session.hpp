#pragma once
// The schema diff's PostgreSQL session inside the backend (SPI): reading in
// an internal subtransaction with the caller's search_path for deparsing
// (search_path.hpp), the target in the scratch of pg_scratch.hpp.
#include "pg_schema_engine.hpp"

namespace migrate::pg {

class SpiSession : public PgSession {
public:
    explicit SpiSession(Database& db) : db_(db) {}

    Database& db() override { return db_; }
    std::optional<std::string> current_schema() override;
    std::unique_ptr<RolledBack> reading(const std::string& schema) override;
    std::unique_ptr<TargetScratch> scratch(const std::string& schema) override;

private:
    Database& db_;
};

}  // namespace migrate::pg
