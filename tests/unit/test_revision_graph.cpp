// The revision graph (Alembic's RevisionMap): heads, bases, links, branch
// labels, validation errors, and identifier resolution at the graph level.
// Expected values were computed with Alembic 1.8.1's RevisionMap over the same
// revisions.
#include "helpers.hpp"

using migrate::Error;
using migrate::ErrorKind;
using migrate::MultipleHeads;
using migrate::ResolutionError;
using migrate::RevisionGraph;
using Catch::Matchers::Contains;
using Catch::Matchers::Message;
using test::ids;
using test::make_graph;
using test::R;

namespace {

std::vector<std::string> labels_of(const RevisionGraph& g, const std::string& id) {
    const auto& l = g.find(id)->branch_labels;
    return {l.begin(), l.end()};
}

std::vector<std::string> ptr_ids(const std::vector<migrate::Revision*>& revs) {
    std::vector<std::string> out;
    for (auto* r : revs) out.push_back(r->id);
    return out;
}

// The graph's construction fails with a Revision error whose text contains
// `message`.
#define CHECK_GRAPH_FAILS(specs, message)                                                   \
    do {                                                                                    \
        try {                                                                               \
            make_graph(specs);                                                              \
            FAIL_CHECK("the graph was accepted");                                           \
        } catch (const Error& e) {                                                          \
            CHECK(e.kind() == ErrorKind::Revision);                                         \
            CHECK_THAT(e.what(), Contains(message));                                        \
        }                                                                                   \
    } while (false)

}  // namespace

// ---- shape -----------------------------------------------------------------

TEST_CASE("graph: linear heads, bases and links", "[graph]") {
    auto g = test::linear_graph();
    CHECK(ids(g->heads()) == std::vector<std::string>{"d"});
    CHECK(ids(g->real_heads()) == std::vector<std::string>{"d"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"a"});
    CHECK(ptr_ids(g->find("b")->next) == std::vector<std::string>{"c"});
    CHECK(ptr_ids(g->find("c")->down) == std::vector<std::string>{"b"});
    CHECK(g->find("a")->is_base());
    CHECK(g->find("d")->is_head());
    CHECK_FALSE(g->find("b")->is_branch_point());
    CHECK_FALSE(g->find("b")->is_merge_point());
    CHECK(g->find("zzzz") == nullptr);
    CHECK(g->revisions().size() == 4);
}

TEST_CASE("graph: two branches from one base", "[graph]") {
    auto g = test::branched_graph();
    CHECK(ids(g->heads()) == std::vector<std::string>{"b2", "c2"});
    CHECK(ids(g->real_heads()) == std::vector<std::string>{"b2", "c2"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"a"});
    CHECK(g->find("a")->is_branch_point());
    CHECK(g->find("a")->is_real_branch_point());
    CHECK(ptr_ids(g->find("a")->next) == std::vector<std::string>{"b1", "c1"});
}

TEST_CASE("graph: multiple bases", "[graph]") {
    auto g = test::two_bases_graph();
    CHECK(ids(g->heads()) == std::vector<std::string>{"x2", "y2"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"x1", "y1"});
    CHECK(g->find("x1")->is_real_base());
    CHECK(g->find("y1")->is_real_base());
}

TEST_CASE("graph: merge point", "[graph]") {
    auto g = test::merged_graph();
    CHECK(ids(g->heads()) == std::vector<std::string>{"e"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"a"});
    CHECK(g->find("d")->is_merge_point());
    CHECK(ptr_ids(g->find("d")->down) == std::vector<std::string>{"b", "c"});
    CHECK(g->find("a")->is_branch_point());
    CHECK_FALSE(g->find("e")->is_merge_point());
}

