// The planner: which steps upgrade, downgrade and stamp run, in which order,
// and the version-table rows each step leaves (HeadTracker), on the graph
// shapes of helpers.hpp. Each expectation is Alembic 1.8.1's output for the
// same graph, current rows and target (its _upgrade_revs / _downgrade_revs /
// _stamp_revs, then HeadMaintainer.update_to_step on each step).
//
// Line format: "<log line> | <row changes> | <rows after the step>", a change
// being "+id" (INSERT), "-id" (DELETE) or "from>to" (UPDATE).
#include "helpers.hpp"

using test::Lines;
using test::plan;

TEST_CASE("planner: a <- b <- c <- d", "[planner]") {
    auto g = test::linear_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "head") == Lines{
                  "upgrade  -> a, create account | +a | a",
                  "upgrade a -> b, add name | a>b | b",
                  "upgrade b -> c, add email | b>c | c",
                  "upgrade c -> d | c>d | d",
              });
        CHECK(plan(*g, "up", {}, "heads") == Lines{
                  "upgrade  -> a, create account | +a | a",
                  "upgrade a -> b, add name | a>b | b",
                  "upgrade b -> c, add email | b>c | c",
                  "upgrade c -> d | c>d | d",
              });
        CHECK(plan(*g, "up", {}, "+2") == Lines{
                  "upgrade  -> a, create account | +a | a",
                  "upgrade a -> b, add name | a>b | b",
              });
        CHECK(plan(*g, "up", {"b"}, "+1") == Lines{
                  "upgrade b -> c, add email | b>c | c",
              });
        CHECK(plan(*g, "up", {"b"}, "head") == Lines{
                  "upgrade b -> c, add email | b>c | c",
                  "upgrade c -> d | c>d | d",
              });
        CHECK(plan(*g, "up", {}, "c") == Lines{
                  "upgrade  -> a, create account | +a | a",
                  "upgrade a -> b, add name | a>b | b",
                  "upgrade b -> c, add email | b>c | c",
              });
        CHECK(plan(*g, "up", {"d"}, "head").empty());
        CHECK(plan(*g, "up", {}, "b+1") == Lines{
                  "upgrade  -> a, create account | +a | a",
                  "upgrade a -> b, add name | a>b | b",
                  "upgrade b -> c, add email | b>c | c",
              });
        CHECK(plan(*g, "up", {"b"}, "b+2") == Lines{
                  "upgrade b -> c, add email | b>c | c",
                  "upgrade c -> d | c>d | d",
              });
        CHECK_PLAN_FAILS(g, "up", {"a"}, "+5",
                         "Relative revision +5 didn't produce 5 migrations");
        CHECK(plan(*g, "up", {"c"}, "a").empty());
        CHECK_PLAN_FAILS(g, "up", {}, "zzzz",
                         "Can't locate revision identified by 'zzzz'");
        CHECK_PLAN_FAILS(g, "up", {"b"}, "-1",
                         "Relative revision -1 didn't produce 1 migrations");
        CHECK(plan(*g, "up", {"a"}, "d-1") == Lines{
                  "upgrade a -> b, add name | a>b | b",
                  "upgrade b -> c, add email | b>c | c",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"d"}, "base") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
                  "downgrade b -> a, add name | b>a | a",
                  "downgrade a -> , create account | -a | ",
              });
        CHECK(plan(*g, "down", {"d"}, "-1") == Lines{
                  "downgrade d -> c | d>c | c",
              });
        CHECK(plan(*g, "down", {"d"}, "-2") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
              });
        CHECK(plan(*g, "down", {"d"}, "b") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
              });
        CHECK_PLAN_FAILS(g, "down", {"b"}, "d",
                         "Destination d is not a valid downgrade target from current head(s)");
        CHECK(plan(*g, "down", {"d"}, "c-1") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
              });
        CHECK_PLAN_FAILS(g, "down", {"b"}, "-3",
                         "Relative revision -3 didn't produce 3 migrations");
        CHECK(plan(*g, "down", {"d"}, "a") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
                  "downgrade b -> a, add name | b>a | a",
              });
        CHECK(plan(*g, "down", {"d"}, "d").empty());
        CHECK_PLAN_FAILS(g, "down", {"d"}, "+1",
                         "Relative revision +1 didn't produce 1 migrations");
        CHECK_PLAN_FAILS(g, "down", {}, "-1",
                         "Relative revision -1 didn't produce 1 migrations");
        CHECK(plan(*g, "down", {"c"}, "a+1") == Lines{
                  "downgrade c -> b, add email | c>b | b",
              });
        CHECK(plan(*g, "down", {"d"}, "base+1") == Lines{
                  "downgrade d -> c | d>c | c",
                  "downgrade c -> b, add email | c>b | b",
                  "downgrade b -> a, add name | b>a | a",
              });
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {}, "head") == Lines{
                  "stamp_revision  -> d | +d | d",
              });
        CHECK(plan(*g, "stamp", {"b"}, "d") == Lines{
                  "stamp_revision b -> d | b>d | d",
              });
        CHECK(plan(*g, "stamp", {"d"}, "b") == Lines{
                  "stamp_revision d -> b | d>b | b",
              });
        CHECK(plan(*g, "stamp", {"d"}, "base") == Lines{
                  "stamp_revision d ->  | -d | ",
              });
        CHECK(plan(*g, "stamp", {}, "c") == Lines{
                  "stamp_revision  -> c | +c | c",
              });
        CHECK(plan(*g, "stamp", {"c"}, "c").empty());
    }
}

