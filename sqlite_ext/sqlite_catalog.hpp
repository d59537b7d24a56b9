#pragma once
// Reads a SQLite connection's main schema into the engine-neutral catalog.
#include "sqlite_api.hpp"

#include "schema_catalog.hpp"

namespace migrate::sqlite {

// Columns, primary keys, unique and foreign-key constraints come from the
// pragmas. What they do not expose (CHECK constraints, constraint names,
// collations, table options) is compared as the normalized text of the
// CREATE statements in sqlite_master, clause by clause.
schema::Catalog read_catalog(sqlite3* db);

}  // namespace migrate::sqlite
