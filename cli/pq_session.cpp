#include "pq_session.hpp"

#include <set>

#include <fmt/format.h>

#include "error.hpp"
#include "scratch_text.hpp"

namespace migrate::cli {

// A transaction (a savepoint inside another scope) that is always rolled
// back: whatever happens inside, the database is left as it was.
class Scope : public pg::RolledBack {
public:
    explicit Scope(PqSession& session) : session_(session), level_(session.depth_) {
        session_.db_.execute(level_ == 0 ? "BEGIN" : savepoint("SAVEPOINT"));
        ++session_.depth_;
    }
    ~Scope() override {
        --session_.depth_;
        if (level_ == 0) {
            session_.db_.rollback_run();
            return;
        }
        try {
            session_.db_.execute(savepoint("ROLLBACK TO SAVEPOINT") + ";" + savepoint("RELEASE SAVEPOINT"));
        } catch (...) {
            // The outermost scope's ROLLBACK undoes it all the same.
        }
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

protected:
    PqDatabase& db() { return session_.db_; }

private:
    std::string savepoint(const char* command) const { return fmt::format("{} migrate_scope_{}", command, level_); }

    PqSession& session_;
    int level_;
};

namespace {

// An object of an extension installed in pg_catalog (plpgsql), which stays.
#define STAYING_EXTENSION(catalog, alias)                                                                     \
    "SELECT 1 FROM pg_catalog.pg_depend e JOIN pg_catalog.pg_extension x ON x.oid = e.refobjid WHERE e.classid = " \
    "'pg_catalog." catalog "'::pg_catalog.regclass AND e.objid = " alias ".oid AND e.deptype = 'e' AND "         \
    "x.extnamespace = 'pg_catalog'::pg_catalog.regnamespace"

// The extension's scratch over SQL, with the role's privileges: every user
// schema the role may rename (it owns it, or is a member of its owner: the
// database owner owns PostgreSQL 15's `public`) is renamed to
// migrate_live_<oid>, then `public` and the compared schema are created
// empty. Extensions have no RENAME: a superuser's session renames their
// catalog rows and takes the default flag off the moved schemas' operator
// classes, as the extension does; other roles' sessions leave them. The
// database's event triggers, publications, subscriptions, foreign data
// wrappers and servers, casts and transforms of types of no user schema,
// access methods and languages (not built in, nor of an extension that
// stays) are taken out as the extension does (a superuser's session deletes
// their rows); other roles
// drop the publications they own and leave the rest (only superusers own
// event triggers, wrappers, access methods, languages and such casts; a
// server they own stays in sight).
class PqScratch : public pg::TargetScratch {
public:
    PqScratch(PqSession& session, PqDatabase& db, const std::string& schema) : scope_(session), db_(db) {
        auto rows = db_.query(
            "SELECT n.oid, n.nspname, pg_catalog.pg_has_role(n.nspowner, 'USAGE') FROM pg_catalog.pg_namespace n "
            "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'");
        std::set<std::string> aside;
        std::string sql;
        if (db_.query("SELECT pg_catalog.current_setting('is_superuser')").at(0).at(0) ==
            std::optional<std::string>("on")) {
            sql = "UPDATE pg_catalog.pg_opclass SET opcdefault = false WHERE opcdefault AND opcnamespace IN (SELECT "
                  "oid FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema');\n"
                  "UPDATE pg_catalog.pg_extension SET extname = 'migrate_live_' || oid WHERE extnamespace <> "
                  "'pg_catalog'::pg_catalog.regnamespace;\n"
                  "DELETE FROM pg_catalog.pg_event_trigger;\nDELETE FROM pg_catalog.pg_publication;\n"
                  "DELETE FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database "
                  "WHERE datname = pg_catalog.current_database());\n"
                  "DELETE FROM pg_catalog.pg_foreign_data_wrapper;\nDELETE FROM pg_catalog.pg_foreign_server;\n"
                  "DELETE FROM pg_catalog.pg_cast k WHERE k.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM "
                  "pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.oid IN "
                  "(k.castsource, k.casttarget) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema');\n"
                  "DELETE FROM pg_catalog.pg_transform r WHERE r.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM "
                  "pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = "
                  "r.trftype AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema');\n"
                  "DELETE FROM pg_catalog.pg_am a WHERE a.oid >= 16384 AND NOT EXISTS (" STAYING_EXTENSION("pg_am", "a")
                  ");\nDELETE FROM pg_catalog.pg_language l WHERE l.oid >= 16384 AND NOT EXISTS ("
                  STAYING_EXTENSION("pg_language", "l") ");\n";
        } else {
            for (const auto& row : db_.query("SELECT p.pubname FROM pg_catalog.pg_publication p WHERE "
                                             "pg_catalog.pg_has_role(p.pubowner, 'USAGE')"))
                sql += fmt::format("DROP PUBLICATION {};\n", db_.quote_identifier(row.at(0).value_or("")));
        }
        for (const auto& row : rows) {
            const std::string name = row.at(1).value_or("");
            if (row.at(2) != std::optional<std::string>("t")) continue;
            sql += fmt::format("ALTER SCHEMA {} RENAME TO migrate_live_{};\n", db_.quote_identifier(name),
                               row.at(0).value_or(""));
            aside.insert(name);
        }
        if (!aside.count(schema) && any_named(rows, schema))
            throw Error(ErrorKind::Usage,
                        fmt::format("the schema diff cannot move schema {} out of the target's way: the command line "
                                    "renames it inside a transaction that is rolled back, which needs the role to own "
                                    "it (or to be a member of its owner)",
                                    db_.quote_identifier(schema)));
        for (const std::string& name : {std::string("public"), schema}) {
            if (created_.count(name) || (!aside.count(name) && any_named(rows, name))) continue;
            sql += fmt::format("CREATE SCHEMA {};\n", db_.quote_identifier(name));
            // As a fresh database's public schema is (the target's COMMENT ON SCHEMA changes it).
            if (name == "public") sql += "COMMENT ON SCHEMA public IS 'standard public schema';\n";
            created_.insert(name);
        }
        db_.execute(sql);
        // The files run under the session's own search_path, as the steps do.
        db_.set_local_search_path(db_.session_search_path());
    }

