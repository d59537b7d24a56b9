// The script loader: headers of native .sql revisions (docs/reference.md section 2), the
// header assignments of Alembic .py revisions (docs/reference.md section 3), the
// upgrade/downgrade sections, and reading a versions/ folder.
#include <sys/stat.h>

#include "helpers.hpp"
#include "migrator.hpp"
#include "script_loader.hpp"

using migrate::Error;
using migrate::ErrorKind;
using migrate::parse_python_revision;
using migrate::parse_sql_revision;
using migrate::parse_sql_sections;
using Catch::Matchers::Contains;
using V = std::vector<std::string>;

namespace {

// `fn` throws a Script error whose text contains every one of `parts`.
template <typename Fn>
void check_script_error(Fn&& fn, const std::vector<std::string>& parts) {
    try {
        fn();
        FAIL_CHECK("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Script);
        for (const auto& part : parts) CHECK_THAT(e.what(), Contains(part));
    }
}

const char* kSpecExample = R"(-- create account table
--
-- Revision ID: ae1027a6acf
-- Revises:
-- Create Date: 2026-11-21 10:15:00.123456
-- Branch Labels:
-- Depends On:

-- migrate:upgrade
CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);

-- migrate:downgrade
DROP TABLE account;
)";

}  // namespace

// ---- .sql headers ----------------------------------------------------------

TEST_CASE("sql header: the reference example", "[loader][sql]") {
    auto rev = parse_sql_revision(kSpecExample, "versions/ae1027a6acf_create_account_table.sql");
    CHECK(rev.id == "ae1027a6acf");
    CHECK(rev.message == "create account table");
    CHECK(rev.down_revisions.empty());
    CHECK(rev.own_branch_labels.empty());
    CHECK(rev.depends_on.empty());
    CHECK(rev.create_date == "2026-11-21 10:15:00.123456");
    CHECK(rev.path == "versions/ae1027a6acf_create_account_table.sql");
    CHECK_FALSE(rev.is_python);
    CHECK(rev.is_base());
}

TEST_CASE("sql header: lists, merge points and case-insensitive keys", "[loader][sql]") {
    SECTION("several Revises, labels and dependencies") {
        auto rev = parse_sql_revision(
            "-- merge heads\n"
            "-- Revision ID: 9f8e7d6c5b4a\n"
            "-- Revises: 1a2b3c4d5e6f, 27c6a30d7c24,3512b954651e\n"
            "-- Branch Labels: accounts, billing\n"
            "-- Depends On: ae1027a6acf , core\n"
            "\n-- migrate:upgrade\n",
            "m.sql");
        CHECK(rev.down_revisions == V{"1a2b3c4d5e6f", "27c6a30d7c24", "3512b954651e"});
        CHECK(rev.is_merge_point());
        CHECK(rev.own_branch_labels == V{"accounts", "billing"});
        CHECK(rev.depends_on == V{"ae1027a6acf", "core"});
        CHECK(rev.message == "merge heads");
    }
    SECTION("keys in any case, any spacing") {
        auto rev = parse_sql_revision(
            "--   REVISION ID:   abc123   \n"
            "--revises:def456\n"
            "-- branch labels: Main\n"
            "-- DEPENDS ON: x1\n"
            "-- CREATE DATE: 2024-01-02\n"
            "\n-- migrate:upgrade\n",
            "k.sql");
        CHECK(rev.id == "abc123");
        CHECK(rev.down_revisions == V{"def456"});
        CHECK(rev.own_branch_labels == V{"Main"});
        CHECK(rev.depends_on == V{"x1"});
        CHECK(rev.create_date == "2024-01-02");
        CHECK(rev.message.empty());
    }
    SECTION("the message is the first line that is not a known key, colons allowed") {
        auto rev = parse_sql_revision(
            "--\n"
            "-- Revision ID: a1\n"
            "-- fix: add index on account(name)\n"
            "-- a second line\n"
            "\n-- migrate:upgrade\n",
            "m.sql");
        CHECK(rev.message == "fix: add index on account(name)");
    }
    SECTION("leading blank lines and CRLF line ends") {
        auto rev = parse_sql_revision("\n\r\n-- hello\r\n-- Revision ID: a1\r\n-- Revises: b2\r\n\r\nSELECT 1;\r\n"
            "\n-- migrate:upgrade\n",
                                      "crlf.sql");
        CHECK(rev.id == "a1");
        CHECK(rev.message == "hello");
        CHECK(rev.down_revisions == V{"b2"});
    }
    SECTION("the header ends at the first line that is not a comment") {
        auto rev = parse_sql_revision(
            "-- Revision ID: a1\n"
            "\n"
            "-- Revises: not-in-the-header\n"
            "-- migrate:upgrade\n",
            "h.sql");
        CHECK(rev.down_revisions.empty());
    }
    SECTION("the header ends at a section marker") {
        auto rev = parse_sql_revision(
            "-- Revision ID: a1\n"
            "-- migrate:upgrade\n"
            "-- Revises: b1\n",
            "h.sql");
        CHECK(rev.down_revisions.empty());
    }
    SECTION("an id of exactly 32 characters") {
        auto rev = parse_sql_revision("-- Revision ID: 0123456789abcdef0123456789abcdef\n"
            "\n-- migrate:upgrade\n", "32.sql");
        CHECK(rev.id.size() == 32);
    }
}

