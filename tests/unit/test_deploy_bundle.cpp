// Deploy bundles (docs/reference.md section 9): the quoting no script text can end, and the
// shape of the script for each dialect.
#include "deploy_bundle.hpp"
#include "helpers.hpp"

using migrate::Bundle;
using migrate::BundleDialect;
using migrate::dollar_quote;
using migrate::render_bundle;
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
    for (std::string text : {"", "plain", "$$", "$b$", "a $b$ b $b1$ c", "ends with $b", "ends with $b1",
                             "$b$b$b1$b2$", "'\\'", "$b1$$b$"}) {
        INFO(text);
        CHECK(dollar_body(dollar_quote(text)) == text);
    }
    CHECK(dollar_quote("x") == "$b$x$b$");
    CHECK(dollar_quote("x $b$") == "$b1$x $b$$b1$");
}

TEST_CASE("render_bundle: one transaction that syncs the store, then upgrades from it", "[bundle]") {
    Bundle bundle{{{"migrate.ini", "[migrate]\n"}, {"versions/a_x.sql", "it's \\ $b$"}}, "heads",
                  {"", "alembic_version"}};
    SECTION("postgresql") {
        auto text = render_bundle(bundle, BundleDialect::PostgreSQL);
        CHECK_THAT(text, Contains("\nBEGIN;\nCREATE TABLE IF NOT EXISTS \"alembic_version_scripts\" (path TEXT PRIMARY "
                                  "KEY, body TEXT NOT NULL);\n"));
        CHECK_THAT(text, Contains("DELETE FROM \"alembic_version_scripts\" WHERE path NOT IN ('migrate.ini', "
                                  "'versions/a_x.sql');\n"));
        CHECK_THAT(text, Contains("('versions/a_x.sql', $b1$it's \\ $b$$b1$)\n"));
        CHECK_THAT(text, Contains("SELECT set_config('migrate.script_source', 'database', true);\n"
                                  "SELECT migrate_upgrade('heads');\nCOMMIT;\n"));
        CHECK(text.find("version_table'") == std::string::npos);
    }
    SECTION("sqlite") {
        bundle.version_table.name = "deploys";
        auto text = render_bundle(bundle, BundleDialect::SQLite);
        CHECK_THAT(text, Contains("('versions/a_x.sql', 'it''s \\ $b$')\n"));
        CHECK_THAT(text, Contains("SELECT migrate_config('script_source', 'database');\n"
                                  "SELECT migrate_config('version_table', 'deploys');\n"
                                  "SELECT migrate_upgrade('heads');\nCOMMIT;\n"));
        CHECK_THAT(text, Contains("INSERT INTO \"deploys_scripts\" (path, body) VALUES\n"));
    }
    SECTION("no files: every stored row goes") {
        bundle.files.clear();
        CHECK_THAT(render_bundle(bundle, BundleDialect::SQLite), Contains("DELETE FROM \"alembic_version_scripts\";\n"));
    }
}
