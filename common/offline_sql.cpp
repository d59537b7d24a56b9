#include "offline_sql.hpp"

#include <fmt/format.h>

#include "audit_log.hpp"
#include "error.hpp"
#include "psql_script.hpp"
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

const std::string* section_of(const OfflinePlan& plan, std::size_t i) {
    const Step& step = plan.steps[i];
    if (step.kind == Step::Kind::Stamp) return nullptr;
    return step.is_upgrade() ? &plan.sections[i].upgrade : &plan.sections[i].downgrade;
}

bool outside_transaction(const OfflinePlan& plan, std::size_t i) {
    const Step& step = plan.steps[i];
    if (step.kind == Step::Kind::Stamp) return false;
    return step.is_upgrade() ? !plan.sections[i].upgrade_transactional : !plan.sections[i].downgrade_transactional;
}

class Renderer {
public:
    Renderer(const RevisionGraph& graph, const SqlDialect& dialect, const TableName& version_table,
             const OfflinePlan& plan)
        : dialect_(dialect), name_(version_table), plan_(plan), table_(dialect, version_table),
          log_(dialect, version_table) {
        // Where the version table is before each step, and what each step
        // changes in it.
        HeadTracker tracker(graph, plan.start_heads);
        for (const Step& step : plan.steps) {
            heads_.push_back(tracker.heads());
            changes_.push_back(tracker.apply(step));
        }
        heads_.push_back(tracker.heads());
    }

    // BEGIN ... COMMIT, once or per step: Alembic's shape.
    std::string in_transactions() {
        if (plan_.steps.empty()) {
            // Nothing to change, so nothing to guard where the check could
            // not read a missing table (SQLite at base).
            out_ += dialect_.begin_sql() + "\n\n";
            if (!(plan_.start_heads.empty() && dialect_.kind() == SqlDialect::Kind::Sqlite))
                out_ += dialect_.start_guard_sql(name_, plan_.start_heads) + "\n\n";
            return out_ + dialect_.commit_sql() + "\n";
        }
        if (!plan_.per_migration) begin(0);
        for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
            // Each transaction checks where it starts, so a run that goes on
            // after an error (psql without ON_ERROR_STOP) never applies a
            // step out of order.
            if (plan_.per_migration) begin(i);
            if (i == 0) out_ += log_.create() + ";\n\n";
            step(i);
            if (plan_.per_migration) out_ += dialect_.commit_sql() + "\n\n";
        }
        if (!plan_.per_migration) out_ += dialect_.commit_sql() + "\n";
        return out_;
    }

    // With steps outside a transaction (PostgreSQL): a psql script that
    // resumes. The tables are made and the start checked first; then each
    // run of transactional steps (one step with transaction_per_migration)
    // is one transaction, and each step outside a transaction runs on its
    // own and is recorded in a transaction of its own. Each of those runs
    // only when the version table is where it starts, so a re-run after a
    // failure skips what was recorded and never runs a step twice.
    std::string resuming() {
        out_ += "-- Steps run outside a transaction: run with psql; after a failure, run the script again to "
                "resume.\n\n";
        out_ += psql_stop_on_error() + "\n";
        out_ += dialect_.begin_sql() + "\n\n";
        out_ += dialect_.resume_guard_sql(name_, heads_) + "\n\n";
        out_ += table_.create(true) + ";\n\n";
        out_ += log_.create() + ";\n\n";
        out_ += dialect_.commit_sql() + "\n\n";
        for (std::size_t i = 0; i < plan_.steps.size();) {
            out_ += psql_if_at(dialect_, name_, heads_[i]) + "\n";
            if (outside_transaction(plan_, i)) {
                out_ += render_step_outside_transaction(dialect_, name_, plan_.steps[i], *section_of(plan_, i),
                                                        heads_[i], changes_[i]);
                ++i;
            } else {
                out_ += dialect_.begin_sql() + "\n\n";
                out_ += dialect_.start_guard_sql(name_, heads_[i], "step " + plan_.steps[i].revision->id) + "\n\n";
                do {
                    step(i++);
                } while (!plan_.per_migration && i < plan_.steps.size() && !outside_transaction(plan_, i));
                out_ += dialect_.commit_sql() + "\n";
            }
            out_ += psql_end_if() + "\n";
        }
        return out_;
    }

private:
    void begin(std::size_t i) {
        out_ += dialect_.begin_sql() + "\n\n";
        // As the online run, the table is made when a step first needs it;
        // IF NOT EXISTS because an online downgrade to base keeps it, empty.
        // It comes before the check, which reads it on SQLite; a failed
        // check rolls it back.
        if (heads_[i].empty()) out_ += table_.create(true) + ";\n\n";
        out_ += dialect_.start_guard_sql(name_, heads_[i]) + "\n\n";
    }

    void step(std::size_t i) {
        out_ += "-- Running " + plan_.steps[i].describe() + "\n\n";
        const std::string* sql = section_of(plan_, i);
        if (sql) append_statements(out_, *sql);
        for (const auto& change : changes_[i]) out_ += table_.change(change) + ";\n\n";
        out_ += log_.append(log_entry(plan_.steps[i], sql, std::nullopt)) + ";\n\n";
    }

    const SqlDialect& dialect_;
    const TableName& name_;
    const OfflinePlan& plan_;
    const VersionTableSql table_;
    const AuditLogSql log_;
    std::vector<std::vector<std::string>> heads_;  // before each step, and after the last
    std::vector<std::vector<VersionChange>> changes_;
    std::string out_;
};

}  // namespace

std::string render_offline_sql(const RevisionGraph& graph, const SqlDialect& dialect, const TableName& version_table,
                               const OfflinePlan& plan) {
    std::size_t outside = plan.steps.size();
    for (std::size_t i = 0; i < plan.steps.size() && outside == plan.steps.size(); ++i)
        if (outside_transaction(plan, i)) outside = i;
    Renderer renderer(graph, dialect, version_table, plan);
    if (outside == plan.steps.size()) return renderer.in_transactions();
    if (dialect.kind() == SqlDialect::Kind::Sqlite) {
        const Step& step = plan.steps[outside];
        throw Error(ErrorKind::Script,
                    fmt::format("Can't write the SQLite script: the {} section of revision {} ({}) is marked "
                                "transaction:false, and the sqlite3 shell cannot run a step outside the script's "
                                "transaction; run this step with the migrate command line",
                                step.is_upgrade() ? "upgrade" : "downgrade", step.revision->id, step.revision->path));
    }
    return renderer.resuming();
}

}  // namespace migrate
