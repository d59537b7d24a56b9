#pragma once
// Reads a SQLite connection's main schema into the engine-neutral catalog.
#include "sqlite_api.hpp"

#include "schema_catalog.hpp"

namespace migrate::sqlite {

// Columns, primary keys, unique and foreign-key constraints come from the
// pragmas. What they do not expose (CHECK constraints, constraint names,
// collations, table options) is compared as the normalized text of the
// CREATE statements in sqlite_master, clause by clause.
//
// A table or index whose CREATE text is, character for character, one of
// `known`'s (the live catalog, when the scratch is read) is taken from there:
// everything read about it follows from that text, and a target schema
// mostly repeats the live one.
schema::Catalog read_catalog(sqlite3* db, const schema::Catalog* known = nullptr);

}  // namespace migrate::sqlite
