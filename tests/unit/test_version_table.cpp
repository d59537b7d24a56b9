// HeadTracker (Alembic's HeadMaintainer): which version-table rows each kind
// of step inserts, updates or deletes; and the SQL of those changes. The
// expected row changes are HeadMaintainer.update_to_step's over the same
// graphs and rows.
#include <map>

#include "helpers.hpp"

using migrate::Error;
using migrate::ErrorKind;
using migrate::HeadTracker;
using migrate::RevisionGraph;
using migrate::Step;
using Catch::Matchers::Contains;
using V = std::vector<std::string>;

namespace {

Step revision_step(const RevisionGraph& g, Step::Kind kind, const std::string& id) {
    Step s;
    s.kind = kind;
    s.revision = g.find(id);
    REQUIRE(s.revision != nullptr);
    return s;
}

Step up(const RevisionGraph& g, const std::string& id) { return revision_step(g, Step::Kind::Upgrade, id); }
Step down(const RevisionGraph& g, const std::string& id) { return revision_step(g, Step::Kind::Downgrade, id); }

Step stamp(V from, V to, bool is_upgrade, bool branch_move) {
    Step s;
    s.kind = Step::Kind::Stamp;
    s.stamp_from = std::move(from);
    s.stamp_to = std::move(to);
    s.stamp_is_upgrade = is_upgrade;
    s.stamp_branch_move = branch_move;
    return s;
}

// The changes of one step as "+id", "-id", "from>to".
V apply(HeadTracker& tracker, const Step& step) {
    V out;
    for (const auto& c : tracker.apply(step)) out.push_back(test::change_text(c));
    return out;
}

}  // namespace

TEST_CASE("HeadTracker: upgrade steps", "[head_tracker]") {
    SECTION("a base inserts its row") {
        auto g = test::linear_graph();
        HeadTracker t(*g, {});
        CHECK(apply(t, up(*g, "a")) == V{"+a"});
        CHECK(t.heads() == V{"a"});
    }
    SECTION("a linear step updates the row") {
        auto g = test::linear_graph();
        HeadTracker t(*g, {"a"});
        CHECK(apply(t, up(*g, "b")) == V{"a>b"});
        CHECK(apply(t, up(*g, "c")) == V{"b>c"});
        CHECK(t.heads() == V{"c"});
    }
    SECTION("a new branch inserts a row beside the other head") {
        auto g = test::branched_graph();
        HeadTracker t(*g, {"b2"});
        CHECK(apply(t, up(*g, "c1")) == V{"+c1"});
        CHECK(apply(t, up(*g, "c2")) == V{"c1>c2"});
        CHECK(test::sorted(t.heads()) == V{"b2", "c2"});
    }
    SECTION("a second base inserts a row") {
        auto g = test::two_bases_graph();
        HeadTracker t(*g, {"x2"});
        CHECK(apply(t, up(*g, "y1")) == V{"+y1"});
        CHECK(test::sorted(t.heads()) == V{"x2", "y1"});
    }
    SECTION("a merge deletes all parents but the last and updates that one") {
        auto g = test::merged_graph();
        HeadTracker t(*g, {"b", "c"});
        CHECK(apply(t, up(*g, "d")) == V{"-b", "c>d"});
        CHECK(t.heads() == V{"d"});
    }
    SECTION("a merge with an unrelated head left alone") {
        // Alembic takes the parents in set order here: "-b c>d" or "-c b>d"
        auto g = test::make_graph({test::R("a"), test::R("b", {"a"}), test::R("c", {"a"}), test::R("d", {"b", "c"}),
                             test::R("z")});
        HeadTracker t(*g, {"b", "c", "z"});
        CHECK(apply(t, up(*g, "d")) == V{"-b", "c>d"});
        CHECK(test::sorted(t.heads()) == V{"d", "z"});
    }
    SECTION("a merge point with one parent applied updates that parent") {
        auto g = test::merged_graph();
        HeadTracker t(*g, {"b"});
        CHECK(apply(t, up(*g, "d")) == V{"b>d"});
    }
    SECTION("a dependency counts as a parent: merge with the other branch's head") {
        auto g = test::depends_graph();
        HeadTracker t(*g, {"a2", "b1"});
        CHECK(apply(t, up(*g, "b2")) == V{"-b1", "a2>b2"});
        CHECK(t.heads() == V{"b2"});
    }
    SECTION("a base that only depends on a head takes that head's row") {
        auto g = test::dep_only_graph();
        HeadTracker t(*g, {"a2"});
        CHECK(apply(t, up(*g, "c1")) == V{"a2>c1"});
    }
}

