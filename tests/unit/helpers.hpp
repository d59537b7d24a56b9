#pragma once
// Shared fixtures of the unit tests: revision graphs built in memory, plans
// rendered as text lines, temporary folders.
//
// Every expected value in these tests was computed with Alembic 1.8.1
// (RevisionMap, ScriptDirectory._upgrade_revs/_downgrade_revs/_stamp_revs and
// HeadMaintainer driven over the same graphs) and hard-coded.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "error.hpp"
#include "planner.hpp"
#include "revision_graph.hpp"
#include "text.hpp"
#include "version_table.hpp"

namespace test {

using Lines = std::vector<std::string>;

// A revision as a file would declare it: R("b", {"a"}).labels({"left"}).
struct R {
    migrate::Revision rev;
    R(std::string id, std::vector<std::string> down = {}) {
        rev.path = "versions/" + id + ".sql";
        rev.id = std::move(id);
        rev.down_revisions = std::move(down);
    }
    R& labels(std::vector<std::string> l) {
        rev.own_branch_labels = std::move(l);
        return *this;
    }
    R& deps(std::vector<std::string> d) {
        rev.depends_on = std::move(d);
        return *this;
    }
    R& msg(std::string m) {
        rev.message = std::move(m);
        return *this;
    }
};

inline std::unique_ptr<migrate::RevisionGraph> make_graph(std::vector<R> specs) {
    std::vector<migrate::Revision> revs;
    for (auto& s : specs) revs.push_back(s.rev);
    return std::make_unique<migrate::RevisionGraph>(std::move(revs));
}

// a <- b <- c <- d
inline std::unique_ptr<migrate::RevisionGraph> linear_graph() {
    return make_graph({R("a").msg("create account"), R("b", {"a"}).msg("add name"), R("c", {"b"}).msg("add email"),
                       R("d", {"c"})});
}

// a <- b1 <- b2 (label left on b1), a <- c1 <- c2 (label right on c1)
inline std::unique_ptr<migrate::RevisionGraph> branched_graph() {
    return make_graph({R("a"), R("b1", {"a"}).labels({"left"}), R("b2", {"b1"}), R("c1", {"a"}).labels({"right"}),
                       R("c2", {"c1"})});
}

// x1 <- x2 (label xs on x1), y1 <- y2 (label ys on y1)
inline std::unique_ptr<migrate::RevisionGraph> two_bases_graph() {
    return make_graph({R("x1").labels({"xs"}), R("x2", {"x1"}), R("y1").labels({"ys"}), R("y2", {"y1"})});
}

// a <- b, a <- c, (b, c) <- d <- e
inline std::unique_ptr<migrate::RevisionGraph> merged_graph() {
    return make_graph({R("a"), R("b", {"a"}), R("c", {"a"}), R("d", {"b", "c"}), R("e", {"d"})});
}

// a1 <- a2 (label alpha on a1); b1 <- b2 <- b3 (label beta on b1);
// b2 depends on a2, b3 depends on the label alpha (= a1)
inline std::unique_ptr<migrate::RevisionGraph> depends_graph() {
    return make_graph({R("a1").labels({"alpha"}), R("a2", {"a1"}), R("b1").labels({"beta"}),
                       R("b2", {"b1"}).deps({"a2"}), R("b3", {"b2"}).deps({"alpha"})});
}

// a1 <- a2; c1 has no down revision but depends on a2
inline std::unique_ptr<migrate::RevisionGraph> dep_only_graph() {
    return make_graph({R("a1"), R("a2", {"a1"}), R("c1").deps({"a2"})});
}

// Two branches from one base, with realistic ids for prefix matching.
inline std::unique_ptr<migrate::RevisionGraph> resolve_graph() {
    return make_graph({R("ae1027a6acf").msg("create account"),
                       R("27c6a30d7c24", {"ae1027a6acf"}).labels({"accounts"}).msg("add name"),
                       R("3512b954651e", {"27c6a30d7c24"}).msg("add email"),
                       R("27c6f0e1d2c3", {"ae1027a6acf"}).labels({"billing"}).msg("create invoice"),
                       R("4a5b6c7d8e9f", {"27c6f0e1d2c3"}).msg("add total")});
}

inline std::vector<std::string> ids(const std::vector<migrate::Node>& nodes) {
    std::vector<std::string> out;
    for (auto n : nodes) out.push_back(!n ? "<base>" : n == migrate::kWalkedPastBase ? "<past base>" : n->id);
    return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

inline std::string change_text(const migrate::VersionChange& c) {
    switch (c.kind) {
        case migrate::VersionChange::Kind::Insert: return "+" + c.to;
        case migrate::VersionChange::Kind::Delete: return "-" + c.from;
        case migrate::VersionChange::Kind::Update: return c.from + ">" + c.to;
    }
    return "?";
}

// Plans `kind` ("up", "down", "stamp") from the version-table rows `current`
// to `target` and applies each step to a HeadTracker. One line per step:
// "<Alembic's log line> | <row changes> | <rows after the step>", where a
// change is "+id" (INSERT), "-id" (DELETE) or "from>to" (UPDATE).
inline Lines plan(const migrate::RevisionGraph& g, const std::string& kind, std::vector<std::string> current,
                  const std::string& target) {
    std::vector<migrate::Step> steps;
    if (kind == "up") {
        steps = migrate::plan_upgrade(g, current, target);
    } else if (kind == "down") {
        steps = migrate::plan_downgrade(g, current, target);
    } else {
        std::vector<std::string> targets;
        for (auto t : migrate::split(target, ',')) targets.emplace_back(migrate::trim(t));
        steps = migrate::plan_stamp(g, current, targets);
    }
    migrate::HeadTracker tracker(g, current);
    Lines out;
    for (const auto& step : steps) {
        auto changes = tracker.apply(step);
        out.push_back(step.describe() + " | " + migrate::join(changes, " ", change_text) + " | " +
                      migrate::join(sorted(tracker.heads()), ","));
    }
    return out;
}

// The plan fails with exactly Alembic's command-level message.
#define CHECK_PLAN_FAILS(g, kind, current, target, message) \
    CHECK_THROWS_MATCHES(test::plan(*(g), kind, current, target), migrate::Error, Catch::Matchers::Message(message))

// A temporary folder, removed with its files at the end of the test.
class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/migrate-unit-XXXXXX";
        char* made = ::mkdtemp(tmpl);
        REQUIRE(made != nullptr);
        path_ = made;
    }
    ~TempDir() {
        std::string cmd = "rm -rf '" + path_ + "'";
        (void)std::system(cmd.c_str());
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string write(const std::string& name, const std::string& text) const {
        std::string file = path_ + "/" + name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    std::string path_;
};

}  // namespace test
