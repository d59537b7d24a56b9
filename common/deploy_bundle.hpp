#pragma once
// Deploy bundles (docs/reference.md section 9): one SQL script that, in one transaction,
// makes the script store hold exactly a script location's files, upgrades to a target from
// the store, and commits. It runs with psql or the sqlite3 shell and needs no file on the
// database server.
#include <string>
#include <vector>

#include "database.hpp"
#include "script_source.hpp"

namespace migrate {

enum class BundleDialect { SQLite, PostgreSQL };

// "sqlite" or "postgresql"; anything else is a Usage error.
BundleDialect bundle_dialect(const std::string& name);

struct Bundle {
    std::vector<ScriptFile> files;  // by their paths relative to the location
    std::string target;
    TableName version_table;        // in force when written: it locates the store
};

std::string render_bundle(const Bundle& bundle, BundleDialect dialect);

// A PostgreSQL dollar-quoted literal of `text` whose tag occurs nowhere in
// it, so no text can end the quoting.
std::string dollar_quote(const std::string& text);

}  // namespace migrate
