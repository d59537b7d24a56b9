// The planner on larger graphs (merges and dependencies mixed; taken from a
// randomized comparison with Alembic 1.8.1) and the cases where Alembic
// itself crashes, which migrate must turn into a clear error.
#include "helpers.hpp"

using migrate::Error;
using Catch::Matchers::Contains;
using test::Lines;
using test::plan;
using test::R;

namespace {

// The plan's lines without the row changes: "<log line> | <rows after>".
// Where a merge or unmerge has several parents Alembic picks which row to
// update in set order, which varies from run to run; the step order and the
// rows after each step do not.
Lines steps_and_rows(const migrate::RevisionGraph& g, const std::string& kind, std::vector<std::string> current,
                     const std::string& target) {
    Lines out;
    for (const auto& line : plan(g, kind, std::move(current), target)) {
        auto first = line.find(" | ");
        auto second = line.find(" | ", first + 3);
        out.push_back(line.substr(0, first) + line.substr(second));
    }
    return out;
}

// r0 <- r1 <- r3 <- r5, r0 <- r2, r0 <- r4 (L4, depends on r3), (r5, r4) <- r6
std::unique_ptr<migrate::RevisionGraph> graph_37() {
    return test::make_graph({R("r0"), R("r1", {"r0"}), R("r2", {"r0"}), R("r3", {"r1"}),
                             R("r4", {"r0"}).labels({"L4"}).deps({"r3"}), R("r5", {"r3"}), R("r6", {"r5", "r4"})});
}

// r5 merges r3 and r2 and depends on r4; r2 depends on r1
std::unique_ptr<migrate::RevisionGraph> graph_253() {
    return test::make_graph({R("r0"), R("r1", {"r0"}), R("r2", {"r0"}).deps({"r1"}), R("r3", {"r1"}),
                             R("r4", {"r1"}).labels({"L4"}), R("r5", {"r3", "r2"}).deps({"r4"})});
}

// r4 revises r3 and r1 and depends on their common ancestor r0
std::unique_ptr<migrate::RevisionGraph> graph_188() {
    return test::make_graph({R("r0"), R("r1", {"r0"}), R("r2", {"r1", "r0"}).labels({"L2"}), R("r3", {"r0"}).labels({"L3"}),
                             R("r4", {"r3", "r1"}).deps({"r0"}), R("r5", {"r3"}).labels({"L5"}),
                             R("r6", {"r4", "r0"}).labels({"L6"})});
}

}  // namespace

TEST_CASE("planner: merges over dependencies (graph 37)", "[planner][large]") {
    auto g = graph_37();
    CHECK(test::ids(g->heads()) == std::vector<std::string>{"r2", "r6"});
    CHECK(plan(*g, "up", {}, "heads") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r1 | r0>r1 | r1",
              "upgrade r1 -> r3 | r1>r3 | r3",
              "upgrade r0 -> r4 | r3>r4 | r4",
              "upgrade r3 -> r5 | +r5 | r4,r5",
              "upgrade r5, r4 -> r6 | -r5 r4>r6 | r6",
              "upgrade r0 -> r2 | +r2 | r2,r6",
          });
    CHECK(plan(*g, "up", {"r1"}, "heads") == Lines{
              "upgrade r1 -> r3 | r1>r3 | r3",
              "upgrade r0 -> r4 | r3>r4 | r4",
              "upgrade r3 -> r5 | +r5 | r4,r5",
              "upgrade r5, r4 -> r6 | -r5 r4>r6 | r6",
              "upgrade r0 -> r2 | +r2 | r2,r6",
          });
    CHECK(plan(*g, "up", {}, "L4@head") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r1 | r0>r1 | r1",
              "upgrade r1 -> r3 | r1>r3 | r3",
              "upgrade r0 -> r4 | r3>r4 | r4",
              "upgrade r3 -> r5 | +r5 | r4,r5",
              "upgrade r5, r4 -> r6 | -r5 r4>r6 | r6",
          });
    const Lines to_base = {
        "downgrade r2 -> r0 | r6",
        "downgrade r6 -> r5, r4 | r4,r5",
        "downgrade r5 -> r3 | r4",
        "downgrade r4 -> r0 | r0,r3",
        "downgrade r3 -> r1 | r0,r1",
        "downgrade r1 -> r0 | r0",
        "downgrade r0 ->  | ",
    };
    CHECK(steps_and_rows(*g, "down", {"r2", "r6"}, "base") == to_base);
    CHECK(steps_and_rows(*g, "down", {"r2", "r6"}, "L4@base") == to_base);
    CHECK(steps_and_rows(*g, "down", {"r2", "r6"}, "r1") == Lines{
              "downgrade r6 -> r5, r4 | r2,r4,r5",
              "downgrade r5 -> r3 | r2,r4",
              "downgrade r4 -> r0 | r2,r3",
              "downgrade r3 -> r1 | r1,r2",
          });
    CHECK(plan(*g, "stamp", {"r2", "r6"}, "r1") == Lines{"stamp_revision r6 -> r1 | r6>r1 | r1,r2"});
}