TEST_CASE("sql header: errors name the file", "[loader][sql][errors]") {
    SECTION("no Revision ID") {
        check_script_error([] { parse_sql_revision("-- just a comment\n-- Revises: a\nSELECT 1;\n", "v/x.sql"); },
                           {"v/x.sql", "Revision ID"});
        check_script_error([] { parse_sql_revision("", "v/empty.sql"); }, {"v/empty.sql", "Revision ID"});
        check_script_error([] { parse_sql_revision("CREATE TABLE t (id int);\n-- Revision ID: a1\n", "v/late.sql"); },
                           {"v/late.sql", "Revision ID"});
    }
    SECTION("an empty Revision ID") {
        check_script_error([] { parse_sql_revision("-- Revision ID:\n", "v/e.sql"); }, {"v/e.sql", "empty"});
    }
    SECTION("illegal characters, listed as Alembic lists them") {
        check_script_error([] { parse_sql_revision("-- Revision ID: ab-cd\n", "v/d.sql"); },
                           {"v/d.sql", "Character(s) '-' not allowed in revision identifier 'ab-cd'"});
        check_script_error([] { parse_sql_revision("-- Revision ID: a@b+c\n", "v/d.sql"); },
                           {"Character(s) '+, @' not allowed in revision identifier 'a@b+c'"});
        check_script_error([] { parse_sql_revision("-- Revision ID: a:b\n", "v/d.sql"); },
                           {"Character(s) ':' not allowed in revision identifier 'a:b'"});
        check_script_error([] { parse_sql_revision("-- Revision ID: ab cd\n", "v/s.sql"); },
                           {"v/s.sql", "white space", "'ab cd'"});
        check_script_error([] { parse_sql_revision("-- Revision ID: ab\tcd\n", "v/t.sql"); },
                           {"v/t.sql", "'ab\\x09cd'"});
    }
    SECTION("an id longer than 32 characters") {
        check_script_error(
            [] { parse_sql_revision("-- Revision ID: 0123456789abcdef0123456789abcdef0\n", "v/long.sql"); },
            {"v/long.sql", "longer than 32"});
    }
}

// ---- .sql sections -----------------------------------------------------------

