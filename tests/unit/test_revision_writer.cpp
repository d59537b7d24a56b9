// Writing revision files: names, options and the checks made before anything
// is written. Expected names follow Alembic 1.8.1's _rev_path.
#include <sys/stat.h>

#include <ctime>

#include "helpers.hpp"
#include "revision_writer.hpp"
#include "script_loader.hpp"

using migrate::Error;

TEST_CASE("make_slug: Alembic's word splitting and truncation", "[writer]") {
    CHECK(migrate::make_slug("Add a \"users\" table!", 40) == "add_a_users_table");
    CHECK(migrate::make_slug("create account table, with a very long message", 20) == "create_account_");  // cut at 20, then back to the last _
    CHECK(migrate::make_slug("", 40).empty());
}

TEST_CASE("render_file_template: Python %-format tokens", "[writer]") {
    std::tm t{};
    t.tm_year = 2026 - 1900;
    t.tm_mon = 0;
    t.tm_mday = 5;
    t.tm_hour = 7;
    t.tm_min = 3;
    t.tm_sec = 9;
    t.tm_isdst = -1;
    std::time_t when = std::mktime(&t);
    CHECK(migrate::render_file_template("%(rev)s_%(slug)s", "ae10", "add_x", when) == "ae10_add_x");
    CHECK(migrate::render_file_template("%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s", "ae10", "",
                                        when) == "2026_01_05_0703-ae10");
    CHECK(migrate::render_file_template("100%%_%(rev)s", "ae10", "", when) == "100%_ae10");
    CHECK_THROWS_WITH(migrate::render_file_template("%(nope)s", "ae10", "", when), Catch::Contains("unknown token"));
}

TEST_CASE("parse_revision_options: key=value pairs", "[writer]") {
    auto o = migrate::parse_revision_options("head=ae10,bb20 splice=true branch_label=billing depends_on=x@head rev_id=0001");
    CHECK(o.heads == std::vector<std::string>{"ae10", "bb20"});
    CHECK(o.splice);
    CHECK(o.branch_labels == std::vector<std::string>{"billing"});
    CHECK(o.depends_on == std::vector<std::string>{"x@head"});
    CHECK(o.rev_id == "0001");
    CHECK(migrate::parse_revision_options("").heads == std::vector<std::string>{"head"});
    CHECK_THROWS_WITH(migrate::parse_revision_options("colour=blue"), Catch::Contains("unknown revision option 'colour'"));
    CHECK_THROWS_WITH(migrate::parse_revision_options("splice"), Catch::Contains("is not key=value"));
}

TEST_CASE("is_header_field: the fields a header reads, any case", "[loader][writer]") {
    CHECK(migrate::is_header_field("Revision ID: ae10"));
    CHECK(migrate::is_header_field("revises: ae10"));
    CHECK(migrate::is_header_field("DEPENDS ON:"));
    CHECK_FALSE(migrate::is_header_field("fix: typo in account"));
    CHECK_FALSE(migrate::is_header_field("create account table"));
}

TEST_CASE("write_revision: a message that reads as a header field is refused before writing", "[writer]") {
    test::TempDir dir;
    ::mkdir((dir.path() + "/versions").c_str(), 0755);
    migrate::RevisionGraph graph({});
    migrate::WriterSettings settings{dir.path(), "%(rev)s_%(slug)s", 40};
    migrate::NewRevision rev;
    rev.message = "Revises: 1234";
    rev.options.rev_id = "abcd";
    CHECK_THROWS_WITH(migrate::write_revision(graph, settings, rev), Catch::Contains("would be read as a header field"));
    struct stat st;
    CHECK(::stat((dir.path() + "/versions/abcd_revises_1234.sql").c_str(), &st) != 0);

    rev.message = "fix: typo";  // an ordinary colon is part of the message
    std::string path = migrate::write_revision(graph, settings, rev);
    CHECK(migrate::parse_sql_revision(migrate::read_file(path), path).message == "fix: typo");
}