TEST_CASE("planner: two branches from one base: a <- b1 <- b2 (left), a <- c1 <- c2 (right)", "[planner]") {
    auto g = test::branched_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "heads") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> c1 | a>c1 | c1",
                  "upgrade c1 -> c2 | c1>c2 | c2",
                  "upgrade a -> b1 | +b1 | b1,c2",
                  "upgrade b1 -> b2 | b1>b2 | b2,c2",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK(plan(*g, "up", {}, "left@head") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> b1 | a>b1 | b1",
                  "upgrade b1 -> b2 | b1>b2 | b2",
              });
        CHECK(plan(*g, "up", {}, "right@head") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> c1 | a>c1 | c1",
                  "upgrade c1 -> c2 | c1>c2 | c2",
              });
        CHECK(plan(*g, "up", {"b2"}, "right@head") == Lines{
                  "upgrade a -> c1 | +c1 | b2,c1",
                  "upgrade c1 -> c2 | c1>c2 | b2,c2",
              });
        CHECK(plan(*g, "up", {"b2"}, "heads") == Lines{
                  "upgrade a -> c1 | +c1 | b2,c1",
                  "upgrade c1 -> c2 | c1>c2 | b2,c2",
              });
        CHECK_PLAN_FAILS(g, "up", {"a"}, "+1",
                         "Ambiguous walk");
        CHECK(plan(*g, "up", {"b1"}, "left@+1") == Lines{
                  "upgrade b1 -> b2 | b1>b2 | b2",
              });
        CHECK(plan(*g, "up", {"b1", "c1"}, "heads") == Lines{
                  "upgrade c1 -> c2 | c1>c2 | b1,c2",
                  "upgrade b1 -> b2 | b1>b2 | b2,c2",
              });
        CHECK(plan(*g, "up", {}, "b2") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> b1 | a>b1 | b1",
                  "upgrade b1 -> b2 | b1>b2 | b2",
              });
        CHECK(plan(*g, "up", {"b2"}, "c1") == Lines{
                  "upgrade a -> c1 | +c1 | b2,c1",
              });
        CHECK_PLAN_FAILS(g, "up", (Lines{"b1", "c1"}), "+1",
                         "Ambiguous upgrade from multiple current revisions");
        CHECK(plan(*g, "up", {"b2"}, "right@+1") == Lines{
                  "upgrade a -> c1 | +c1 | b2,c1",
              });
        CHECK(plan(*g, "up", {"b2"}, "right@+2") == Lines{
                  "upgrade a -> c1 | +c1 | b2,c1",
                  "upgrade c1 -> c2 | c1>c2 | b2,c2",
              });
        CHECK(plan(*g, "up", {"b1", "c1"}, "right@+1") == Lines{
                  "upgrade c1 -> c2 | c1>c2 | b1,c2",
              });
        CHECK(plan(*g, "up", {"a"}, "right@+2") == Lines{
                  "upgrade a -> c1 | a>c1 | c1",
                  "upgrade c1 -> c2 | c1>c2 | c2",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"b2", "c2"}, "base") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
                  "downgrade b1 -> a | -b1 | c2",
                  "downgrade c2 -> c1 | c2>c1 | c1",
                  "downgrade c1 -> a | c1>a | a",
                  "downgrade a ->  | -a | ",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "a") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
                  "downgrade b1 -> a | -b1 | c2",
                  "downgrade c2 -> c1 | c2>c1 | c1",
                  "downgrade c1 -> a | c1>a | a",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "left@base") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
                  "downgrade b1 -> a | -b1 | c2",
                  "downgrade c2 -> c1 | c2>c1 | c1",
                  "downgrade c1 -> a | c1>a | a",
                  "downgrade a ->  | -a | ",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "left@-1") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "-1") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "b1") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "right@a") == Lines{
                  "downgrade c2 -> c1 | c2>c1 | b2,c1",
                  "downgrade c1 -> a | -c1 | b2",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "left@a") == Lines{
                  "downgrade b2 -> b1 | b2>b1 | b1,c2",
                  "downgrade b1 -> a | -b1 | c2",
              });
        CHECK(plan(*g, "down", {"b2", "c2"}, "right@-2") == Lines{
                  "downgrade c2 -> c1 | c2>c1 | b2,c1",
                  "downgrade c1 -> a | -c1 | b2",
              });
        CHECK_PLAN_FAILS(g, "down", {"b2"}, "c1",
                         "Destination c1 is not a valid downgrade target from current head(s)");
        CHECK(plan(*g, "down", {"b2", "c2"}, "b2").empty());
        CHECK(plan(*g, "down", {"b1", "c2"}, "right@-1") == Lines{
                  "downgrade c2 -> c1 | c2>c1 | b1,c1",
              });
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {"b2", "c2"}, "a") == Lines{
                  "stamp_revision b2, c2 -> a | -b2 c2>a | a",
              });
        CHECK(plan(*g, "stamp", {"b2", "c2"}, "base") == Lines{
                  "stamp_revision b2 ->  | -b2 | c2",
                  "stamp_revision c2 ->  | -c2 | ",
              });
        CHECK(plan(*g, "stamp", {"b2"}, "c2") == Lines{
                  "stamp_revision  -> c2 | +c2 | b2,c2",
              });
        CHECK(plan(*g, "stamp", {}, "b2,c2") == Lines{
                  "stamp_revision  -> b2 | +b2 | b2",
                  "stamp_revision  -> c2 | +c2 | b2,c2",
              });
        CHECK(plan(*g, "stamp", {"b2", "c2"}, "b1") == Lines{
                  "stamp_revision b2 -> b1 | b2>b1 | b1,c2",
              });
        CHECK(plan(*g, "stamp", {"b1"}, "b2") == Lines{
                  "stamp_revision b1 -> b2 | b1>b2 | b2",
              });
        CHECK(plan(*g, "stamp", {"a"}, "b2") == Lines{
                  "stamp_revision a -> b2 | a>b2 | b2",
              });
        CHECK(plan(*g, "stamp", {"b2", "c2"}, "heads").empty());
        CHECK(plan(*g, "stamp", {"b2", "c2"}, "left@base") == Lines{
                  "stamp_revision b2 ->  | -b2 | c2",
              });
        CHECK(plan(*g, "stamp", {"b1", "c1"}, "b2,c2") == Lines{
                  "stamp_revision b1, c1 -> b2 | -b1 c1>b2 | b2",
                  "stamp_revision b1, c1 -> c2 | +c2 | b2,c2",
              });
        CHECK_PLAN_FAILS(g, "stamp", {}, "head",
                         "Multiple heads are present; please specify a single target revision");
    }
}