TEST_CASE("sql sections", "[loader][sql]") {
    SECTION("the reference example") {
        auto s = parse_sql_sections(kSpecExample, "v/ex.sql");
        CHECK(s.upgrade == "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n\n");
        CHECK(s.downgrade == "DROP TABLE account;\n");
        CHECK(s.upgrade_line == 10);
        CHECK(s.downgrade_line == 13);
        CHECK(s.upgrade_transactional);
        CHECK(s.downgrade_transactional);
    }
    SECTION("markers with trailing white space") {
        auto s = parse_sql_sections("-- Revision ID: a\n-- migrate:upgrade  \t\nUP;\n-- migrate:downgrade \r\nDOWN;\n",
                                    "v/a.sql");
        CHECK(s.upgrade == "UP;\n");
        CHECK(s.downgrade == "DOWN;\n");
    }
    SECTION("a comment that mentions migrate without a colon is SQL") {
        auto s = parse_sql_sections("-- migrate:upgrade\n-- migrate the data\n-- migrated: yes\nX;\n", "v/a.sql");
        CHECK(s.upgrade == "-- migrate the data\n-- migrated: yes\nX;\n");
        CHECK(s.downgrade.empty());
        CHECK(s.downgrade_line == 0);
    }
    SECTION("empty sections") {
        auto s = parse_sql_sections("-- Revision ID: a\n-- migrate:upgrade\n-- migrate:downgrade\n", "v/a.sql");
        CHECK(s.upgrade.empty());
        CHECK(s.downgrade.empty());
        CHECK(s.upgrade_line == 3);
        CHECK(s.downgrade_line == 4);
    }
    SECTION("dollar-quoted bodies and triggers are kept byte for byte") {
        const std::string body =
            "CREATE FUNCTION touch() RETURNS trigger AS $$\n"
            "BEGIN\n"
            "    -- a comment; with a semicolon\n"
            "    NEW.updated := now();  -- migrate: not a marker\n"
            "    RETURN NEW;\n"
            "END;\n"
            "$$ LANGUAGE plpgsql;\n"
            "CREATE TRIGGER t BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch();\n"
            "CREATE TRIGGER s AFTER INSERT ON account BEGIN\n"
            "  UPDATE account SET name = 'x;y' WHERE id = NEW.id;\n"
            "END;\n";
        auto s = parse_sql_sections("-- Revision ID: a\n\n-- migrate:upgrade\n" + body +
                                        "-- migrate:downgrade\nDROP FUNCTION touch;\n",
                                    "v/a.sql");
        CHECK(s.upgrade == body);
        CHECK(s.downgrade == "DROP FUNCTION touch;\n");
    }
}

// docs/reference.md section 2: a directive never fails silently.
TEST_CASE("sql sections: spacing and case variants of a directive are that directive", "[loader][sql][directives]") {
    for (const char* up : {"-- migrate:upgrade", "--migrate:upgrade", "-- migrate: upgrade", "-- Migrate:Upgrade",
                           "  -- migrate:upgrade", "\t--\tMIGRATE : UPGRADE", "-- migrate :upgrade  "}) {
        for (const char* down : {"-- migrate:downgrade", "--MIGRATE:downgrade", "    -- migrate: Downgrade"}) {
            CAPTURE(up, down);
            auto s = parse_sql_sections(std::string("-- Revision ID: a\n") + up + "\nCREATE TABLE t (i int);\n" + down +
                                            "\nDROP TABLE t;\n",
                                        "v/a.sql");
            CHECK(s.upgrade == "CREATE TABLE t (i int);\n");
            CHECK(s.downgrade == "DROP TABLE t;\n");
            CHECK(s.upgrade_line == 3);
            CHECK(s.downgrade_line == 5);
        }
    }
}

TEST_CASE("sql sections: transaction:false", "[loader][sql][directives]") {
    auto s = parse_sql_sections(
        "-- Revision ID: a\n-- migrate:upgrade transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
        "-- migrate:downgrade\nDROP INDEX i;\n",
        "v/a.sql");
    CHECK_FALSE(s.upgrade_transactional);
    CHECK(s.downgrade_transactional);
    CHECK(s.upgrade == "CREATE INDEX CONCURRENTLY i ON t (x);\n");
    for (const char* variant : {"-- migrate:downgrade  Transaction : FALSE", "--migrate:downgrade\ttransaction:false ",
                                "-- MIGRATE : DOWNGRADE TRANSACTION: false"}) {
        CAPTURE(variant);
        auto d = parse_sql_sections(std::string("-- migrate:upgrade\nA;\n") + variant + "\nB;\n", "v/a.sql");
        CHECK(d.upgrade_transactional);
        CHECK_FALSE(d.downgrade_transactional);
        CHECK(d.downgrade == "B;\n");
    }
    auto explicit_true = parse_sql_sections("-- migrate:upgrade transaction:true\nA;\n", "v/a.sql");
    CHECK(explicit_true.upgrade_transactional);
}