TEST_CASE("graph: depends_on by id and by branch label", "[graph]") {
    auto g = test::depends_graph();
    // a2 is a head by Revises, but b2 depends on it: not a real head
    CHECK(ids(g->heads()) == std::vector<std::string>{"a2", "b3"});
    CHECK(ids(g->real_heads()) == std::vector<std::string>{"b3"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"a1", "b1"});
    CHECK_FALSE(g->find("a2")->is_real_head());
    CHECK(ptr_ids(g->find("b2")->resolved_dependencies) == std::vector<std::string>{"a2"});
    // the label alpha names its revision a1, not the head of its branch
    CHECK(ptr_ids(g->find("b3")->resolved_dependencies) == std::vector<std::string>{"a1"});
    // Alembic only removes dependencies that an ancestor (by Revises) names
    // itself: b2 names a2, not a1, so b3 keeps a1
    CHECK(ptr_ids(g->find("b3")->normalized_dependencies) == std::vector<std::string>{"a1"});
    CHECK(ptr_ids(g->find("b3")->normalized_down) == std::vector<std::string>{"b2", "a1"});
    CHECK(ptr_ids(g->find("b2")->normalized_down) == std::vector<std::string>{"b1", "a2"});
    CHECK(g->find("a1")->is_real_branch_point());  // a2 and (by dependency) b3
    CHECK_FALSE(g->find("a1")->is_branch_point());
    CHECK(ptr_ids(g->find("a2")->all_next) == std::vector<std::string>{"b2"});
    CHECK(g->find("a2")->next.empty());
}

TEST_CASE("graph: a dependency that an ancestor already has is normalized away", "[graph]") {
    // b and c both depend on x; c's ancestor b already does, so c's only
    // down revision is b
    auto g = make_graph({R("x"), R("a"), R("b", {"a"}).deps({"x"}), R("c", {"b"}).deps({"x"})});
    CHECK(ptr_ids(g->find("b")->normalized_dependencies) == std::vector<std::string>{"x"});
    CHECK(g->find("c")->normalized_dependencies.empty());
    CHECK(ptr_ids(g->find("c")->normalized_down) == std::vector<std::string>{"b"});
    CHECK(ptr_ids(g->find("c")->all_down) == std::vector<std::string>{"b", "x"});
}

TEST_CASE("graph: a base that only depends on another branch", "[graph]") {
    auto g = test::dep_only_graph();
    CHECK(ids(g->heads()) == std::vector<std::string>{"a2", "c1"});
    CHECK(ids(g->real_heads()) == std::vector<std::string>{"c1"});
    CHECK(ids(g->bases()) == std::vector<std::string>{"a1", "c1"});
    CHECK(g->find("c1")->is_base());
    CHECK_FALSE(g->find("c1")->is_real_base());
}

TEST_CASE("graph: an empty folder has no heads and no bases", "[graph]") {
    RevisionGraph g({});
    CHECK(g.heads().empty());
    CHECK(g.bases().empty());
    CHECK(g.get_revisions("heads").empty());
    CHECK(g.get_revisions("base").empty());
}

// ---- branch labels -------------------------------------------------------

TEST_CASE("graph: branch labels propagate as Alembic's", "[graph][labels]") {
    SECTION("to descendants, not across the branch point below") {
        auto g = test::branched_graph();
        CHECK(labels_of(*g, "b1") == std::vector<std::string>{"left"});
        CHECK(labels_of(*g, "b2") == std::vector<std::string>{"left"});
        CHECK(labels_of(*g, "c2") == std::vector<std::string>{"right"});
        CHECK(labels_of(*g, "a").empty());
    }
    SECTION("down a straight chain to its base") {
        auto g = make_graph({R("a"), R("b", {"a"}).labels({"L"}), R("c", {"b"})});
        CHECK(labels_of(*g, "a") == std::vector<std::string>{"L"});
        CHECK(labels_of(*g, "b") == std::vector<std::string>{"L"});
        CHECK(labels_of(*g, "c") == std::vector<std::string>{"L"});
    }
    SECTION("several labels on one revision") {
        auto g = make_graph({R("a"), R("b", {"a"}), R("c", {"b"}).labels({"L", "K"})});
        CHECK(labels_of(*g, "a") == std::vector<std::string>{"K", "L"});
        CHECK(labels_of(*g, "c") == std::vector<std::string>{"K", "L"});
    }
    SECTION("on a head: down to the branch point, excluded") {
        auto g = make_graph({R("a"), R("b1", {"a"}), R("b2", {"b1"}).labels({"L"}), R("c1", {"a"})});
        CHECK(labels_of(*g, "b1") == std::vector<std::string>{"L"});
        CHECK(labels_of(*g, "b2") == std::vector<std::string>{"L"});
        CHECK(labels_of(*g, "a").empty());
        CHECK(labels_of(*g, "c1").empty());
    }
    SECTION("on a base that is a branch point: to every descendant") {
        auto g = make_graph({R("a").labels({"A"}), R("b1", {"a"}), R("b2", {"b1"}), R("c1", {"a"})});
        for (const char* id : {"a", "b1", "b2", "c1"}) CHECK(labels_of(*g, id) == std::vector<std::string>{"A"});
    }
    SECTION("on a branch point: not below it") {
        auto g = make_graph({R("a"), R("b", {"a"}).labels({"L"}), R("c", {"b"}), R("d", {"b"})});
        CHECK(labels_of(*g, "a").empty());
        for (const char* id : {"b", "c", "d"}) CHECK(labels_of(*g, id) == std::vector<std::string>{"L"});
    }
    SECTION("on a merge point: not into the merged branches") {
        auto g = make_graph({R("a"), R("b", {"a"}), R("c", {"a"}), R("d", {"b", "c"}).labels({"M"}), R("e", {"d"})});
        CHECK(labels_of(*g, "d") == std::vector<std::string>{"M"});
        CHECK(labels_of(*g, "e") == std::vector<std::string>{"M"});
        CHECK(labels_of(*g, "b").empty());
        CHECK(labels_of(*g, "c").empty());
    }
}

