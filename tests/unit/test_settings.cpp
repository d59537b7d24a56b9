// Settings (docs/reference.md section 5): migrate.ini parsing, defaults, and the order
// session > migrate.ini > default.
#include <functional>
#include <map>

#include "helpers.hpp"
#include "settings.hpp"

using migrate::Error;
using migrate::ErrorKind;
using migrate::parse_bool;
using migrate::parse_ini;
using migrate::Settings;
using Catch::Matchers::Contains;
using Map = std::map<std::string, std::string>;

namespace {

void check_usage_error(const std::function<void()>& fn, const std::vector<std::string>& parts) {
    try {
        fn();
        FAIL_CHECK("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Usage);
        for (const auto& part : parts) CHECK_THAT(e.what(), Contains(part));
    }
}

}  // namespace

TEST_CASE("parse_ini: sections, comments, both separators", "[settings]") {
    auto values = parse_ini(
        "# a comment\n"
        "; another comment\n"
        "[alembic]\n"
        "script_location = ignored\n"
        "sqlalchemy.url = sqlite:///app.db\n"
        "\n"
        "[migrate]\n"
        "  version_table = my_versions  \n"
        "version_table_schema: audit\n"
        "transaction_per_migration = true\n"
        "   # indented comment\n"
        "file_template = %(year)d_%(rev)s_%(slug)s\n"
        "[ migrate ]\n"
        "truncate_slug_length = 20\n"
        "[loggers]\n"
        "keys = root\n",
        "migrations/migrate.ini");
    CHECK(values == Map{{"version_table", "my_versions"},
                        {"version_table_schema", "audit"},
                        {"transaction_per_migration", "true"},
                        {"file_template", "%(year)d_%(rev)s_%(slug)s"},
                        {"truncate_slug_length", "20"}});
}

TEST_CASE("parse_ini: no [migrate] section, an empty file, CRLF", "[settings]") {
    CHECK(parse_ini("", "m.ini").empty());
    CHECK(parse_ini("[alembic]\nscript_location = x\n", "m.ini").empty());
    CHECK(parse_ini("[migrate]\r\nversion_table = v\r\n", "m.ini") == Map{{"version_table", "v"}});
}

TEST_CASE("parse_ini: errors name the file and the line", "[settings][errors]") {
    check_usage_error([] { parse_ini("[migrate]\nversion_table = v\nno_such_key = 1\n", "dir/migrate.ini"); },
                      {"dir/migrate.ini:3", "unknown setting 'no_such_key'"});
    check_usage_error([] { parse_ini("[migrate\nversion_table = v\n", "m.ini"); }, {"m.ini:1", "section header"});
    check_usage_error([] { parse_ini("[migrate]\njust some words\n", "m.ini"); }, {"m.ini:2", "key = value"});
    check_usage_error([] { parse_ini("[migrate]\ntransaction_per_migration = maybe\n", "m.ini"); },
                      {"m.ini:2", "transaction_per_migration", "maybe"});
    check_usage_error([] { parse_ini("[migrate]\ntruncate_slug_length = forty\n", "m.ini"); },
                      {"m.ini:2", "truncate_slug_length", "forty"});
    check_usage_error([] { parse_ini("[migrate]\nversion_table =\n", "m.ini"); }, {"m.ini:2", "version_table"});
    // keys outside [migrate] are another tool's business
    CHECK_NOTHROW(parse_ini("[alembic]\nno_such_key = 1\n", "m.ini"));
}

TEST_CASE("parse_bool", "[settings]") {
    for (const char* yes : {"true", "TRUE", "True", "1", "yes", "on", " true "}) CHECK(parse_bool(yes, "k"));
    for (const char* no : {"false", "FALSE", "0", "no", "off", ""}) CHECK_FALSE(parse_bool(no, "k"));
    check_usage_error([] { parse_bool("2", "transaction_per_migration"); },
                      {"setting 'transaction_per_migration' must be true or false, not '2'"});
}

TEST_CASE("Settings: defaults", "[settings]") {
    test::TempDir dir;  // no migrate.ini
    Settings s({}, dir.path());
    CHECK(s.script_location() == dir.path());
    CHECK(s.get("script_location") == dir.path());
    CHECK(s.versions_dir() == dir.path() + "/versions");
    CHECK(s.get("version_table") == "alembic_version");
    CHECK(s.get("version_table_schema").empty());
    CHECK(s.get("target_schema") == dir.path() + "/schema");
    CHECK(s.get("transaction_per_migration") == "false");
    CHECK(s.get("file_template") == "%(rev)s_%(slug)s");
    CHECK(s.get("truncate_slug_length") == "40");
    CHECK_FALSE(s.transaction_per_migration());
    auto table = s.version_table();
    CHECK(table.schema.empty());
    CHECK(table.name == "alembic_version");
}

TEST_CASE("Settings: session > migrate.ini > default", "[settings]") {
    test::TempDir dir;
    dir.write("migrate.ini",
              "[migrate]\n"
              "version_table = ini_versions\n"
              "version_table_schema = ini_schema\n"
              "transaction_per_migration = yes\n"
              "target_schema = models.sql\n");

    SECTION("migrate.ini over the defaults") {
        Settings s({}, dir.path());
        CHECK(s.get("version_table") == "ini_versions");
        CHECK(s.get("target_schema") == "models.sql");
        CHECK(s.transaction_per_migration());
        CHECK(s.version_table().schema == "ini_schema");
        CHECK(s.version_table().name == "ini_versions");
        CHECK(s.get("file_template") == "%(rev)s_%(slug)s");  // not in the file: default
    }
    SECTION("the session over migrate.ini") {
        Settings s({{"version_table", "session_versions"}, {"transaction_per_migration", "off"}}, dir.path());
        CHECK(s.get("version_table") == "session_versions");
        CHECK_FALSE(s.transaction_per_migration());
        CHECK(s.get("version_table_schema") == "ini_schema");
    }
    SECTION("an empty session value does not hide migrate.ini") {
        Settings s({{"version_table", ""}}, dir.path());
        CHECK(s.get("version_table") == "ini_versions");
    }
    SECTION("the session's script_location picks the migrate.ini that is read") {
        test::TempDir other;
        other.write("migrate.ini", "[migrate]\nversion_table = other_versions\n");
        Settings s({{"script_location", other.path()}}, dir.path());
        CHECK(s.script_location() == other.path());
        CHECK(s.get("version_table") == "other_versions");
        CHECK(s.get("target_schema") == other.path() + "/schema");
    }
    SECTION("a broken migrate.ini fails when a setting is read") {
        dir.write("migrate.ini", "[migrate]\nbogus = 1\n");
        Settings s({}, dir.path());
        check_usage_error([&] { s.get("version_table"); }, {"migrate.ini:2", "bogus"});
    }
}

TEST_CASE("Settings: keys and validation", "[settings]") {
    CHECK(Settings::keys().size() >= 7);
    for (const char* key : {"script_location", "version_table", "version_table_schema", "target_schema",
                            "transaction_per_migration", "file_template", "truncate_slug_length"})
        CHECK(Settings::is_key(key));
    CHECK_FALSE(Settings::is_key("sqlalchemy.url"));
    check_usage_error([] { Settings::validate("nope", "1"); }, {"unknown setting 'nope'"});
    check_usage_error([] { Settings::validate("truncate_slug_length", "-1"); }, {"truncate_slug_length"});
    check_usage_error([] { Settings::validate("version_table", std::string(64, 'v')); }, {"version_table"});
    CHECK_NOTHROW(Settings::validate("version_table", std::string(63, 'v')));
    CHECK_NOTHROW(Settings::validate("truncate_slug_length", "40"));
    test::TempDir dir;
    Settings s({}, dir.path());
    check_usage_error([&] { s.get("nope"); }, {"unknown setting 'nope'"});
}
