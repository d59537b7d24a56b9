#include "offline_sql.hpp"

#include "audit_log.hpp"
#include "sql_tokens.hpp"
#include "version_table.hpp"

namespace migrate {
namespace {

// A section's statements, terminated from the tokens: a `;` never lands in a
// trailing comment.
void append_statements(std::string& out, const std::string& sql) {
    std::string text = sql::terminated(sql);
    if (text.empty()) return;
    out += text;
    out += "\n\n";
}

}  // namespace

std::string render_offline_sql(const RevisionGraph& graph, const SqlDialect& dialect, const TableName& version_table,
                               const OfflinePlan& plan) {
    const VersionTableSql table(dialect, version_table);
    const AuditLogSql log(dialect, version_table);
    std::string out;
    HeadTracker tracker(graph, plan.start_heads);
    auto begin = [&] {
        out += dialect.begin_sql() + "\n\n";
        // As the online run, the table is made when a step first needs it;
        // IF NOT EXISTS because an online downgrade to base keeps it, empty.
        // It comes before the check, which reads it on SQLite; a failed
        // check rolls it back.
        if (tracker.heads().empty()) out += table.create(true) + ";\n\n";
        out += dialect.start_guard_sql(version_table, tracker.heads()) + "\n\n";
    };
    if (plan.steps.empty()) {
        // Nothing to change, so nothing to guard where the check could not
        // read a missing table (SQLite at base).
        out += dialect.begin_sql() + "\n\n";
        if (!(plan.start_heads.empty() && dialect.kind() == SqlDialect::Kind::Sqlite))
            out += dialect.start_guard_sql(version_table, plan.start_heads) + "\n\n";
        return out + dialect.commit_sql() + "\n";
    }
    if (!plan.per_migration) begin();
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& step = plan.steps[i];
        // Each transaction checks where it starts, so a run that goes on
        // after an error (psql without ON_ERROR_STOP) never applies a step
        // out of order.
        if (plan.per_migration) begin();
        if (i == 0) out += log.create() + ";\n\n";
        out += "-- Running " + step.describe() + "\n\n";
        const std::string* sql = nullptr;
        if (step.kind != Step::Kind::Stamp) {
            sql = step.is_upgrade() ? &plan.sections[i].upgrade : &plan.sections[i].downgrade;
            append_statements(out, *sql);
        }
        for (const auto& change : tracker.apply(step)) out += table.change(change) + ";\n\n";
        out += log.append(log_entry(step, sql, std::nullopt)) + ";\n\n";
        if (plan.per_migration) out += dialect.commit_sql() + "\n\n";
    }
    if (!plan.per_migration) out += dialect.commit_sql() + "\n";
    return out;
}

}  // namespace migrate