// ---- validation ------------------------------------------------------------

TEST_CASE("graph: validation errors", "[graph][errors]") {
    SECTION("unknown parent") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("b", {"zz"})}), "Revision zz referenced from b is not present");
    }
    SECTION("unknown dependency") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("b", {"a"}).deps({"zz"})}),
                          "Revision zz referenced from b is not present");
    }
    SECTION("the message names the file") {
        R bad("b", {"zz"});
        bad.rev.path = "/srv/migrations/versions/0002_b.sql";
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), bad}), "/srv/migrations/versions/0002_b.sql");
    }
    SECTION("a cycle with no base") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a", {"b"}), R("b", {"a"})}), "Cycle is detected in revisions (a, b)");
    }
    SECTION("a cycle beside a sound branch") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("b", {"a"}), R("c", {"d"}), R("d", {"c"})}),
                          "Cycle is detected in revisions (c, d)");
    }
    SECTION("a dependency cycle") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("b", {"a"}).deps({"c"}), R("c", {"a"}).deps({"b"})}),
                          "Dependency cycle is detected in revisions (a, b, c)");
        CHECK_GRAPH_FAILS(
            (std::vector<R>{R("a"), R("b", {"a"}), R("c", {"b"}).deps({"d"}), R("d", {"b"}).deps({"c"})}),
            "Dependency cycle is detected in revisions (a, b, c, d)");
    }
    SECTION("self-loops") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a", {"a"})}), "Self-loop is detected in revisions (a)");
        CHECK_GRAPH_FAILS((std::vector<R>{R("a").deps({"a"})}), "Dependency self-loop is detected in revisions (a)");
        // through its own branch label, with a revision above it (found by fuzz_graph: the cycle
        // checks cannot see a self-edge, and the planner then broke)
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("c", {"a"}).labels({"l"}).deps({"l"}), R("d", {"c"})}),
                          "Dependency self-loop is detected in revisions (c)");
    }
    SECTION("a branch label used twice") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a").labels({"x"}), R("b", {"a"}).labels({"x"})}),
                          "Branch name 'x' in revision b already used by revision a");
    }
    SECTION("a branch label that is a revision id") {
        CHECK_GRAPH_FAILS((std::vector<R>{R("a"), R("b", {"a"}).labels({"a"})}),
                          "Branch name 'a' in revision b already used by revision a");
    }
    SECTION("a revision id used twice names both files") {
        R first("a"), second("a");
        first.rev.path = "versions/1_a.sql";
        second.rev.path = "versions/2_a.py";
        CHECK_GRAPH_FAILS((std::vector<R>{first, second}), "Revision a is present more than once");
        CHECK_GRAPH_FAILS((std::vector<R>{first, second}), "versions/1_a.sql");
        CHECK_GRAPH_FAILS((std::vector<R>{first, second}), "versions/2_a.py");
    }
}

// ---- identifier resolution -----------------------------------------------

