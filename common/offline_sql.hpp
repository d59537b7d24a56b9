#pragma once
// Offline mode (docs/reference.md section 7): the SQL script a run would execute, version
// table statements included, in the shape of Alembic's `--sql` output, spelled
// in either engine's dialect.
#include <string>
#include <vector>

#include "planner.hpp"
#include "script_loader.hpp"
#include "sql_dialect.hpp"

namespace migrate {

struct OfflinePlan {
    std::vector<Step> steps;
    std::vector<RevisionSections> sections;  // one per step
    std::vector<std::string> start_heads;     // the version table before the first step
    bool per_migration = false;               // transaction_per_migration: BEGIN/COMMIT per step
};

// The script: it first checks that the version table holds `start_heads` and
// stops before any change otherwise.
std::string render_offline_sql(const RevisionGraph& graph, const SqlDialect& dialect, const TableName& version_table,
                               const OfflinePlan& plan);

}  // namespace migrate