TEST_CASE("planner: two bases: x1 <- x2 (xs), y1 <- y2 (ys)", "[planner]") {
    auto g = test::two_bases_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "heads") == Lines{
                  "upgrade  -> y1 | +y1 | y1",
                  "upgrade y1 -> y2 | y1>y2 | y2",
                  "upgrade  -> x1 | +x1 | x1,y2",
                  "upgrade x1 -> x2 | x1>x2 | x2,y2",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK(plan(*g, "up", {}, "xs@head") == Lines{
                  "upgrade  -> x1 | +x1 | x1",
                  "upgrade x1 -> x2 | x1>x2 | x2",
              });
        CHECK(plan(*g, "up", {"x2"}, "ys@head") == Lines{
                  "upgrade  -> y1 | +y1 | x2,y1",
                  "upgrade y1 -> y2 | y1>y2 | x2,y2",
              });
        CHECK(plan(*g, "up", {"x2"}, "heads") == Lines{
                  "upgrade  -> y1 | +y1 | x2,y1",
                  "upgrade y1 -> y2 | y1>y2 | x2,y2",
              });
        CHECK(plan(*g, "up", {}, "ys@+1") == Lines{
                  "upgrade  -> y1 | +y1 | y1",
              });
        CHECK(plan(*g, "up", {"x1"}, "ys@+2") == Lines{
                  "upgrade  -> y1 | +y1 | x1,y1",
                  "upgrade y1 -> y2 | y1>y2 | x1,y2",
              });
        CHECK(plan(*g, "up", {"x1", "y1"}, "xs@+1") == Lines{
                  "upgrade x1 -> x2 | x1>x2 | x2,y1",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"x2", "y2"}, "base") == Lines{
                  "downgrade x2 -> x1 | x2>x1 | x1,y2",
                  "downgrade x1 ->  | -x1 | y2",
                  "downgrade y2 -> y1 | y2>y1 | y1",
                  "downgrade y1 ->  | -y1 | ",
              });
        CHECK(plan(*g, "down", {"x2", "y2"}, "xs@base") == Lines{
                  "downgrade x2 -> x1 | x2>x1 | x1,y2",
                  "downgrade x1 ->  | -x1 | y2",
              });
        CHECK(plan(*g, "down", {"x2", "y2"}, "ys@-1") == Lines{
                  "downgrade y2 -> y1 | y2>y1 | x2,y1",
              });
        CHECK(plan(*g, "down", {"x2", "y2"}, "x1") == Lines{
                  "downgrade x2 -> x1 | x2>x1 | x1,y2",
              });
        CHECK(plan(*g, "down", {"x2", "y2"}, "xs@-2") == Lines{
                  "downgrade x2 -> x1 | x2>x1 | x1,y2",
                  "downgrade x1 ->  | -x1 | y2",
              });
        CHECK(plan(*g, "down", {"x2", "y2"}, "-1") == Lines{
                  "downgrade x2 -> x1 | x2>x1 | x1,y2",
              });
        CHECK(plan(*g, "down", {"x2"}, "ys@base").empty());
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {"x2", "y2"}, "base") == Lines{
                  "stamp_revision x2 ->  | -x2 | y2",
                  "stamp_revision y2 ->  | -y2 | ",
              });
        CHECK(plan(*g, "stamp", {"x2", "y2"}, "xs@base") == Lines{
                  "stamp_revision x2 ->  | -x2 | y2",
              });
        CHECK(plan(*g, "stamp", {"x2"}, "y2") == Lines{
                  "stamp_revision  -> y2 | +y2 | x2,y2",
              });
        CHECK(plan(*g, "stamp", {"x2", "y2"}, "x1") == Lines{
                  "stamp_revision x2 -> x1 | x2>x1 | x1,y2",
              });
        CHECK(plan(*g, "stamp", {"x1", "y1"}, "y2") == Lines{
                  "stamp_revision y1 -> y2 | y1>y2 | x1,y2",
              });
    }
}