    void run(const std::string& sql) override { db_.execute(scratch_text(sql, created_)); }

private:
    static bool any_named(const std::vector<Row>& rows, const std::string& name) {
        for (const auto& row : rows)
            if (row.at(1) == std::optional<std::string>(name)) return true;
        return false;
    }

    Scope scope_;
    PqDatabase& db_;
    std::set<std::string> created_;
};

// The catalog reads deparse under pg_catalog, <schema>, pg_temp. Over libpq
// a statement is parsed and run under one search_path, so they are parsed
// under it too: pg_catalog first, every call and operator they use is
// pg_catalog's, matched exactly.
class Reading : public Scope {
public:
    Reading(PqSession& session, const std::string& schema) : Scope(session) {
        db().set_local_search_path("pg_catalog, " + db().quote_identifier(schema) + ", pg_temp");
    }
};

}  // namespace

std::optional<std::string> PqSession::current_schema() {
    Scope scope(*this);
    // The session's own search_path, as the extension reads the caller's.
    db_.set_local_search_path(db_.session_search_path());
    auto rows = db_.query("SELECT pg_catalog.current_schema()");
    if (rows.empty() || !rows[0][0]) return std::nullopt;
    return *rows[0][0];
}

std::unique_ptr<pg::RolledBack> PqSession::reading(const std::string& schema) {
    return std::make_unique<Reading>(*this, schema);
}

std::unique_ptr<pg::TargetScratch> PqSession::scratch(const std::string& schema) {
    return std::make_unique<PqScratch>(*this, db_, schema);
}

}  // namespace migrate::cli