TEST_CASE("sql sections: bad directives name the file and the line", "[loader][sql][directives][errors]") {
    SECTION("an unknown directive") {
        check_script_error([] { parse_sql_sections("-- migrate:upgarde\nA;\n", "v/typo.sql"); },
                           {"v/typo.sql", "line 1", "unknown directive", "migrate:upgarde"});
        check_script_error([] { parse_sql_sections("-- migrate:upgrade\nA;\n-- migrate:downgrades\nB;\n", "v/s.sql"); },
                           {"v/s.sql", "line 3", "unknown directive"});
        check_script_error([] { parse_sql_sections("-- migrate:upgrade\nA;\n  -- MIGRATE: rollback\n", "v/r.sql"); },
                           {"v/r.sql", "line 3", "MIGRATE: rollback"});
        check_script_error([] { parse_sql_sections("-- migrate:\nA;\n", "v/e.sql"); }, {"v/e.sql", "line 1"});
    }
    SECTION("an unknown option") {
        check_script_error([] { parse_sql_sections("-- migrate:upgrade transactions:false\nA;\n", "v/o.sql"); },
                           {"v/o.sql", "line 1", "unknown option"});
        check_script_error([] { parse_sql_sections("-- migrate:upgrade transaction:no\nA;\n", "v/o.sql"); },
                           {"v/o.sql", "line 1", "true or false"});
        check_script_error([] { parse_sql_sections("-- migrate:upgrade creates t\nA;\n", "v/o.sql"); },
                           {"v/o.sql", "line 1"});
    }
    SECTION("a repeated directive") {
        check_script_error([] { parse_sql_sections("-- migrate:upgrade\nA;\n-- migrate: upgrade\nB;\n", "v/2.sql"); },
                           {"v/2.sql", "line 3", "a second '-- migrate:upgrade'", "line 1"});
        check_script_error(
            [] { parse_sql_sections("-- migrate:upgrade\n-- migrate:downgrade\nA;\n--migrate:downgrade\nB;\n", "v/2.sql"); },
            {"v/2.sql", "line 4", "a second '-- migrate:downgrade'"});
    }
    SECTION("a downgrade before the upgrade") {
        check_script_error(
            [] { parse_sql_sections("-- Revision ID: a\n-- migrate:downgrade\nDROP TABLE t;\n-- migrate:upgrade\n", "v/d.sql"); },
            {"v/d.sql", "line 2", "before '-- migrate:upgrade'"});
    }
    SECTION("no upgrade directive") {
        check_script_error([] { parse_sql_sections("-- Revision ID: a\nCREATE TABLE t (i int);\n", "v/n.sql"); },
                           {"v/n.sql", "no '-- migrate:upgrade' directive"});
        check_script_error([] { parse_sql_sections("", "v/n.sql"); }, {"v/n.sql", "no '-- migrate:upgrade'"});
    }
    SECTION("the header reader checks the same, so the folder fails to load") {
        check_script_error([] { parse_sql_revision("-- Revision ID: a\n-- migrate: upgrade\nA;\n-- migrate:downgarde\n", "v/h.sql"); },
                           {"v/h.sql", "line 4", "migrate:downgarde"});
        check_script_error([] { parse_sql_revision("-- Revision ID: a\n-- migrate:upgrade2\nA;\n", "v/h.sql"); },
                           {"v/h.sql", "line 2"});
        check_script_error([] { parse_sql_revision("-- Revision ID: a\n\nCREATE TABLE t (i int);\n", "v/h.sql"); },
                           {"v/h.sql", "no '-- migrate:upgrade' directive"});
        check_script_error([] { parse_sql_revision("-- Revision ID: a\n-- migrate:downgrade\n-- migrate:upgrade\n", "v/h.sql"); },
                           {"v/h.sql", "line 2"});
    }
}

// ---- .py headers -----------------------------------------------------------