TEST_CASE("planner: a merge that depends on a third branch (graph 253)", "[planner][large]") {
    auto g = graph_253();
    CHECK(test::ids(g->heads()) == std::vector<std::string>{"r4", "r5"});
    CHECK(plan(*g, "up", {}, "heads") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r1 | r0>r1 | r1",
              "upgrade r1 -> r4 | r1>r4 | r4",
              "upgrade r0 -> r2 | +r2 | r2,r4",
              "upgrade r1 -> r3 | +r3 | r2,r3,r4",
              "upgrade r3, r2 -> r5 | -r3 -r2 r4>r5 | r5",
          });
    CHECK(plan(*g, "up", {}, "L4@head") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r1 | r0>r1 | r1",
              "upgrade r1 -> r4 | r1>r4 | r4",
          });
    CHECK(steps_and_rows(*g, "down", {"r4", "r5"}, "base") == Lines{
              "downgrade r5 -> r3, r2 | r2,r3,r4",
              "downgrade r3 -> r1 | r2,r4",
              "downgrade r4 -> r1 | r2",
              "downgrade r2 -> r0 | r0,r1",
              "downgrade r1 -> r0 | r0",
              "downgrade r0 ->  | ",
          });
    CHECK(steps_and_rows(*g, "down", {"r4", "r5"}, "r1") == Lines{
              "downgrade r5 -> r3, r2 | r2,r3,r4",
              "downgrade r3 -> r1 | r2,r4",
              "downgrade r4 -> r1 | r2",
          });
    CHECK(plan(*g, "stamp", {"r4", "r5"}, "r1") == Lines{"stamp_revision r4, r5 -> r1 | -r4 r5>r1 | r1"});
}

TEST_CASE("planner: a dependency on a common ancestor (graph 188)", "[planner][large]") {
    auto g = graph_188();
    CHECK(plan(*g, "up", {}, "heads") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r3 | r0>r3 | r3",
              "upgrade r0 -> r1 | +r1 | r1,r3",
              "upgrade r3 -> r5 | r3>r5 | r1,r5",
              "upgrade r3, r1 -> r4 | r1>r4 | r4,r5",
              "upgrade r4, r0 -> r6 | r4>r6 | r5,r6",
              "upgrade r1, r0 -> r2 | +r2 | r2,r5,r6",
          });
    CHECK(plan(*g, "up", {}, "L2@head") == Lines{
              "upgrade  -> r0 | +r0 | r0",
              "upgrade r0 -> r1 | r0>r1 | r1",
              "upgrade r1, r0 -> r2 | r1>r2 | r2",
          });
    CHECK(plan(*g, "down", {"r2", "r5", "r6"}, "r1") == Lines{
              "downgrade r2 -> r1, r0 | -r2 | r5,r6",
              "downgrade r6 -> r4, r0 | r6>r4 | r4,r5",
              "downgrade r4 -> r3, r1 | r4>r1 | r1,r5",
          });
    CHECK_PLAN_FAILS(g, "up", {}, "L3@head",
                     "Multiple head revisions are present for given argument 'L3@head'; please specify a specific "
                     "target revision, '<branchname>@L3@head' to narrow to a specific head, or 'heads' for all heads");
    // r4 merges r3 and r1 and also lists r0 as a down revision: with r1 and r3
    // in the table, Alembic deletes r3 and r1 and then fails (KeyError) to
    // update r0, which is not there.
    CHECK_THROWS_WITH(plan(*g, "up", {"r1"}, "heads"), Contains("Can't upgrade to r4: r0 has no row"));
    CHECK_THROWS_WITH(plan(*g, "up", {}, "L6@head"), Contains("has no row in the version table to merge"));
}

TEST_CASE("planner: stamp to relative targets", "[planner][stamp]") {
    SECTION("-N at base walks down from the heads") {
        auto linear = test::linear_graph();
        CHECK(plan(*linear, "stamp", {}, "-1") == Lines{"stamp_revision  -> c | +c | c"});
        CHECK(plan(*linear, "stamp", {}, "-2") == Lines{"stamp_revision  -> b | +b | b"});
        auto branched = test::branched_graph();
        CHECK(plan(*branched, "stamp", {}, "-1") == Lines{
                  "stamp_revision  -> b1 | +b1 | b1",
                  "stamp_revision  -> c1 | +c1 | b1,c1",
              });
        CHECK(plan(*branched, "stamp", {}, "left@-2") == Lines{"stamp_revision  -> a | +a | a"});
    }
    SECTION("-N with rows in the table is not an identifier, as in Alembic") {
        auto linear = test::linear_graph();
        CHECK_PLAN_FAILS(linear, "stamp", {"b"}, "-1", "Can't locate revision identified by '-1'");
    }
}

