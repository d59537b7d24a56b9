// libFuzzer target: Alembic's identifier grammar (docs/reference.md section 6) and the
// planner behind it. The input is a target argument, optionally followed by a
// line holding the version table's rows (comma-separated); the target is
// resolved and planned as upgrade, downgrade and stamp from those rows and
// from a few fixed ones, and each plan is applied to a HeadTracker.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "planner.hpp"
#include "revision_graph.hpp"
#include "text.hpp"
#include "version_table.hpp"

namespace {

migrate::Revision make(std::string id, std::vector<std::string> down, std::vector<std::string> labels = {},
                       std::vector<std::string> depends_on = {}) {
    migrate::Revision rev;
    rev.path = "versions/" + id + ".sql";
    rev.id = std::move(id);
    rev.message = "message of " + rev.id;
    rev.down_revisions = std::move(down);
    rev.own_branch_labels = std::move(labels);
    rev.depends_on = std::move(depends_on);
    return rev;
}

// A branch point with labelled branches, a dependency between them, their
// merge and a linear run above it; a second base with its own label whose
// revisions depend on a label and an id of the first tree; a short id for the
// prefix rules.
const migrate::RevisionGraph& graph() {
    static const migrate::RevisionGraph g(std::vector<migrate::Revision>{
        make("ae1027a6acf", {}),
        make("27c6a30d7c24", {"ae1027a6acf"}, {"accounts"}),
        make("3512b954651e", {"27c6a30d7c24"}),
        make("27c6f0e1d2c3", {"ae1027a6acf"}, {"billing"}),
        make("4a5b6c7d8e9f", {"27c6f0e1d2c3"}, {}, {"3512b954651e"}),
        make("5c0ffee12345", {"3512b954651e", "4a5b6c7d8e9f"}),
        make("6d1e2f3a4b5c", {"5c0ffee12345"}),
        make("abc", {"6d1e2f3a4b5c"}),
        make("r1base", {}, {"reports", "rep"}),
        make("r2dep", {"r1base"}, {}, {"accounts"}),
        make("r3dep", {"r2dep"}, {}, {"4a5b6c7d8e9f"}),
    });
    return g;
}

const std::vector<std::vector<std::string>>& fixed_currents() {
    static const std::vector<std::vector<std::string>> all = {
        {},
        {"ae1027a6acf"},
        {"27c6f0e1d2c3", "3512b954651e"},
        {"abc"},
        {"r2dep", "6d1e2f3a4b5c"},
        {"zzzz"},  // a row no file declares
    };
    return all;
}

std::vector<std::string> split_trimmed(std::string_view text) {
    std::vector<std::string> out;
    for (auto part : migrate::split(text, ',')) out.emplace_back(migrate::trim(part));
    return out;
}

void run_steps(const migrate::RevisionGraph& g, const std::vector<std::string>& current,
               const std::vector<migrate::Step>& steps) {
    migrate::HeadTracker tracker(g, current);
    for (const auto& step : steps) {
        (void)step.describe();
        tracker.apply(step);
    }
}

void plan_all(const migrate::RevisionGraph& g, const std::vector<std::string>& current, const std::string& target) {
    fuzz::expect_only_user_errors([&] { run_steps(g, current, migrate::plan_upgrade(g, current, target)); });
    fuzz::expect_only_user_errors([&] { run_steps(g, current, migrate::plan_downgrade(g, current, target)); });
    fuzz::expect_only_user_errors(
        [&] { run_steps(g, current, migrate::plan_stamp(g, current, split_trimmed(target))); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto& g = graph();
    auto text = fuzz::as_text(data, size);
    auto newline = text.find('\n');
    std::string target(text.substr(0, newline));

    fuzz::expect_only_user_errors([&] { g.get_revisions(target); });
    fuzz::expect_only_user_errors([&] { g.get_revision(target); });
    fuzz::expect_only_user_errors([&] { g.get_revisions(migrate::RevSpec::many(split_trimmed(target))); });
    // a range "from:to": the offline commands resolve each start revision
    auto colon = target.find(':');
    if (colon != std::string::npos)
        for (const auto& from : split_trimmed(std::string_view(target).substr(0, colon)))
            fuzz::expect_only_user_errors([&] { g.get_revision(from); });

    for (const auto& current : fixed_currents()) plan_all(g, current, target);
    if (newline != std::string_view::npos) {
        // as VersionTable::read returns them: sorted, and unique (the primary key)
        auto rows = split_trimmed(text.substr(newline + 1));
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        plan_all(g, rows, target);
    }
    return 0;
}