TEST_CASE("py header: Alembic's generated file", "[loader][py]") {
    const char* text = R"py("""create account table

Revision ID: 1975ea83b712
Revises: 
Create Date: 2011-11-08 11:40:27.089406

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '1975ea83b712'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account', sa.Column('id', sa.Integer, primary_key=True))


def downgrade():
    op.drop_table('account')
)py";
    auto rev = parse_python_revision(text, "versions/1975ea83b712_create_account_table.py");
    CHECK(rev.id == "1975ea83b712");
    CHECK(rev.is_python);
    CHECK(rev.message == "create account table");
    CHECK(rev.create_date == "2011-11-08 11:40:27.089406");
    CHECK(rev.down_revisions.empty());
    CHECK(rev.own_branch_labels.empty());
    CHECK(rev.depends_on.empty());
    CHECK(rev.path == "versions/1975ea83b712_create_account_table.py");
}

TEST_CASE("py header: value forms", "[loader][py]") {
    SECTION("double quotes") {
        auto rev = parse_python_revision("revision = \"ae1027a6acf\"\ndown_revision = \"1975ea83b712\"\n", "a.py");
        CHECK(rev.id == "ae1027a6acf");
        CHECK(rev.down_revisions == V{"1975ea83b712"});
    }
    SECTION("tuples, lists, a one-element tuple, an empty tuple") {
        auto rev = parse_python_revision(
            "revision = 'm1'\n"
            "down_revision = ('a', \"b\")\n"
            "branch_labels = ['x', 'y']\n"
            "depends_on = ('c',)\n",
            "m.py");
        CHECK(rev.down_revisions == V{"a", "b"});
        CHECK(rev.own_branch_labels == V{"x", "y"});
        CHECK(rev.depends_on == V{"c"});
        auto empty = parse_python_revision("revision = 'e'\ndown_revision = ()\ndepends_on = []\n", "e.py");
        CHECK(empty.down_revisions.empty());
        CHECK(empty.depends_on.empty());
    }
    SECTION("a single string for labels and dependencies") {
        auto rev = parse_python_revision("revision = 'r'\nbranch_labels = 'main'\ndepends_on = 'x'\n", "r.py");
        CHECK(rev.own_branch_labels == V{"main"});
        CHECK(rev.depends_on == V{"x"});
    }
    SECTION("type annotations (Alembic 1.13 templates)") {
        auto rev = parse_python_revision(
            "from typing import Sequence, Union\n"
            "revision: str = 'b2'\n"
            "down_revision: Union[str, Sequence[str], None] = ('a', 'b')\n"
            "branch_labels: Union[str, Sequence[str], None] = None\n"
            "depends_on: Union[str, Sequence[str], None] = 'c'\n",
            "t.py");
        CHECK(rev.id == "b2");
        CHECK(rev.down_revisions == V{"a", "b"});
        CHECK(rev.own_branch_labels.empty());
        CHECK(rev.depends_on == V{"c"});
    }
    SECTION("multi-line tuples with comments and trailing commas") {
        auto rev = parse_python_revision(
            "revision = 'm'\n"
            "down_revision = (\n"
            "    'a',  # first parent\n"
            "    \"b\",\n"
            ")\n"
            "depends_on = [\n"
            "    'x'\n"
            "]\n",
            "m.py");
        CHECK(rev.down_revisions == V{"a", "b"});
        CHECK(rev.depends_on == V{"x"});
    }
    SECTION("trailing comments and string prefixes") {
        auto rev = parse_python_revision("revision = r'abc'  # the id\ndown_revision = u\"def\" # parent\n", "p.py");
        CHECK(rev.id == "abc");
        CHECK(rev.down_revisions == V{"def"});
    }
    SECTION("indented assignments and look-alike names are not the header") {
        auto rev = parse_python_revision(
            "revision = 'top'\n"
            "revision_note = 'x'\n"
            "down_revisions = ('no',)\n"
            "def upgrade():\n"
            "    down_revision = 'inner'\n"
            "    revision = 'inner'\n",
            "i.py");
        CHECK(rev.id == "top");
        CHECK(rev.down_revisions.empty());
    }
    SECTION("docstring in ''' with a prefix; the message is its first line") {
        auto rev = parse_python_revision(
            "# -*- coding: utf-8 -*-\n"
            "r'''add invoice table\n"
            "\n"
            "Revision ID: inv1\n"
            "Revises: acc1\n"
            "Create Date: 2023-05-06 07:08:09\n"
            "'''\n"
            "revision = 'inv1'\n"
            "down_revision = 'acc1'\n",
            "inv.py");
        CHECK(rev.message == "add invoice table");
        CHECK(rev.create_date == "2023-05-06 07:08:09");
        CHECK(rev.down_revisions == V{"acc1"});
    }
    SECTION("no docstring: no message") {
        auto rev = parse_python_revision("import os\nrevision = 'n'\n", "n.py");
        CHECK(rev.message.empty());
    }
}

