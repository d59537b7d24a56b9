#pragma once
// Offline mode (docs/reference.md section 7): the SQL script a run would execute, version
// table statements included, in the shape of Alembic's `--sql` output.
#include <string>
#include <vector>

#include "audit_log.hpp"
#include "planner.hpp"
#include "script_loader.hpp"
#include "version_table.hpp"

namespace migrate {

struct OfflinePlan {
    std::vector<Step> steps;
    std::vector<RevisionSections> sections;  // one per step
    std::vector<std::string> start_heads;     // the version table before the first step
    bool per_migration = false;               // transaction_per_migration: BEGIN/COMMIT per step
};

std::string render_offline_sql(const RevisionGraph& graph, const VersionTable& table, const AuditLog& log,
                               const OfflinePlan& plan);

}  // namespace migrate