TEST_CASE("planner: where Alembic crashes, migrate fails clearly", "[planner][errors]") {
    SECTION("stamp below a base (Alembic: AssertionError)") {
        auto linear = test::linear_graph();
        CHECK_THROWS_MATCHES(plan(*linear, "stamp", {}, "-4"), Error,
                             Catch::Matchers::Message("Relative revision -4 walked past the end of the revision graph"));
        auto two = test::two_bases_graph();
        CHECK_THROWS_MATCHES(plan(*two, "stamp", {}, "xs@-2"), Error,
                             Catch::Matchers::Message(
                                 "Relative revision xs@-2 walked past the end of the revision graph"));
        CHECK_THROWS_AS(plan(*two, "stamp", {}, "-2"), Error);
    }
    SECTION("a stamp that reaches one revision twice (Alembic: AssertionError)") {
        auto branched = test::branched_graph();
        // both heads walk down to a
        CHECK_THROWS_WITH(plan(*branched, "stamp", {}, "-2"),
                          Contains("Can't stamp a: the stamp target (-2) reaches it more than once"));
        CHECK_THROWS_WITH(plan(*branched, "stamp", {}, "b1,b1"),
                          Contains("Can't stamp b1: the stamp target (b1, b1) reaches it more than once"));
        // from rows below it (found by fuzz_identifier: the second step's
        // row change found no row)
        auto linear = test::linear_graph();
        CHECK_THROWS_WITH(plan(*linear, "stamp", {"a"}, "c,c"), Contains("Can't stamp c: the stamp target"));
        auto merged = test::merged_graph();
        CHECK_THROWS_WITH(plan(*merged, "stamp", {"b", "c"}, "d,d"), Contains("Can't stamp d: the stamp target"));
        // a target that is already there is skipped, twice or not
        CHECK(plan(*branched, "stamp", {"b2"}, "b2,b2").empty());
    }
    SECTION("rows both below and above the stamp target (Alembic: AssertionError)") {
        auto branched = test::branched_graph();
        CHECK_THROWS_MATCHES(plan(*branched, "stamp", {"a", "b2"}, "b1"), Error,
                             Catch::Matchers::Message("Can't stamp b1: the version table holds revisions both above "
                                                      "and below it (a, b2)"));
    }
    SECTION("overlapping rows (Alembic: the same RevisionError)") {
        auto g = test::make_graph({R("a"), R("b", {"a"}), R("c", {"a"}), R("d", {"b", "c"}), R("x", {"b", "c"})});
        CHECK_THROWS_WITH(plan(*g, "up", {"b", "c", "x"}, "d"),
                          Contains("Requested revision x overlaps with other requested revisions"));
    }
    SECTION("a merge that also revises an ancestor of another parent (Alembic: KeyError; found by fuzz_graph)") {
        auto g = test::make_graph({R("a"), R("b", {"a"}), R("c", {"b"}), R("b2"), R("d", {"b2", "b", "a"})});
        CHECK_THROWS_MATCHES(plan(*g, "up", {}, "heads"), Error,
                             Catch::Matchers::Message("Can't upgrade to d: a has no row in the version table to "
                                                      "merge, as it is an ancestor of another revision d merges"));
    }
    SECTION("a row that is only a prefix or a label of an id (Alembic: KeyError; found by fuzz_identifier)") {
        auto g = test::resolve_graph();
        auto message = "The version table holds '27c6a30d', which is not a revision id (it resolves to "
                       "27c6a30d7c24); correct the row";
        CHECK_THROWS_MATCHES(plan(*g, "down", {"27c6a30d"}, "base"), Error, Catch::Matchers::Message(message));
        // an upgrade would have left the stale row beside the new head
        CHECK_THROWS_MATCHES(plan(*g, "up", {"27c6a30d"}, "heads"), Error, Catch::Matchers::Message(message));
        CHECK_THROWS_MATCHES(plan(*g, "stamp", {"27c6a30d"}, "3512b954651e"), Error,
                             Catch::Matchers::Message(message));
        CHECK_THROWS_WITH(plan(*g, "up", {"billing"}, "heads"),
                          Contains("holds 'billing', which is not a revision id"));
        // a row that resolves to nothing keeps Alembic's message
        CHECK_THROWS_MATCHES(plan(*g, "up", {"zzzz"}, "heads"), Error,
                             Catch::Matchers::Message("Can't locate revision identified by 'zzzz'"));
    }
}
