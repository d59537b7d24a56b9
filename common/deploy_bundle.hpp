#pragma once
// Deploy bundles (docs/reference.md section 9): one SQL script that, in one transaction,
// makes the script store hold exactly a script location's files, upgrades to a target from
// the store, and commits. It runs with psql or the sqlite3 shell and needs no file on the
// database server.
#include <string>
#include <vector>

#include "planner.hpp"
#include "script_source.hpp"
#include "sql_dialect.hpp"
#include "version_table.hpp"

namespace migrate {

// A step of the path to the target whose section runs outside a
// transaction (`transaction:false`): a PostgreSQL bundle runs it through psql
// on its own, once its start is reached, and records it.
struct OutsideStep {
    const Step* step;
    std::string section;
    std::vector<std::string> heads_before;  // one revision (or none: the first step)
    std::vector<VersionChange> changes;
};

struct Bundle {
    std::vector<ScriptFile> files;  // by their paths relative to the location
    std::string target;
    TableName version_table;        // in force when written: it locates the store
    std::vector<OutsideStep> outside;  // in path order; PostgreSQL only
};

std::string render_bundle(const Bundle& bundle, const SqlDialect& dialect);

}  // namespace migrate