TEST_CASE("planner: a branch point and a merge point: a <- b, a <- c, (b, c) <- d <- e", "[planner]") {
    auto g = test::merged_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "head") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> c | a>c | c",
                  "upgrade a -> b | +b | b,c",
                  "upgrade b, c -> d | -b c>d | d",
                  "upgrade d -> e | d>e | e",
              });
        CHECK(plan(*g, "up", {"b"}, "head") == Lines{
                  "upgrade a -> c | +c | b,c",
                  "upgrade b, c -> d | -b c>d | d",
                  "upgrade d -> e | d>e | e",
              });
        CHECK(plan(*g, "up", {"b", "c"}, "d") == Lines{
                  "upgrade b, c -> d | -b c>d | d",
              });
        CHECK(plan(*g, "up", {}, "b") == Lines{
                  "upgrade  -> a | +a | a",
                  "upgrade a -> b | a>b | b",
              });
        CHECK(plan(*g, "up", {"b"}, "c") == Lines{
                  "upgrade a -> c | +c | b,c",
              });
        CHECK(plan(*g, "up", {"b", "c"}, "head") == Lines{
                  "upgrade b, c -> d | -b c>d | d",
                  "upgrade d -> e | d>e | e",
              });
        CHECK(plan(*g, "up", {"b"}, "+1") == Lines{
                  "upgrade a -> c | +c | b,c",
                  "upgrade b, c -> d | -b c>d | d",
              });
        CHECK_PLAN_FAILS(g, "up", (Lines{"b", "c"}), "+1",
                         "Ambiguous upgrade from multiple current revisions");
        CHECK(plan(*g, "up", {"b"}, "d") == Lines{
                  "upgrade a -> c | +c | b,c",
                  "upgrade b, c -> d | -b c>d | d",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"e"}, "base") == Lines{
                  "downgrade e -> d | e>d | d",
                  "downgrade d -> b, c | +b d>c | b,c",
                  "downgrade b -> a | -b | c",
                  "downgrade c -> a | c>a | a",
                  "downgrade a ->  | -a | ",
              });
        CHECK(plan(*g, "down", {"e"}, "a") == Lines{
                  "downgrade e -> d | e>d | d",
                  "downgrade d -> b, c | +b d>c | b,c",
                  "downgrade b -> a | -b | c",
                  "downgrade c -> a | c>a | a",
              });
        CHECK(plan(*g, "down", {"e"}, "b") == Lines{
                  "downgrade e -> d | e>d | d",
                  "downgrade d -> b, c | +b d>c | b,c",
              });
        CHECK(plan(*g, "down", {"e"}, "c") == Lines{
                  "downgrade e -> d | e>d | d",
                  "downgrade d -> b, c | +b d>c | b,c",
              });
        CHECK(plan(*g, "down", {"d"}, "b") == Lines{
                  "downgrade d -> b, c | +b d>c | b,c",
              });
        CHECK_PLAN_FAILS(g, "down", {"e"}, "-2",
                         "Ambiguous walk");
        CHECK_PLAN_FAILS(g, "down", {"d"}, "-1",
                         "Ambiguous walk");
        CHECK(plan(*g, "down", {"b", "c"}, "a") == Lines{
                  "downgrade b -> a | -b | c",
                  "downgrade c -> a | c>a | a",
              });
        CHECK(plan(*g, "down", {"b", "c"}, "b").empty());
        CHECK_PLAN_FAILS(g, "down", {"e"}, "-3",
                         "Ambiguous walk");
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {"e"}, "b") == Lines{
                  "stamp_revision e -> b | e>b | b",
              });
        // Alembic crashes here (KeyError: 'd'); migrate must fail cleanly.
        CHECK_THROWS_AS(plan(*g, "stamp", {"d"}, "b,c"), migrate::Error);
        CHECK(plan(*g, "stamp", {"b", "c"}, "d") == Lines{
                  "stamp_revision b, c -> d | -b c>d | d",
              });
        CHECK(plan(*g, "stamp", {"b"}, "e") == Lines{
                  "stamp_revision b -> e | b>e | e",
              });
        CHECK(plan(*g, "stamp", {"e"}, "base") == Lines{
                  "stamp_revision e ->  | -e | ",
              });
        CHECK(plan(*g, "stamp", {"b", "c"}, "a") == Lines{
                  "stamp_revision b, c -> a | -b c>a | a",
              });
        CHECK(plan(*g, "stamp", {"b"}, "c") == Lines{
                  "stamp_revision  -> c | +c | b,c",
              });
    }
}

