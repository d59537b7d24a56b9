// Deploy bundles (docs/reference.md section 9): the quoting no script text can end, and the
// shape of the script for each dialect.
#include "deploy_bundle.hpp"
#include "helpers.hpp"

using migrate::Bundle;
using migrate::render_bundle;
using migrate::SqlDialect;
using Catch::Matchers::Contains;

namespace {

// The text between a dollar quote's tags, as PostgreSQL's lexer reads it: the
// body ends at the first closing tag after the opening one.
std::string dollar_body(const std::string& quoted) {
    auto tag_end = quoted.find('$', 1);
    std::string tag = quoted.substr(0, tag_end + 1);
    auto close = quoted.find(tag, tag.size());
    REQUIRE(close + tag.size() == quoted.size());
    return quoted.substr(tag.size(), close - tag.size());
}

}  // namespace

TEST_CASE("dollar_quote: no text ends the quoting", "[bundle]") {
    for (std::string text : {"", "plain", "$$", "$migrate$", "a $migrate$ b $migrate1$ c", "ends with $migrate",
                             "ends with $migrate1", "$migrate$migrate$migrate1$migrate2$", "'\\'",
                             "$migrate1$$migrate$", "ends with $"}) {
        INFO(text);
        CHECK(dollar_body(SqlDialect::dollar_quote(text)) == text);
    }
    CHECK(SqlDialect::dollar_quote("x") == "$migrate$x$migrate$");
    CHECK(SqlDialect::dollar_quote("x $migrate$") == "$migrate1$x $migrate$$migrate1$");
    CHECK(SqlDialect::dollar_quote("x $migrate") == "$migrate1$x $migrate$migrate1$");
}

TEST_CASE("render_bundle: one transaction that syncs the store, then upgrades from it", "[bundle]") {
    Bundle bundle{{{"migrate.ini", "[migrate]\n"}, {"versions/a_x.sql", "it's \\ $b$"}}, "heads",
                  {"", "alembic_version"}};
    SECTION("postgresql") {
        auto text = render_bundle(bundle, SqlDialect::postgresql());
        // beside the version table, wherever the search_path finds it
        CHECK_THAT(text, Contains("\nBEGIN;\nSELECT pg_catalog.quote_ident(COALESCE((SELECT n.nspname FROM "
                                  "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE c.oid = pg_catalog.to_regclass('\"alembic_version\"')), "
                                  "pg_catalog.current_schema())) AS migrate_store_schema \\gset\n"
                                  "CREATE TABLE IF NOT EXISTS :migrate_store_schema.\"alembic_version_scripts\" "
                                  "(path TEXT PRIMARY KEY, body TEXT NOT NULL);\n"));
        CHECK_THAT(text, Contains("DELETE FROM :migrate_store_schema.\"alembic_version_scripts\" WHERE path NOT IN "
                                  "('migrate.ini', 'versions/a_x.sql');\n"));
        CHECK_THAT(text, Contains("('versions/a_x.sql', $migrate$it's \\ $b$$migrate$)\n"));
        CHECK_THAT(text, Contains("SELECT set_config('migrate.script_source', 'database', true);\n"
                                  "SELECT migrate_upgrade('heads');\nCOMMIT;\n"));
        CHECK(text.find("version_table'") == std::string::npos);
    }
    SECTION("sqlite") {
        bundle.version_table.name = "deploys";
        auto text = render_bundle(bundle, SqlDialect::sqlite());
        CHECK_THAT(text, Contains("('versions/a_x.sql', 'it''s \\ $b$')\n"));
        CHECK_THAT(text, Contains("SELECT migrate_config('script_source', 'database');\n"
                                  "SELECT migrate_config('version_table', 'deploys');\n"
                                  "SELECT migrate_upgrade('heads');\nCOMMIT;\n"));
        CHECK_THAT(text, Contains("INSERT INTO \"deploys_scripts\" (path, body) VALUES\n"));
    }
    SECTION("postgresql, version_table_schema set") {
        bundle.version_table.schema = "deploy";
        auto text = render_bundle(bundle, SqlDialect::postgresql());
        CHECK_THAT(text, Contains("\nBEGIN;\nCREATE TABLE IF NOT EXISTS \"deploy\".\"alembic_version_scripts\" "));
        CHECK(text.find("gset") == std::string::npos);
    }
    SECTION("no files: every stored row goes") {
        bundle.files.clear();
        CHECK_THAT(render_bundle(bundle, SqlDialect::sqlite()), Contains("DELETE FROM \"alembic_version_scripts\";\n"));
    }
}
