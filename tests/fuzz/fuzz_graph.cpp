// libFuzzer target: the revision graph of a whole versions/ folder. Each input
// line declares one revision as "id:revises:branch labels:depends on" (lists
// comma-separated, as a header's values); the graph checks (duplicates,
// unknown references, label clashes, cycles) must reject what they reject
// with an error, and a graph they accept must plan upgrades, downgrades and
// stamps to every revision without breaking an invariant.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "planner.hpp"
#include "revision_graph.hpp"
#include "script_loader.hpp"
#include "text.hpp"
#include "version_table.hpp"

namespace {

constexpr std::size_t kMaxRevisions = 16;  // enough shapes; keeps one input fast

std::vector<std::string> list(std::string_view value) {
    std::vector<std::string> out;
    for (auto item : migrate::split(value, ',')) {
        auto trimmed = migrate::trim(item);
        if (!trimmed.empty()) out.emplace_back(trimmed);
    }
    return out;
}

void run(const migrate::RevisionGraph& g, const std::vector<std::string>& current,
         const std::vector<migrate::Step>& steps) {
    migrate::HeadTracker tracker(g, current);
    for (const auto& step : steps) {
        (void)step.describe();
        tracker.apply(step);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<migrate::Revision> revisions;
    for (auto line : migrate::lines(fuzz::as_text(data, size))) {
        if (revisions.size() == kMaxRevisions) break;
        auto fields = migrate::split(line, ':');
        migrate::Revision rev;
        rev.id = std::string(migrate::trim(fields[0]));
        // the script loader lets only valid ids through
        if (!fuzz::accepts([&] { migrate::validate_revision_id(rev.id, "versions/fuzz.sql"); })) continue;
        rev.path = "versions/" + rev.id + ".sql";
        if (fields.size() > 1) rev.down_revisions = list(fields[1]);
        if (fields.size() > 2) rev.own_branch_labels = list(fields[2]);
        if (fields.size() > 3) rev.depends_on = list(fields[3]);
        revisions.push_back(std::move(rev));
    }

    std::unique_ptr<migrate::RevisionGraph> graph;
    fuzz::expect_only_user_errors([&] { graph = std::make_unique<migrate::RevisionGraph>(std::move(revisions)); });
    if (!graph) return 0;
    const auto& g = *graph;

    std::vector<std::string> heads = g.ids(g.real_heads());
    std::sort(heads.begin(), heads.end());
    std::vector<std::string> targets = {"heads", "base"};
    for (const auto& rev : g.revisions()) targets.push_back(rev->id);
    for (const auto& target : targets) {
        fuzz::expect_only_user_errors([&] { run(g, {}, migrate::plan_upgrade(g, {}, target)); });
        fuzz::expect_only_user_errors([&] { run(g, heads, migrate::plan_downgrade(g, heads, target)); });
        fuzz::expect_only_user_errors([&] { run(g, {}, migrate::plan_stamp(g, {}, {target})); });
        fuzz::expect_only_user_errors([&] { run(g, heads, migrate::plan_stamp(g, heads, {target})); });
    }
    return 0;
}