TEST_CASE("HeadTracker: downgrade steps", "[head_tracker]") {
    SECTION("a linear step updates the row") {
        auto g = test::linear_graph();
        HeadTracker t(*g, {"c"});
        CHECK(apply(t, down(*g, "c")) == V{"c>b"});
    }
    SECTION("the base deletes the last row") {
        auto g = test::linear_graph();
        HeadTracker t(*g, {"a"});
        CHECK(apply(t, down(*g, "a")) == V{"-a"});
        CHECK(t.heads().empty());
    }
    SECTION("a branch down to a branch point that another head keeps is deleted") {
        auto g = test::branched_graph();
        HeadTracker t(*g, {"b1", "c2"});
        CHECK(apply(t, down(*g, "b1")) == V{"-b1"});
        CHECK(t.heads() == V{"c2"});
        CHECK(apply(t, down(*g, "c2")) == V{"c2>c1"});
        CHECK(apply(t, down(*g, "c1")) == V{"c1>a"});
        CHECK(apply(t, down(*g, "a")) == V{"-a"});
    }
    SECTION("an unmerge inserts all parents but the last and updates to that one") {
        auto g = test::merged_graph();
        HeadTracker t(*g, {"d"});
        CHECK(apply(t, down(*g, "d")) == V{"+b", "d>c"});
        CHECK(test::sorted(t.heads()) == V{"b", "c"});
        CHECK(apply(t, down(*g, "b")) == V{"-b"});
        CHECK(apply(t, down(*g, "c")) == V{"c>a"});
    }
    SECTION("an unmerge skips parents that another head still has below it") {
        auto g = test::depends_graph();
        HeadTracker t(*g, {"a2", "b3"});
        // b3's parents are b2 and (by dependency) a1; a1 is below a2
        CHECK(apply(t, down(*g, "b3")) == V{"b3>b2"});
        CHECK(test::sorted(t.heads()) == V{"a2", "b2"});
        CHECK(apply(t, down(*g, "b2")) == V{"b2>b1"});
    }
    SECTION("a revision that is below another head is deleted") {
        auto g = test::dep_only_graph();
        HeadTracker t(*g, {"c1"});
        CHECK(apply(t, down(*g, "c1")) == V{"c1>a2"});
        HeadTracker t2(*g, {"a2", "c1"});
        CHECK(apply(t2, down(*g, "c1")) == V{"-c1"});
    }
}

TEST_CASE("HeadTracker: stamp steps", "[head_tracker]") {
    auto g = test::branched_graph();
    SECTION("up and down one branch update the row") {
        HeadTracker t(*g, {"b1"});
        CHECK(apply(t, stamp({"b1"}, {"b2"}, true, false)) == V{"b1>b2"});
        CHECK(apply(t, stamp({"b2"}, {"a"}, false, false)) == V{"b2>a"});
    }
    SECTION("to a branch that is not in the table inserts") {
        HeadTracker t(*g, {"b2"});
        CHECK(apply(t, stamp({}, {"c2"}, true, true)) == V{"+c2"});
        CHECK(test::sorted(t.heads()) == V{"b2", "c2"});
    }
    SECTION("to base deletes each branch") {
        HeadTracker t(*g, {"b2", "c2"});
        CHECK(apply(t, stamp({"b2"}, {}, false, true)) == V{"-b2"});
        CHECK(apply(t, stamp({"c2"}, {}, false, true)) == V{"-c2"});
        CHECK(t.heads().empty());
    }
    SECTION("down across branches merges them into one row") {
        HeadTracker t(*g, {"b2", "c2"});
        CHECK(apply(t, stamp({"b2", "c2"}, {"a"}, false, false)) == V{"-b2", "c2>a"});
        CHECK(t.heads() == V{"a"});
    }
    SECTION("up from a missing row inserts") {
        HeadTracker t(*g, {"c2"});
        CHECK(apply(t, stamp({"b1"}, {"b2"}, true, false)) == V{"+b2"});
    }
    SECTION("a stamp that moves no single row is an error, not a crash") {
        // Alembic asserts (`stamp -1` reaching one revision from two heads)
        HeadTracker t(*g, {"a"});
        try {
            t.apply(stamp({}, {"a"}, true, true));
            FAIL_CHECK("no error");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::Revision);
            CHECK_THAT(e.what(), Contains("Can't stamp"));
        }
    }
}

TEST_CASE("HeadTracker: impossible changes fail cleanly", "[head_tracker][errors]") {
    auto g = test::merged_graph();
    SECTION("an UPDATE whose down revision is ambiguous") {
        // d's parents are b and c, and neither is in the table
        HeadTracker t(*g, {"e"});
        CHECK_THROWS_MATCHES(t.apply(down(*g, "d")), Error,
                             Catch::Matchers::Message(
                                 "Can't do an UPDATE because downrevision is ambiguous (revision d)"));
    }
    SECTION("inserting a row that is there") {
        HeadTracker t(*g, {"a"});
        CHECK_THROWS_AS(t.apply(up(*g, "a")), Error);
    }
    SECTION("updating a row that is not there") {
        // Alembic: KeyError from heads.remove('b')
        HeadTracker t(*g, {"e"});
        CHECK_THROWS_AS(t.apply(stamp({"b"}, {"c"}, false, false)), Error);
    }
}