TEST_CASE("planner: depends_on by id and by branch label", "[planner]") {
    auto g = test::depends_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "heads") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> b1 | +b1 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
                  "upgrade b2 -> b3 | b2>b3 | b3",
              });
        CHECK(plan(*g, "up", {}, "b2") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> b1 | +b1 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
              });
        CHECK(plan(*g, "up", {}, "beta@head") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> b1 | +b1 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
                  "upgrade b2 -> b3 | b2>b3 | b3",
              });
        CHECK(plan(*g, "up", {"a1"}, "b2") == Lines{
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> b1 | +b1 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
              });
        CHECK(plan(*g, "up", {"a2"}, "heads") == Lines{
                  "upgrade  -> b1 | +b1 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
                  "upgrade b2 -> b3 | b2>b3 | b3",
              });
        CHECK(plan(*g, "up", {}, "b1") == Lines{
                  "upgrade  -> b1 | +b1 | b1",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK(plan(*g, "up", {"a2", "b1"}, "heads") == Lines{
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
                  "upgrade b2 -> b3 | b2>b3 | b3",
              });
        CHECK(plan(*g, "up", {"b1"}, "beta@+1") == Lines{
                  "upgrade  -> a1 | +a1 | a1,b1",
                  "upgrade a1 -> a2 | a1>a2 | a2,b1",
                  "upgrade b1 -> b2 | -b1 a2>b2 | b2",
              });
        CHECK(plan(*g, "up", {}, "alpha@head") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"a2", "b3"}, "base") == Lines{
                  "downgrade b3 -> b2 | b3>b2 | a2,b2",
                  "downgrade b2 -> b1 | b2>b1 | a2,b1",
                  "downgrade b1 ->  | -b1 | a2",
                  "downgrade a2 -> a1 | a2>a1 | a1",
                  "downgrade a1 ->  | -a1 | ",
              });
        CHECK(plan(*g, "down", {"a2", "b3"}, "a1") == Lines{
                  "downgrade b3 -> b2 | b3>b2 | a2,b2",
                  "downgrade b2 -> b1 | b2>b1 | a2,b1",
                  "downgrade a2 -> a1 | a2>a1 | a1,b1",
              });
        CHECK(plan(*g, "down", {"a2", "b3"}, "beta@base") == Lines{
                  "downgrade b3 -> b2 | b3>b2 | a2,b2",
                  "downgrade b2 -> b1 | b2>b1 | a2,b1",
                  "downgrade b1 ->  | -b1 | a2",
              });
        CHECK(plan(*g, "down", {"a2", "b3"}, "b1") == Lines{
                  "downgrade b3 -> b2 | b3>b2 | a2,b2",
                  "downgrade b2 -> b1 | b2>b1 | a2,b1",
              });
        CHECK(plan(*g, "down", {"a2", "b3"}, "alpha@base") == Lines{
                  "downgrade b3 -> b2 | b3>b2 | a2,b2",
                  "downgrade b2 -> b1 | b2>b1 | a2,b1",
                  "downgrade a2 -> a1 | a2>a1 | a1,b1",
                  "downgrade a1 ->  | -a1 | b1",
              });
        CHECK(plan(*g, "down", {"b3"}, "a1") == Lines{
                  "downgrade b3 -> b2 | +b2 b3>a1 | a1,b2",
                  // Alembic: "+a2 b2>b1" or "+b1 b2>a2", by its set order
                  "downgrade b2 -> b1 | +b1 b2>a2 | a1,a2,b1",
                  "downgrade a2 -> a1 | -a2 | a1,b1",
              });
        CHECK(plan(*g, "down", {"b3"}, "b1") == Lines{
                  "downgrade b3 -> b2 | +b2 b3>a1 | a1,b2",
                  // Alembic: "+a2 b2>b1" or "+b1 b2>a2", by its set order
                  "downgrade b2 -> b1 | +b1 b2>a2 | a1,a2,b1",
              });
        CHECK(plan(*g, "down", {"b3"}, "base") == Lines{
                  "downgrade b3 -> b2 | +b2 b3>a1 | a1,b2",
                  // Alembic: "+a2 b2>b1" or "+b1 b2>a2", by its set order
                  "downgrade b2 -> b1 | +b1 b2>a2 | a1,a2,b1",
                  "downgrade b1 ->  | -b1 | a1,a2",
                  "downgrade a2 -> a1 | -a2 | a1",
                  "downgrade a1 ->  | -a1 | ",
              });
        CHECK(plan(*g, "down", {"b3"}, "-1") == Lines{
                  "downgrade b3 -> b2 | +b2 b3>a1 | a1,b2",
              });
        CHECK(plan(*g, "down", {"b3"}, "alpha@-1") == Lines{
                  "downgrade b3 -> b2 | +b2 b3>a1 | a1,b2",
                  // Alembic: "+a2 b2>b1" or "+b1 b2>a2", by its set order
                  "downgrade b2 -> b1 | +b1 b2>a2 | a1,a2,b1",
                  "downgrade a2 -> a1 | -a2 | a1,b1",
              });
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {"a2", "b3"}, "a1") == Lines{
                  "stamp_revision a2, b3 -> a1 | -a2 b3>a1 | a1",
              });
        CHECK(plan(*g, "stamp", {}, "b2") == Lines{
                  "stamp_revision  -> b2 | +b2 | b2",
              });
        CHECK(plan(*g, "stamp", {"a2", "b3"}, "base") == Lines{
                  "stamp_revision a2 ->  | -a2 | b3",
                  "stamp_revision b3 ->  | -b3 | ",
              });
        CHECK(plan(*g, "stamp", {"b3"}, "a1") == Lines{
                  "stamp_revision b3 -> a1 | b3>a1 | a1",
              });
        CHECK(plan(*g, "stamp", {"a2"}, "b3") == Lines{
                  "stamp_revision a2 -> b3 | a2>b3 | b3",
              });
        CHECK(plan(*g, "stamp", {"b3"}, "b1") == Lines{
                  "stamp_revision b3 -> b1 | b3>b1 | b1",
              });
    }
}

