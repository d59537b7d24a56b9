#pragma once
// The scratch database the target schema runs in (docs/reference.md section
// 8): inside an internal subtransaction that is always rolled back, the live
// user schemas and extensions are renamed out of the way, so that the target
// meets what a fresh database has (an empty `public`, plus an empty compared
// schema) and runs exactly as written there. The live event triggers,
// publications and casts between types of no user schema, which belong to
// the database, are deleted for the scratch's while. Only catalog rows are
// touched (pg_namespace, pg_extension and those): no live relation is locked, and other
// sessions, whose snapshots never see the uncommitted names, are not
// disturbed (docs/postgresql.md, "The target schema's scratch").
#include <string>

#include "database.hpp"
#include "pg_schema_engine.hpp"
#include "subtransaction.hpp"

namespace migrate::pg {

class Scratch : public TargetScratch {
public:
    // `schema`: the compared schema, created empty next to `public`.
    Scratch(Database& db, const std::string& schema);
    ~Scratch() override;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    // Meta-commands found by PostgreSQL's own scanner; CONCURRENTLY and
    // CREATE SCHEMA of a schema made empty handled by a utility hook.
    void run(const std::string& sql) override;

private:
    Database& db_;
    InternalSubtransaction sub_;
};

// The text with psql's meta-commands (a backslash outside any literal or
// comment, to the end of its line) blanked out; PostgreSQL's own scanner
// tells where literals are. In text the scanner rejects, lines that start
// with a backslash are blanked out; the server reports the rest.
std::string without_meta_commands(const std::string& sql);

// Installs the utility hook the scratch uses (from _PG_init).
void install_scratch_hook();

}  // namespace migrate::pg
