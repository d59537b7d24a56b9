#pragma once
// Deploy bundles (docs/reference.md section 9): one SQL script that, in one transaction,
// makes the script store hold exactly a script location's files, upgrades to a target from
// the store, and commits. It runs with psql or the sqlite3 shell and needs no file on the
// database server.
#include <string>
#include <vector>

#include "script_source.hpp"
#include "sql_dialect.hpp"

namespace migrate {

struct Bundle {
    std::vector<ScriptFile> files;  // by their paths relative to the location
    std::string target;
    TableName version_table;        // in force when written: it locates the store
};

std::string render_bundle(const Bundle& bundle, const SqlDialect& dialect);

}  // namespace migrate