TEST_CASE("planner: a base that depends on another branch's head", "[planner]") {
    auto g = test::dep_only_graph();
    SECTION("upgrade") {
        CHECK(plan(*g, "up", {}, "heads") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> c1 | a2>c1 | c1",
              });
        CHECK(plan(*g, "up", {}, "c1") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
                  "upgrade  -> c1 | a2>c1 | c1",
              });
        CHECK(plan(*g, "up", {}, "a2") == Lines{
                  "upgrade  -> a1 | +a1 | a1",
                  "upgrade a1 -> a2 | a1>a2 | a2",
              });
        CHECK(plan(*g, "up", {"a2"}, "heads") == Lines{
                  "upgrade  -> c1 | a2>c1 | c1",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"c1"}, "base") == Lines{
                  "downgrade c1 ->  | c1>a2 | a2",
                  "downgrade a2 -> a1 | a2>a1 | a1",
                  "downgrade a1 ->  | -a1 | ",
              });
        CHECK(plan(*g, "down", {"c1"}, "a1") == Lines{
                  "downgrade c1 ->  | c1>a2 | a2",
                  "downgrade a2 -> a1 | a2>a1 | a1",
              });
        CHECK(plan(*g, "down", {"a2", "c1"}, "a2").empty());
        CHECK_PLAN_FAILS(g, "down", {"c1"}, "a2",
                         "Destination a2 is not a valid downgrade target from current head(s)");
    }
    SECTION("stamp") {
        CHECK(plan(*g, "stamp", {}, "c1") == Lines{
                  "stamp_revision  -> c1 | +c1 | c1",
              });
        CHECK(plan(*g, "stamp", {"c1"}, "a1") == Lines{
                  "stamp_revision c1 -> a1 | c1>a1 | a1",
              });
        CHECK(plan(*g, "stamp", {"c1"}, "base") == Lines{
                  "stamp_revision c1 ->  | -c1 | ",
              });
        CHECK(plan(*g, "stamp", {"a2"}, "c1") == Lines{
                  "stamp_revision a2 -> c1 | a2>c1 | c1",
              });
    }
}