// ---- the version table's SQL -------------------------------------------------

namespace {

// Records statements; knows only what VersionTable asks of it.
class FakeDatabase : public migrate::Database {
public:
    std::vector<std::string> executed;
    std::vector<migrate::Row> rows_returned;
    bool exists = true;

    void execute(const std::string& sql) override { executed.push_back(sql); }
    std::vector<migrate::Row> query(const std::string& sql, const std::vector<std::string>&) override {
        executed.push_back(sql);
        return rows_returned;
    }
    std::string parameter(int n) const override { return "?" + std::to_string(n); }
    const migrate::SqlDialect& dialect() const override { return migrate::SqlDialect::sqlite(); }
    bool table_exists(const migrate::TableName&) override { return exists; }
    void begin_run(const migrate::TableName&) override {}
    void commit_run() override {}
    void rollback_run() noexcept override {}
    bool can_commit_per_step() const override { return true; }
};

}  // namespace

TEST_CASE("VersionTable: Alembic's DDL and DML", "[version_table]") {
    FakeDatabase db;
    migrate::VersionTable table(db, {"", "alembic_version"});
    CHECK(table.sql().create() ==
          "CREATE TABLE \"alembic_version\" (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT "
          "\"alembic_version_pkc\" PRIMARY KEY (version_num)\n)");
    using K = migrate::VersionChange::Kind;
    CHECK(table.sql().change({K::Insert, "", "ae1027a6acf"}) ==
          "INSERT INTO \"alembic_version\" (version_num) VALUES ('ae1027a6acf')");
    CHECK(table.sql().change({K::Update, "ae1027a6acf", "27c6a30d7c24"}) ==
          "UPDATE \"alembic_version\" SET version_num='27c6a30d7c24' WHERE \"alembic_version\".version_num = "
          "'ae1027a6acf'");
    CHECK(table.sql().change({K::Delete, "ae1027a6acf", ""}) ==
          "DELETE FROM \"alembic_version\" WHERE \"alembic_version\".version_num = 'ae1027a6acf'");

    migrate::VersionTable in_schema(db, {"audit", "versions"});
    CHECK_THAT(in_schema.sql().create(), Contains("CREATE TABLE \"audit\".\"versions\""));
    CHECK_THAT(in_schema.sql().create(), Contains("CONSTRAINT \"versions_pkc\""));
}

TEST_CASE("VersionTable: reading and applying changes", "[version_table]") {
    FakeDatabase db;
    migrate::VersionTable table(db, {"", "alembic_version"});
    using K = migrate::VersionChange::Kind;
    SECTION("rows come back sorted") {
        db.rows_returned = {{std::string("c2")}, {std::string("b2")}};
        CHECK(table.read() == V{"b2", "c2"});
        db.exists = false;
        CHECK(table.read().empty());
    }
    SECTION("an UPDATE or DELETE must hit exactly one row, as Alembic checks") {
        db.rows_returned = {};
        CHECK_THROWS_WITH(table.apply({K::Update, "a", "b"}),
                          "Online migration expected to match one row when updating 'a' to 'b' in "
                          "'alembic_version'; 0 found");
        CHECK_THROWS_WITH(table.apply({K::Delete, "a", ""}),
                          "Online migration expected to match one row when deleting 'a' in 'alembic_version'; 0 "
                          "found");
        db.rows_returned = {{std::string("b")}};
        CHECK_NOTHROW(table.apply({K::Update, "a", "b"}));
        CHECK_NOTHROW(table.apply({K::Insert, "", "c"}));
        CHECK(db.executed.back() == "INSERT INTO \"alembic_version\" (version_num) VALUES ('c')");
    }
}

TEST_CASE("changes_between: a run's rows written at its end", "[head_tracker]") {
    auto between = [](V from, V to) {
        V out;
        for (const auto& c : migrate::changes_between(std::move(from), std::move(to)))
            out.push_back(test::change_text(c));
        return out;
    };
    CHECK(between({}, {}).empty());
    CHECK(between({"a"}, {"a"}).empty());
    CHECK(between({}, {"b"}) == V{"+b"});
    CHECK(between({"a"}, {}) == V{"-a"});
    CHECK(between({"a"}, {"c"}) == V{"a>c"});
    // unsorted input; a merge (two rows become one) and a split
    CHECK(between({"b2", "b1"}, {"m"}) == V{"b1>m", "-b2"});
    CHECK(between({"m"}, {"b2", "b1"}) == V{"m>b1", "+b2"});
    CHECK(between({"x", "a"}, {"x", "c", "d"}) == V{"a>c", "+d"});
}