TEST_CASE("py header: errors name the file", "[loader][py][errors]") {
    SECTION("no revision assignment") {
        check_script_error([] { parse_python_revision("down_revision = None\n", "v/none.py"); },
                           {"v/none.py", "revision"});
        check_script_error([] { parse_python_revision("def revision():\n    pass\n", "v/fn.py"); }, {"v/fn.py"});
    }
    SECTION("unreadable values") {
        check_script_error([] { parse_python_revision("revision = make_id()\n", "v/call.py"); },
                           {"v/call.py", "cannot read the value of 'revision'"});
        check_script_error([] { parse_python_revision("revision = 'a'\ndown_revision = 'b' + 'c'\n", "v/plus.py"); },
                           {"v/plus.py", "cannot read the value of 'down_revision'"});
        check_script_error([] { parse_python_revision("revision = 'a'\ndepends_on = ('b', c)\n", "v/name.py"); },
                           {"cannot read the value of 'depends_on'"});
        check_script_error([] { parse_python_revision("revision = 'a\n", "v/open.py"); },
                           {"cannot read the value of 'revision'"});
        check_script_error([] { parse_python_revision("revision = ('a', 'b')\n", "v/two.py"); }, {"v/two.py"});
    }
    SECTION("the id rules of .sql files") {
        check_script_error([] { parse_python_revision("revision = 'a-b'\n", "v/dash.py"); },
                           {"v/dash.py", "Character(s) '-' not allowed in revision identifier 'a-b'"});
        check_script_error([] { parse_python_revision("revision = ''\n", "v/empty.py"); }, {"v/empty.py"});
        check_script_error([] { parse_python_revision("revision = '" + std::string(33, 'f') + "'\n", "v/long.py"); },
                           {"v/long.py", "longer than 32"});
    }
}

// ---- versions/ folders -------------------------------------------------------

namespace {

std::string sql_file(const std::string& id, const std::string& revises, const std::string& message = "m") {
    return "-- " + message + "\n-- Revision ID: " + id + "\n-- Revises: " + revises +
           "\n\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\nSELECT 2;\n";
}

}  // namespace

TEST_CASE("load_revisions: a versions folder", "[loader][folder]") {
    test::TempDir dir;
    dir.write("002_b.sql", sql_file("b", "a"));
    dir.write("001_a.sql", sql_file("a", ""));
    dir.write("010_d.py", "\"\"\"alembic one\"\"\"\nrevision = 'd'\ndown_revision = 'c'\n");
    dir.write("003_c.sql", sql_file("c", "b"));
    dir.write("README.md", "not a revision");
    dir.write("__init__.py", "");
    dir.write(".hidden.sql", "garbage");
    dir.write("notes.sql.bak", "garbage");
    ::mkdir((dir.path() + "/__pycache__").c_str(), 0700);

    auto revs = migrate::load_revisions(dir.path());
    V names;
    for (auto& r : revs) names.push_back(r.id);
    CHECK(names == V{"a", "b", "c", "d"});  // file-name order
    CHECK(revs[0].path == dir.path() + "/001_a.sql");
    CHECK(revs[3].is_python);
    CHECK(revs[3].message == "alembic one");

    auto sections = migrate::load_sections(revs[1]);
    CHECK(sections.upgrade == "SELECT 1;\n");
    CHECK(sections.downgrade == "SELECT 2;\n");

    migrate::RevisionGraph g(std::move(revs));
    CHECK(test::ids(g.heads()) == V{"d"});
}

