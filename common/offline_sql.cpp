#include "offline_sql.hpp"

#include "text.hpp"

namespace migrate {
namespace {

// A section as one or more statements; the terminator goes on its own line
// when the text ends in a comment, which would swallow it.
void append_statements(std::string& out, const std::string& sql) {
    std::string_view body = trim(sql);
    if (body.empty()) return;
    out.append(body);
    if (body.back() != ';') {
        auto last_line = body.substr(body.rfind('\n') == std::string_view::npos ? 0 : body.rfind('\n') + 1);
        out += trim(last_line).substr(0, 2) == "--" ? "\n;" : ";";
    }
    out += "\n\n";
}

}  // namespace

std::string render_offline_sql(const RevisionGraph& graph, const VersionTable& table, const AuditLog& log,
                               const OfflinePlan& plan) {
    std::string out;
    if (!plan.per_migration) out += "BEGIN;\n\n";
    HeadTracker tracker(graph, plan.start_heads);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& step = plan.steps[i];
        if (plan.per_migration) out += "BEGIN;\n\n";
        // As the online run, the table is made when a step first needs it;
        // IF NOT EXISTS because an online downgrade to base keeps it, empty.
        if (tracker.heads().empty()) out += table.create_sql(true) + ";\n\n";
        if (i == 0) out += log.create_sql() + ";\n\n";
        out += "-- Running " + step.describe() + "\n\n";
        const std::string* sql = nullptr;
        if (step.kind != Step::Kind::Stamp) {
            sql = step.is_upgrade() ? &plan.sections[i].upgrade : &plan.sections[i].downgrade;
            append_statements(out, *sql);
        }
        for (const auto& change : tracker.apply(step)) out += table.change_sql(change) + ";\n\n";
        out += log.append_sql(log_entry(step, sql, std::nullopt)) + ";\n\n";
        if (plan.per_migration) out += "COMMIT;\n\n";
    }
    if (!plan.per_migration) out += "COMMIT;\n";
    return out;
}

}  // namespace migrate