TEST_CASE("planner: identifier forms at the command level", "[planner]") {
    auto g = test::resolve_graph();
    SECTION("upgrade") {
        CHECK_PLAN_FAILS(g, "up", {}, "zzzz",
                         "Can't locate revision identified by 'zzzz'");
        CHECK_PLAN_FAILS(g, "up", {}, "27c6",
                         "Can't locate revision identified by '27c6'");
        CHECK_PLAN_FAILS(g, "up", {}, "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK(plan(*g, "up", {}, "accounts@head") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
                  "upgrade ae1027a6acf -> 27c6a30d7c24, add name | ae1027a6acf>27c6a30d7c24 | 27c6a30d7c24",
                  "upgrade 27c6a30d7c24 -> 3512b954651e, add email | 27c6a30d7c24>3512b954651e | 3512b954651e",
              });
        CHECK(plan(*g, "up", {}, "acc") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
                  "upgrade ae1027a6acf -> 27c6a30d7c24, add name | ae1027a6acf>27c6a30d7c24 | 27c6a30d7c24",
              });
        CHECK(plan(*g, "up", {}, "3") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
                  "upgrade ae1027a6acf -> 27c6a30d7c24, add name | ae1027a6acf>27c6a30d7c24 | 27c6a30d7c24",
                  "upgrade 27c6a30d7c24 -> 3512b954651e, add email | 27c6a30d7c24>3512b954651e | 3512b954651e",
              });
        CHECK(plan(*g, "up", {}, "27c6a30d7c24@head") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
                  "upgrade ae1027a6acf -> 27c6a30d7c24, add name | ae1027a6acf>27c6a30d7c24 | 27c6a30d7c24",
                  "upgrade 27c6a30d7c24 -> 3512b954651e, add email | 27c6a30d7c24>3512b954651e | 3512b954651e",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "ae1027a6acf@head",
                         "Multiple head revisions are present for given argument 'ae1027a6acf@head'; please specify a specific target revision, '<branchname>@ae1027a6acf@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK_PLAN_FAILS(g, "up", {}, "billing@3512",
                         "Can't locate revision identified by '3512'");
        CHECK_PLAN_FAILS(g, "up", {}, "nolabel@head",
                         "Can't locate revision identified by 'nolabel'");
        CHECK(plan(*g, "up", {"ae1027a6acf"}, "accounts@+2") == Lines{
                  "upgrade ae1027a6acf -> 27c6a30d7c24, add name | ae1027a6acf>27c6a30d7c24 | 27c6a30d7c24",
                  "upgrade 27c6a30d7c24 -> 3512b954651e, add email | 27c6a30d7c24>3512b954651e | 3512b954651e",
              });
        CHECK(plan(*g, "up", {"ae1027a6acf"}, "billing@+1") == Lines{
                  "upgrade ae1027a6acf -> 27c6f0e1d2c3, create invoice | ae1027a6acf>27c6f0e1d2c3 | 27c6f0e1d2c3",
              });
        CHECK_PLAN_FAILS(g, "up", {}, "ae10+1",
                         "Ambiguous walk");
        CHECK(plan(*g, "up", {}, "accounts@+1") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
              });
        CHECK(plan(*g, "up", {"3512b954651e"}, "billing@+1") == Lines{
                  "upgrade ae1027a6acf -> 27c6f0e1d2c3, create invoice | +27c6f0e1d2c3 | 27c6f0e1d2c3,3512b954651e",
              });
        CHECK_PLAN_FAILS(g, "up", {"ae1027a6acf"}, "+1",
                         "Ambiguous walk");
        CHECK(plan(*g, "up", {"27c6a30d7c24"}, "+1") == Lines{
                  "upgrade 27c6a30d7c24 -> 3512b954651e, add email | 27c6a30d7c24>3512b954651e | 3512b954651e",
              });
        CHECK_PLAN_FAILS(g, "up", {"27c6a30d7c24"}, "+2",
                         "Relative revision +2 didn't produce 2 migrations");
        CHECK(plan(*g, "up", {}, "4a5b-1") == Lines{
                  "upgrade  -> ae1027a6acf, create account | +ae1027a6acf | ae1027a6acf",
                  "upgrade ae1027a6acf -> 27c6f0e1d2c3, create invoice | ae1027a6acf>27c6f0e1d2c3 | 27c6f0e1d2c3",
              });
    }
    SECTION("downgrade") {
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "accounts@base") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
                  "downgrade 27c6a30d7c24 -> ae1027a6acf, add name | -27c6a30d7c24 | 4a5b6c7d8e9f",
                  "downgrade 4a5b6c7d8e9f -> 27c6f0e1d2c3, add total | 4a5b6c7d8e9f>27c6f0e1d2c3 | 27c6f0e1d2c3",
                  "downgrade 27c6f0e1d2c3 -> ae1027a6acf, create invoice | 27c6f0e1d2c3>ae1027a6acf | ae1027a6acf",
                  "downgrade ae1027a6acf -> , create account | -ae1027a6acf | ",
              });
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "billing@-1") == Lines{
                  "downgrade 4a5b6c7d8e9f -> 27c6f0e1d2c3, add total | 4a5b6c7d8e9f>27c6f0e1d2c3 | 27c6f0e1d2c3,3512b954651e",
              });
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "-1") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
              });
        CHECK_PLAN_FAILS(g, "down", (Lines{"3512b954651e", "4a5b6c7d8e9f"}), "zzzz",
                         "Can't locate revision identified by 'zzzz'");
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "3512-1") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
              });
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "accounts@-2") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
                  "downgrade 27c6a30d7c24 -> ae1027a6acf, add name | -27c6a30d7c24 | 4a5b6c7d8e9f",
              });
        CHECK_PLAN_FAILS(g, "down", {"3512b954651e"}, "4a5b",
                         "Destination 4a5b is not a valid downgrade target from current head(s)");
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "ae10") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
                  "downgrade 27c6a30d7c24 -> ae1027a6acf, add name | -27c6a30d7c24 | 4a5b6c7d8e9f",
                  "downgrade 4a5b6c7d8e9f -> 27c6f0e1d2c3, add total | 4a5b6c7d8e9f>27c6f0e1d2c3 | 27c6f0e1d2c3",
                  "downgrade 27c6f0e1d2c3 -> ae1027a6acf, create invoice | 27c6f0e1d2c3>ae1027a6acf | ae1027a6acf",
              });
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "billing@ae10") == Lines{
                  "downgrade 4a5b6c7d8e9f -> 27c6f0e1d2c3, add total | 4a5b6c7d8e9f>27c6f0e1d2c3 | 27c6f0e1d2c3,3512b954651e",
                  "downgrade 27c6f0e1d2c3 -> ae1027a6acf, create invoice | -27c6f0e1d2c3 | 3512b954651e",
              });
        CHECK_PLAN_FAILS(g, "down", (Lines{"3512b954651e", "4a5b6c7d8e9f"}), "head",
                         "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads");
        CHECK(plan(*g, "down", {"3512b954651e"}, "-1") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24",
              });
        CHECK(plan(*g, "down", {"3512b954651e"}, "-3") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24",
                  "downgrade 27c6a30d7c24 -> ae1027a6acf, add name | 27c6a30d7c24>ae1027a6acf | ae1027a6acf",
                  "downgrade ae1027a6acf -> , create account | -ae1027a6acf | ",
              });
        CHECK(plan(*g, "down", {"3512b954651e", "4a5b6c7d8e9f"}, "3512b954651e@-1") == Lines{
                  "downgrade 3512b954651e -> 27c6a30d7c24, add email | 3512b954651e>27c6a30d7c24 | 27c6a30d7c24,4a5b6c7d8e9f",
              });
    }
    SECTION("stamp") {
        CHECK_PLAN_FAILS(g, "stamp", {}, "head",
                         "Multiple heads are present; please specify a single target revision");
        CHECK(plan(*g, "stamp", {}, "heads") == Lines{
                  "stamp_revision  -> 3512b954651e | +3512b954651e | 3512b954651e",
                  "stamp_revision  -> 4a5b6c7d8e9f | +4a5b6c7d8e9f | 3512b954651e,4a5b6c7d8e9f",
              });
        CHECK(plan(*g, "stamp", {}, "accounts@head") == Lines{
                  "stamp_revision  -> 3512b954651e | +3512b954651e | 3512b954651e",
              });
        CHECK(plan(*g, "stamp", {"3512b954651e"}, "billing@head") == Lines{
                  "stamp_revision  -> 4a5b6c7d8e9f | +4a5b6c7d8e9f | 3512b954651e,4a5b6c7d8e9f",
              });
        CHECK_PLAN_FAILS(g, "stamp", {}, "zzzz",
                         "Can't locate revision identified by 'zzzz'");
    }
}

