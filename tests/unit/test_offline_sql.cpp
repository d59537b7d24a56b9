// Offline scripts as text: terminators, statement splitting, the dialects'
// quoting and start checks, and the resuming psql form of steps outside a
// transaction. That the scripts run is tested through sqlite3 and psql
// (tests/authoring/test_offline_sql.py, tests/pg/test_offline_sql.py).
#include "helpers.hpp"
#include "offline_sql.hpp"
#include "psql_script.hpp"
#include "sql_dialect.hpp"
#include "sql_tokens.hpp"

using Catch::Matchers::Contains;
using migrate::SqlDialect;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

// The linear graph's plan from base to d, with c's upgrade outside a
// transaction.
migrate::OfflinePlan plan_with_c_outside(const migrate::RevisionGraph& graph, bool per_migration) {
    migrate::OfflinePlan plan;
    plan.steps = migrate::plan_upgrade(graph, {}, "heads");
    plan.per_migration = per_migration;
    for (const auto& step : plan.steps) {
        migrate::RevisionSections sections;
        sections.upgrade = "CREATE TABLE t_" + step.revision->id + " (id int)";
        if (step.revision->id == "c") {
            sections.upgrade = "CREATE INDEX CONCURRENTLY i1 ON t_a (id); -- one\nVACUUM t_a";
            sections.upgrade_transactional = false;
        }
        plan.sections.push_back(sections);
    }
    return plan;
}

}  // namespace

TEST_CASE("sql::terminated puts the terminator after the last token", "[offline]") {
    using migrate::sql::terminated;
    CHECK(terminated("CREATE TABLE t_a (id int) -- the account table") ==
          "CREATE TABLE t_a (id int); -- the account table");
    CHECK(terminated("  DROP TABLE t;  -- done;\n") == "DROP TABLE t; -- done;");
    CHECK(terminated("SELECT '--;' /* x; */") == "SELECT '--;'; /* x; */");
    CHECK(terminated("SELECT $$ -- $$ /* open") == "SELECT $$ -- $$; /* open */");
    CHECK(terminated("-- only a comment\n") == "");
}

TEST_CASE("sql::split_statements splits at top-level semicolons", "[offline]") {
    auto statements = migrate::sql::split_statements(
        "CREATE INDEX CONCURRENTLY i ON t (a); -- first\n"
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
        "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);\n"
        "VACUUM t -- last\n");
    REQUIRE(statements.size() == 4);
    CHECK(statements[0] == "CREATE INDEX CONCURRENTLY i ON t (a);");
    CHECK(statements[1] == "-- first\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;");
    CHECK(statements[2] == "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);");
    CHECK(statements[3] == "VACUUM t; -- last");
}

TEST_CASE("SqlDialect: names, quoting, start checks", "[offline]") {
    CHECK(&SqlDialect::named("sqlite") == &SqlDialect::sqlite());
    CHECK(&SqlDialect::named("postgresql") == &SqlDialect::postgresql());
    CHECK_THROWS_WITH(SqlDialect::named("PostgreSQL"), Contains("'sqlite' or 'postgresql'"));
    CHECK(SqlDialect::sqlite().quote_literal("a\\'b") == "'a\\''b'");
    CHECK(SqlDialect::postgresql().quote_literal("a\\'b") == "E'a\\\\''b'");
    CHECK(SqlDialect::postgresql().quote_literal("a'b") == "'a''b'");
    CHECK(SqlDialect::dollar_quote("x $migrate$ y") == "$migrate1$x $migrate$ y$migrate1$");
    CHECK(SqlDialect::dollar_quote("ends in $") == "$migrate$ends in $$migrate$");
    CHECK(SqlDialect::dollar_quote("ends in $migrate") == "$migrate1$ends in $migrate$migrate1$");

    migrate::TableName table{"", "v\"t"};
    auto pg = SqlDialect::postgresql().start_guard_sql(table, {"b", "a"});
    CHECK_THAT(pg, Contains("DO $migrate$"));
    CHECK_THAT(pg, Contains("NOT IN ('a,b')"));
    CHECK_THAT(pg, Contains("to_regclass('\"v\"\"t\"')"));
    CHECK_THAT(pg, Contains("the database is not at revision a,b where this script starts"));
    CHECK_THAT(SqlDialect::postgresql().start_guard_sql(table, {}), Contains("NOT IN ('')"));
    auto lite = SqlDialect::sqlite().start_guard_sql(table, {});
    CHECK_THAT(lite, Contains("CONSTRAINT \"the database is not at base where this script starts; nothing was "
                              "changed\" CHECK"));
    CHECK_THAT(lite, Contains("NOT EXISTS (SELECT 1 FROM \"v\"\"t\")"));
    CHECK_THAT(SqlDialect::postgresql().resume_guard_sql(table, {{}, {"a"}, {"b"}}), Contains("NOT IN ('', 'a', 'b')"));
    CHECK_THROWS(SqlDialect::sqlite().resume_guard_sql(table, {{}}));
}

TEST_CASE("Offline SQL: a step outside a transaction in a resuming psql script", "[offline]") {
    auto graph = test::linear_graph();
    const migrate::TableName table{"", "alembic_version"};
    for (bool per_migration : {false, true}) {
        auto text = migrate::render_offline_sql(*graph, SqlDialect::postgresql(), table,
                                                plan_with_c_outside(*graph, per_migration));
        INFO(text);
        CHECK(text.rfind("-- Steps run outside a transaction", 0) == 0);
        CHECK_THAT(text, Contains("\\set ON_ERROR_STOP on\n"));
        CHECK_THAT(text, Contains("NOT IN ('', 'a', 'b', 'c', 'd')"));
        // a and b: one block (or two); c: its own, statement by statement,
        // then its record; d: one block.
        CHECK(count(text, "\\gset\n\\if :migrate_run_step\n") == (per_migration ? 4u : 3u));
        CHECK(count(text, "\\endif\n") == (per_migration ? 4u : 3u));
        CHECK_THAT(text, Contains("-- Running upgrade b -> c, add email\n-- (outside a transaction, statement by "
                                  "statement)\n\n"
                                  "CREATE INDEX CONCURRENTLY i1 ON t_a (id);\n\n-- one\nVACUUM t_a;\n\nBEGIN;\n\n"));
        CHECK_THAT(text, Contains("where step c starts"));
        CHECK(text.find("CREATE INDEX CONCURRENTLY") > text.find("UPDATE \"alembic_version\" SET version_num='b'"));
        CHECK(text.find("UPDATE \"alembic_version\" SET version_num='c'") > text.find("VACUUM t_a;"));
    }
    // The sqlite3 shell cannot: refused, naming the revision and its file.
    CHECK_THROWS_WITH(migrate::render_offline_sql(*graph, SqlDialect::sqlite(), table, plan_with_c_outside(*graph, false)),
                      Contains("revision c (versions/c.sql) is marked transaction:false"));
}

TEST_CASE("psql blocks for deploy scripts", "[offline]") {
    const migrate::TableName table{"", "alembic_version"};
    CHECK(migrate::psql_if_at(SqlDialect::postgresql(), table, {"a"}) ==
          "SELECT (SELECT count(*) FROM \"alembic_version\") = 1 AND (SELECT count(*) FROM \"alembic_version\" WHERE "
          "version_num IN ('a')) = 1 AS migrate_run_step \\gset\n\\if :migrate_run_step\n");
    CHECK(migrate::psql_end_if() == "\\endif\n");
}