TEST_CASE("graph: identifier resolution", "[graph][resolve]") {
    auto g = test::resolve_graph();
    using V = std::vector<std::string>;
    SECTION("symbols") {
        CHECK(ids(g->get_revisions("heads")) == V{"3512b954651e", "4a5b6c7d8e9f"});
        CHECK(g->get_revisions("base").empty());
        CHECK(g->get_revision("base") == nullptr);
    }
    SECTION("full ids and prefixes of any length") {
        CHECK(ids(g->get_revisions("ae1027a6acf")) == V{"ae1027a6acf"});
        CHECK(ids(g->get_revisions("3512")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("351")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("35")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("3")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("27c6a")) == V{"27c6a30d7c24"});
        CHECK(g->get_revision("4a5b")->id == "4a5b6c7d8e9f");
    }
    SECTION("branch labels and their prefixes") {
        CHECK(ids(g->get_revisions("accounts")) == V{"27c6a30d7c24"});
        CHECK(ids(g->get_revisions("acc")) == V{"27c6a30d7c24"});
        CHECK(ids(g->get_revisions("billing")) == V{"27c6f0e1d2c3"});
        CHECK(ids(g->get_revisions("bil")) == V{"27c6f0e1d2c3"});
    }
    SECTION("label@head, rev@head, label@base, label@rev") {
        CHECK(ids(g->get_revisions("accounts@head")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("billing@head")) == V{"4a5b6c7d8e9f"});
        CHECK(ids(g->get_revisions("accounts@heads")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("27c6a30d7c24@head")) == V{"3512b954651e"});
        CHECK(g->get_revisions("accounts@base").empty());
        CHECK(g->get_revisions("4a5b@base").empty());
        CHECK(ids(g->get_revisions("accounts@3512")) == V{"3512b954651e"});
        CHECK(ids(g->get_revisions("accounts@ae10")) == V{"ae1027a6acf"});
    }
    SECTION("-N and label@-N walk down from the heads") {
        CHECK(ids(g->get_revisions("-1")) == V{"27c6a30d7c24", "27c6f0e1d2c3"});
        CHECK(ids(g->get_revisions("accounts@-1")) == V{"27c6a30d7c24"});
        CHECK(ids(g->get_revisions("billing@-2")) == V{"ae1027a6acf"});
    }
    SECTION("resolver errors") {
        CHECK_THROWS_MATCHES(g->get_revisions("zzzz"), ResolutionError, Message("No such revision or branch 'zzzz'"));
        CHECK_THROWS_MATCHES(g->get_revisions("zz"), ResolutionError,
                             Message("No such revision or branch 'zz'; please ensure at least four characters are "
                                     "present for partial revision identifier matches"));
        CHECK_THROWS_MATCHES(g->get_revisions("27c6"), ResolutionError,
                             Message("Multiple revisions start with '27c6': '27c6a30d7c24', '27c6f0e1d2c3'..."));
        CHECK_THROWS_MATCHES(g->get_revisions("head"), MultipleHeads,
                             Message("Multiple heads are present for given argument 'head'; 3512b954651e, "
                                     "4a5b6c7d8e9f"));
        CHECK_THROWS_MATCHES(g->get_revisions("ae1027a6acf@head"), MultipleHeads,
                             Message("Multiple heads are present for given argument 'ae1027a6acf@head'; "
                                     "3512b954651e, 4a5b6c7d8e9f"));
        CHECK_THROWS_MATCHES(g->get_revision("heads"), MultipleHeads,
                             Message("Multiple heads are present for given argument 'heads'; 3512b954651e, "
                                     "4a5b6c7d8e9f"));
        CHECK_THROWS_MATCHES(g->get_revisions("billing@3512"), ResolutionError,
                             Message("No such revision or branch '3512'"));
        CHECK_THROWS_MATCHES(g->get_revisions("nolabel@head"), ResolutionError,
                             Message("No such revision or branch 'nolabel'"));
        CHECK_THROWS_MATCHES(g->get_revisions("3512+1"), ResolutionError,
                             Message("No such revision or branch '3512+1'"));
        // the argument travels with the error for the command-level message
        try {
            g->get_revisions("27c6");
            FAIL("no error");
        } catch (const ResolutionError& e) {
            CHECK(e.argument == "27c6");
        }
    }
    SECTION("a single head resolves `head`") {
        auto linear = test::linear_graph();
        CHECK(ids(linear->get_revisions("head")) == V{"d"});
        CHECK(linear->get_revision("head")->id == "d");
        CHECK(ids(linear->get_revisions("-1")) == V{"c"});
        CHECK(ids(linear->get_revisions("-3")) == V{"a"});
    }
}
