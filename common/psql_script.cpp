#include "psql_script.hpp"

#include <fmt/format.h>

#include "audit_log.hpp"
#include "sql_tokens.hpp"

namespace migrate {
namespace {

// The psql variable a block's \gset sets; a name no script is likely to use
// (psql would substitute it for `:migrate_run_step` in step SQL).
constexpr const char* kRunVariable = "migrate_run_step";

}  // namespace

std::string psql_stop_on_error() { return "\\set ON_ERROR_STOP on\n"; }

std::string psql_if_at(const SqlDialect& dialect, const TableName& version_table,
                       const std::vector<std::string>& heads) {
    return fmt::format("SELECT {} AS {} \\gset\n\\if :{}\n", dialect.heads_equal_sql(version_table, heads),
                       kRunVariable, kRunVariable);
}

std::string psql_end_if() { return "\\endif\n"; }

std::string render_step_outside_transaction(const SqlDialect& dialect, const TableName& version_table,
                                            const Step& step, const std::string& section,
                                            const std::vector<std::string>& heads_before,
                                            const std::vector<VersionChange>& changes) {
    std::string out = "-- Running " + step.describe() + "\n-- (outside a transaction, statement by statement)\n\n";
    for (const auto& statement : sql::split_statements(section)) out += statement + "\n\n";
    out += dialect.begin_sql() + "\n\n";
    out += dialect.start_guard_sql(version_table, heads_before, "step " + step.revision->id) + "\n\n";
    const VersionTableSql table(dialect, version_table);
    for (const auto& change : changes) out += table.change(change) + ";\n\n";
    out += AuditLogSql(dialect, version_table).append(log_entry(step, &section, std::nullopt)) + ";\n\n";
    return out + dialect.commit_sql() + "\n";
}

}  // namespace migrate
