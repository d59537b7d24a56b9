"""build/bin/migrate's configuration and behaviour on its own: the URL from
--url, DATABASE_URL or the section; -n sections; ${VAR} and %(here)s; -x;
alembic.ini; init and revision; check's exit status; all-or-nothing runs; a
password that appears in no output; on PostgreSQL a database where the
extension was never created, driven by a role that owns it and nothing more;
and the command line racing an in-database migrate_upgrade('head')."""
import os
import sqlite3
import subprocess
import threading
import unittest

from cli_support import ENGINE, FAILED, MIGRATE, CliTestCase, Rev, run, write_file

EXTENSION = os.environ.get("MIGRATE_SQLITE_EXTENSION")


def linear(n, prefix="c"):
    revs = []
    for i in range(n):
        rid = f"{prefix}{i:03d}"
        revs.append(Rev(rid, revs[-1].id if revs else None))
    return revs


class Configuration(CliTestCase):

    def test_url_from_option_environment_and_section(self):
        project = self.migrate_project(linear(2))
        env_url, option_url = self.dbs.new(), self.dbs.new()
        r = project.run("upgrade", "head", env={"DATABASE_URL": env_url})
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(env_url)[0], ["c001"])
        self.assertIsNone(self.dbs.state(project.url)[0])
        r = project.run("--url", option_url, "upgrade", "c000", env={"DATABASE_URL": env_url})
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(option_url)[0], ["c000"])
        r = project.run("upgrade", "head", "-v")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(project.url)[0], ["c001"])
        self.assertEqual(r.running, ["Running upgrade  -> c000, step c000", "Running upgrade c000 -> c001, step c001"])
        self.assertRegex(r.stderr, r"(?m)^INFO  \[alembic\.runtime\.migration\] Ran upgrade c000 -> c001, step c001 "
                                   r"in \d+\.\d{3} s$")

    def test_sections_variables_here_and_x(self):
        staging = self.dbs.new()
        project = self.migrate_project(linear(3), extra_ini=(
            "\n[staging]\nscript_location = %(here)s/migrations\nsqlalchemy.url = ${STAGING_URL}\n"
            "version_table = ${TABLE:-staging_version}\n"))
        elsewhere = self.path("elsewhere")
        os.makedirs(elsewhere)
        ini = os.path.join(project.root, "migrate.ini")
        r = run([MIGRATE, "-c", ini, "-n", "staging", "upgrade", "c001"], elsewhere, env={"STAGING_URL": staging})
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(staging, "staging_version")[0], ["c001"])
        # -x overrides a setting; the section's ${VAR} comes from the environment
        other = self.dbs.new()
        r = run([MIGRATE, "-c", ini, "-n", "staging", "-x", "version_table=other_version", "upgrade", "c000"],
                elsewhere, env={"STAGING_URL": other, "TABLE": "ignored_version"})
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(other, "other_version")[0], ["c000"])
        # an unset variable is an error naming it, not an empty value
        r = run([MIGRATE, "-c", ini, "-n", "staging", "current"], elsewhere)
        self.assertEqual(r.status, FAILED, r)
        self.assertIn("STAGING_URL", r.failed)
        r = run([MIGRATE, "-c", ini, "-n", "production", "current"], elsewhere)
        self.assertEqual(r.status, FAILED, r)
        self.assertIn("[production]", r.failed)
        r = project.run("-x", "no_such_setting=1", "current")
        self.assertEqual(r.status, FAILED, r)
        self.assertIn("no_such_setting", r.failed)

    def test_alembic_ini_is_read_when_there_is_no_migrate_ini(self):
        project = self.migrate_project(linear(2))
        os.remove(os.path.join(project.root, "migrate.ini"))
        write_file(os.path.join(project.root, "alembic.ini"),
                   f"[alembic]\nscript_location = migrations\nsqlalchemy.url = {project.url}\n"
                   "file_template = %%(rev)s_%%(slug)s\n\n[loggers]\nkeys = root\n")
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(project.url)[0], ["c001"])
        r = project.run("current")
        self.assertEqual(r.out, ["c001 (head)"])

    def test_init_revision_upgrade(self):
        root = self.path("fresh")
        os.makedirs(root)
        url = self.dbs.new()
        r = run([MIGRATE, "init", "migrations"], root)
        self.assertEqual(r.status, 0, r)
        self.assertTrue(os.path.isdir(os.path.join(root, "migrations", "versions")))
        r = run([MIGRATE, "init", "migrations"], root)
        self.assertEqual(r.status, FAILED, r)
        self.assertIn("already exists and is not empty", r.failed)
        r = run([MIGRATE, "revision", "-m", "create account", "--rev-id", "ae10"], root)
        self.assertEqual(r.status, 0, r)
        self.assertRegex(r.stdout, r"Generating .*/migrations/versions/ae10_create_account\.sql \.\.\.  done")
        path = os.path.join(root, "migrations", "versions", "ae10_create_account.sql")
        with open(path) as f:
            text = f.read()
        write_file(path, text.replace("-- migrate:upgrade\n", "-- migrate:upgrade\nCREATE TABLE account (id INT);\n")
                   .replace("-- migrate:downgrade\n", "-- migrate:downgrade\nDROP TABLE account;\n"))
        r = run([MIGRATE, "revision", "-m", "second", "--rev-id", "bf20", "--branch-label", "main"], root)
        self.assertEqual(r.status, 0, r)
        r = run([MIGRATE, "--url", url, "upgrade", "head"], root)
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(url), (["bf20"], ["account"]))
        r = run([MIGRATE, "heads"], root)
        self.assertEqual(r.out, ["bf20 (main) (head)"])
        r = run([MIGRATE, "--url", url, "upgrade", "ae10:bf20", "--sql"], root)
        self.assertEqual(r.status, 0, r)
        self.assertIn("UPDATE alembic_version SET version_num='bf20'", r.stdout.replace('"', ""))

    def test_a_failing_step_changes_nothing(self):
        revs = linear(3)
        revs[2].upgrade = ["CREATE TABLE t_c002 (id INTEGER PRIMARY KEY)", "INSERT INTO no_such_table VALUES (1)"]
        project = self.migrate_project(revs)
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, FAILED, r)
        self.assertIn("c002", r.failed)
        self.assertIn("no_such_table", r.failed)
        self.assertEqual(self.dbs.state(project.url), (None, []))
        project = self.migrate_project(revs, name="per_step", extra_ini="transaction_per_migration = true\n")
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, FAILED, r)
        self.assertEqual(self.dbs.state(project.url), (["c001"], ["t_c000", "t_c001"]))

    def test_check_exit_status(self):
        project = self.migrate_project(linear(1))
        schema = os.path.join(project.root, "migrations", "schema")
        os.makedirs(schema)
        write_file(os.path.join(schema, "app.sql"), "CREATE TABLE t_c000 (id INTEGER PRIMARY KEY);\n")
        self.assertEqual(project.run("upgrade", "head").status, 0)
        r = project.run("check")
        self.assertEqual(r.status, 0, r)
        self.assertIn("No new upgrade operations detected.", r.stderr)
        write_file(os.path.join(schema, "app.sql"),
                   "CREATE TABLE t_c000 (id INTEGER PRIMARY KEY, name TEXT);\n")
        r = project.run("check")
        self.assertEqual(r.status, FAILED, r)
        self.assertTrue(r.failed.startswith("New upgrade operations detected:"), r)
        r = project.run("revision", "--autogenerate", "-m", "add name", "--rev-id", "d001")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(project.run("upgrade", "head").status, 0)
        self.assertEqual(project.run("check").status, 0)

    def test_a_password_appears_in_no_output(self):
        secret = "Pw-S3cret-91"
        project = self.migrate_project(linear(1))
        # nothing listens on port 1: the connection error names the URL
        for url in (f"postgresql://someone:{secret}@127.0.0.1:1/app",
                    f"postgresql+psycopg2://someone:{secret}@127.0.0.1:1/app?sslmode=disable"):
            for args in (["current", "-v"], ["upgrade", "head"], ["upgrade", "zzzz"], ["history", "-i"]):
                r = project.run("--url", url, *args)
                self.assertEqual(r.status, FAILED, r)
                self.assertNotIn(secret, r.stdout + r.stderr)
            r = project.run("current", env={"DATABASE_URL": url})
            self.assertNotIn(secret, r.stdout + r.stderr)
            self.assertIn("***", r.stdout + r.stderr)
        if ENGINE == "postgresql":
            url = self.dbs.url_of(self.dbs.dbname(project.url), password=secret)  # trust: accepted, unused
            for args in (["upgrade", "head"], ["current", "-v"], ["upgrade", "zzzz"]):
                r = project.run("--url", url, *args)
                self.assertNotIn(secret, r.stdout + r.stderr)
            self.assertIn("***", project.run("--url", url, "current", "-v").stdout)

    def test_the_command_line_and_an_in_database_upgrade_race(self):
        n = 40
        revs = linear(n)
        for i, r in enumerate(revs):
            r.upgrade.append(f"INSERT INTO t_c000 VALUES ({i})")  # a second run of a step would collide
        project = self.migrate_project(revs)
        location = os.path.join(project.root, "migrations")
        if ENGINE == "postgresql":
            self.dbs.execute(project.url, "CREATE EXTENSION migrate")

        results = {}

        def in_database():
            try:
                if ENGINE == "postgresql":
                    conn = self.dbs.connect(project.url)
                    cur = conn.cursor()
                    cur.execute("SELECT set_config('migrate.script_location', %s, false)", (location,))
                    cur.execute("SELECT migrate_upgrade('head')")
                    results["db"] = cur.fetchone()[0]
                else:
                    conn = sqlite3.connect(project.url[len("sqlite:///"):], isolation_level=None, timeout=60)
                    conn.enable_load_extension(True)
                    conn.load_extension(EXTENSION)
                    conn.execute("SELECT migrate_config('script_location', ?)", (location,))
                    results["db"] = conn.execute("SELECT migrate_upgrade('head')").fetchone()[0]
                conn.close()
            except Exception as e:  # noqa: BLE001 - reported below
                results["db"] = e

        thread = threading.Thread(target=in_database)
        proc = subprocess.Popen([MIGRATE, "upgrade", "head"], cwd=project.root, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        thread.start()
        out, err = proc.communicate(timeout=300)
        thread.join(300)
        self.assertEqual(proc.returncode, 0, err)
        self.assertNotIsInstance(results.get("db"), Exception, results)
        cli_steps = [line for line in err.splitlines() if "] Running upgrade" in line]
        db_steps = [line for line in (results["db"] or "").splitlines() if line]
        self.assertEqual(len(cli_steps) + len(db_steps), n, (cli_steps, db_steps))
        self.assertEqual(self.dbs.state(project.url)[0], [revs[-1].id])
        if ENGINE == "postgresql":
            conn = self.dbs.connect(project.url)
            cur = conn.cursor()
            cur.execute("SELECT count(*) FROM t_c000")
            rows = cur.fetchone()[0]
            conn.close()
        else:
            conn = sqlite3.connect(project.url[len("sqlite:///"):])
            rows = conn.execute("SELECT count(*) FROM t_c000").fetchone()[0]
            conn.close()
        self.assertEqual(rows, n)  # each step's INSERT ran exactly once

    def test_graph_commands_read_the_script_store(self):
        # script_source = database: heads, branches, history, show and current
        # read the graph from the store, as upgrade does. The store holds two
        # of the folder's three revisions, so each answer shows which it read.
        revs = linear(3)
        project = self.migrate_project(revs)
        values = []
        for r in revs[:2]:
            with open(os.path.join(project.versions, r.stem + ".sql")) as f:
                body = f.read().replace("'", "''")
            values.append(f"('versions/{r.stem}.sql', '{body}')")
        self.dbs.execute(project.url, "CREATE TABLE alembic_version_scripts (path TEXT PRIMARY KEY, body TEXT NOT NULL);"
                                      f"INSERT INTO alembic_version_scripts VALUES {', '.join(values)};")
        store = ("-x", "script_source=database")
        self.assertEqual(project.run("heads").out, ["c002 (head)"])
        r = project.run(*store, "heads")
        self.assertEqual((r.status, r.out), (0, ["c001 (head)"]), r)
        r = project.run(*store, "history")
        self.assertEqual(r.out, ["c000 -> c001 (head), step c001", "<base> -> c000, step c000"], r)
        r = project.run(*store, "show", "c002")
        self.assertEqual((r.status, r.failed), (FAILED, "Can't locate revision identified by 'c002'"), r)
        r = project.run(*store, "upgrade", "head")
        self.assertEqual(r.status, 0, r)
        r = project.run(*store, "current")
        self.assertEqual(r.out, ["c001 (head)"], r)
        r = project.run(*store, "history", "-i")
        self.assertEqual(r.out, ["c000 -> c001 (head) (current), step c001", "<base> -> c000, step c000"], r)
        r = project.run(*store, "branches")
        self.assertEqual((r.status, r.out), (0, []), r)
        self.assertEqual(project.run("current").out, ["c001"])  # the folder's graph: c001 is no head there

    @unittest.skipUnless(ENGINE == "postgresql", "PostgreSQL only")
    def test_a_role_that_owns_its_database_and_nothing_more(self):
        import uuid
        role = "migrate_cli_" + uuid.uuid4().hex[:8]
        admin = self.dbs.connect(self.dbs.new())
        admin.cursor().execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
        dbname = "migrate_cli_owned_" + uuid.uuid4().hex[:8]
        admin.cursor().execute(f'CREATE DATABASE "{dbname}" OWNER "{role}"')
        admin.close()

        def drop():
            import pg_cluster
            pg_cluster.drop_database(dbname)
            conn = self.dbs.connect(self.dbs.new())
            conn.cursor().execute(f'DROP ROLE IF EXISTS "{role}"')
            conn.close()
        self.addCleanup(drop)
        url = self.dbs.url_of(dbname, user=role)
        project = self.migrate_project(linear(3), url=url)
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, 0, r)
        r = project.run("downgrade", "-1")
        self.assertEqual(r.status, 0, r)
        r = project.run("current")
        self.assertEqual(r.out, ["c001"], r)
        conn = self.dbs.connect(url)
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'migrate'")
        self.assertEqual(cur.fetchone()[0], 0)
        cur.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        self.assertEqual([r[0] for r in cur.fetchall()], [role])
        conn.close()

    def test_bundle_is_written_without_a_database(self):
        project = self.migrate_project(linear(3))
        # the URL names a server nobody listens on: bundle never connects
        unreachable = "postgresql://someone:pw@127.0.0.1:1/none"
        deploy = self.path("deploy.sql")
        r = project.run("--url", unreachable, "bundle", "--dialect", self.dbs.name, "-o", deploy)
        self.assertEqual(r.status, 0, r)
        r = project.run("--url", unreachable, "bundle", "zzzz", "--dialect", self.dbs.name)
        self.assertEqual(r.status, FAILED, r)
        self.assertEqual(r.failed, "Can't locate revision identified by 'zzzz'")
        with open(deploy) as f:
            script = f.read()
        if ENGINE == "postgresql":
            self.dbs.execute(project.url, "CREATE EXTENSION migrate")
            s = self.dbs.settings
            argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s["host"], "-p", str(s["port"]), "-U",
                    s["user"], "-d", self.dbs.dbname(project.url), "-f", deploy]
        else:
            argv = ["sqlite3", "-bail", "-cmd", f".load {EXTENSION}", project.url[len("sqlite:///"):]]
        for _ in range(2):  # running it again changes nothing
            proc = subprocess.run(argv, input=None if ENGINE == "postgresql" else script, capture_output=True,
                                  text=True)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(self.dbs.state(project.url), (["c002"], ["t_c000", "t_c001", "t_c002"]))


class Completion(CliTestCase):

    @unittest.skipUnless(ENGINE == "sqlite", "engine-neutral: once is enough")
    def test_bash_completion(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cli", "completion",
                              "migrate.bash")
        project = self.migrate_project(linear(1), extra_ini="\n[production]\nurl = sqlite:///x.db\n")

        def complete(*words):
            line = " ".join(words)
            proc = subprocess.run(
                ["bash", "-c", f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
                               '_migrate; printf "%s\\n" "${COMPREPLY[@]}"'],
                cwd=project.root, capture_output=True, text=True)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            return sorted(proc.stdout.split())

        self.assertIn("upgrade", complete("migrate", "up"))
        self.assertEqual(complete("migrate", "-n", ""), ["migrate", "production"])
        self.assertIn("--autogenerate", complete("migrate", "revision", "--a"))
        self.assertIn("--resolve-dependencies", complete("migrate", "-n", "production", "heads", "--"))
        self.assertEqual(complete("migrate", "stamp", "--p"), ["--purge"])


if __name__ == "__main__":
    unittest.main()