TEST_CASE("load_revisions: file-name order breaks ties", "[loader][folder]") {
    // Two heads: their order in the folder is the order Alembic would walk them.
    test::TempDir dir;
    dir.write("1_base.sql", sql_file("base0", ""));
    dir.write("3_x.sql", sql_file("x", "base0"));
    dir.write("2_y.sql", sql_file("y", "base0"));
    migrate::RevisionGraph g(migrate::load_revisions(dir.path()));
    CHECK(test::ids(g.heads()) == V{"y", "x"});
}

TEST_CASE("load_revisions: errors", "[loader][folder][errors]") {
    SECTION("a missing folder") {
        check_script_error([] { migrate::load_revisions("/nonexistent/migrations/versions"); },
                           {"/nonexistent/migrations/versions", "Path doesn't exist"});
    }
    SECTION("a malformed file names it") {
        test::TempDir dir;
        dir.write("001_a.sql", sql_file("a", ""));
        dir.write("002_bad.sql", "-- no id here\nSELECT 1;\n");
        check_script_error([&] { migrate::load_revisions(dir.path()); }, {dir.path() + "/002_bad.sql"});
    }
    SECTION("the same id in two files names both") {
        test::TempDir dir;
        dir.write("001_a.sql", sql_file("a", ""));
        dir.write("002_a_again.py", "revision = 'a'\ndown_revision = None\n");
        try {
            migrate::RevisionGraph g(migrate::load_revisions(dir.path()));
            FAIL_CHECK("duplicate accepted");
        } catch (const Error& e) {
            CHECK_THAT(e.what(), Contains("Revision a is present more than once"));
            CHECK_THAT(e.what(), Contains(dir.path() + "/001_a.sql"));
            CHECK_THAT(e.what(), Contains(dir.path() + "/002_a_again.py"));
        }
    }
    SECTION("load_sections of a file that is gone names it") {
        test::TempDir dir;
        std::string path = dir.write("001_a.sql", sql_file("a", ""));
        auto revs = migrate::load_revisions(dir.path());
        ::unlink(path.c_str());
        check_script_error([&] { migrate::load_sections(revs[0]); }, {path});
    }
}

TEST_CASE("load_graph: a script location without versions/", "[loader][folder][errors]") {
    test::TempDir dir;
    check_script_error([&] { migrate::load_graph(dir.path()); }, {"versions", "Path doesn't exist"});
    check_script_error([&] { migrate::load_graph(dir.path() + "/missing"); }, {"missing", "Path doesn't exist"});
}

// A large folder is read by several threads, each taking every n-th file: the
// result and the error are those of a single thread.
TEST_CASE("load_revisions: the multi-threaded reader", "[loader][folder][threads]") {
    test::TempDir dir;
    const int count = 2600;  // three slices' worth, capped by the machine's cores
    auto name_of = [](int i) {
        char name[32];
        std::snprintf(name, sizeof name, "%05d_r.sql", i);
        return std::string(name);
    };
    for (int i = 0; i < count; ++i)
        dir.write(name_of(i), sql_file("r" + std::to_string(i), i ? "r" + std::to_string(i - 1) : ""));
    SECTION("the same revisions in the same order as one thread") {
        auto one = migrate::load_revisions(dir.path(), 1);
        auto many = migrate::load_revisions(dir.path(), 64);
        REQUIRE(many.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) CHECK(many[i].id == one[i].id);
    }
    SECTION("errors in several slices: the first in file-name order wins") {
        // odd and even positions fall in different slices of two or more threads
        for (auto [first, second] : {std::pair{1001, 1500}, std::pair{1000, 1501}, std::pair{2599, 2598}}) {
            CAPTURE(first, second);
            test::TempDir bad;
            for (int i = 0; i < count; ++i)
                bad.write(name_of(i), i == first || i == second ? "-- no id\n-- migrate:upgrade\n"
                                                                : sql_file("r" + std::to_string(i), ""));
            const std::string expected = bad.path() + "/" + name_of(std::min(first, second));
            for (int threads : {1, 2, 3, 64}) {
                CAPTURE(threads);
                check_script_error([&] { migrate::load_revisions(bad.path(), threads); }, {expected});
            }
        }
    }
}
