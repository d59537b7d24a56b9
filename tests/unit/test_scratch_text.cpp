// cli/scratch_text: a target file as the command line's scratch runs it over
// libpq (psql meta-command lines, CONCURRENTLY, CREATE SCHEMA of a schema the
// scratch made empty), and nothing else of the text touched.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "scratch_text.hpp"

using migrate::cli::scratch_text;

namespace {
const std::set<std::string> kPrecreated{"public", "app"};
}

TEST_CASE("scratch text: psql meta-command lines are blanked, backslashes in literals kept", "[scratch_text]") {
    CHECK(scratch_text("\\restrict AbC\nCREATE TABLE t (id int);\n  \\unrestrict AbC\n", kPrecreated) ==
          std::string(13, ' ') + "\nCREATE TABLE t (id int);\n" + std::string(17, ' ') + "\n");
    const std::string literals =
        "SELECT 'a\n\\b';\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$SELECT '\n\\x'$$;\n-- \\c db\n";
    CHECK(scratch_text(literals, kPrecreated) == literals);
}

TEST_CASE("scratch text: CONCURRENTLY runs in its transactional form", "[scratch_text]") {
    CHECK(scratch_text("CREATE INDEX CONCURRENTLY i ON t (a);", kPrecreated) == "CREATE INDEX  i ON t (a);");
    CHECK(scratch_text("create unique index concurrently if not exists i on t (a);", kPrecreated) ==
          "create unique index  if not exists i on t (a);");
    CHECK(scratch_text("SELECT 1;\nDROP INDEX CONCURRENTLY i;", kPrecreated) == "SELECT 1;\nDROP INDEX  i;");
    // A word elsewhere, or an index named so, is not the keyword's place.
    const std::string other = "CREATE INDEX concurrently_i ON t (concurrently); COMMENT ON TABLE t IS 'CONCURRENTLY';";
    CHECK(scratch_text(other, kPrecreated) == other);
}

TEST_CASE("scratch text: CREATE SCHEMA of a schema the scratch made finds it there", "[scratch_text]") {
    CHECK(scratch_text("CREATE SCHEMA public;\nCREATE SCHEMA App AUTHORIZATION me;", kPrecreated) ==
          "CREATE SCHEMA IF NOT EXISTS public;\nCREATE SCHEMA IF NOT EXISTS App AUTHORIZATION me;");
    // Another schema, a quoted name that folds differently, a schema with
    // elements, or IF NOT EXISTS already: as written.
    for (const char* sql : {"CREATE SCHEMA other;", "CREATE SCHEMA \"App\";",
                            "CREATE SCHEMA app CREATE TABLE t (id int);", "CREATE SCHEMA IF NOT EXISTS app;",
                            "CREATE SCHEMA AUTHORIZATION app;"})
        CHECK(scratch_text(sql, kPrecreated) == sql);
}
