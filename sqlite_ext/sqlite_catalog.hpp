#pragma once
// Reads the main schemas of a SQLite connection and of the scratch holding
// the target schema into the engine-neutral catalogs.
#include "sqlite_api.hpp"

#include "schema_engine.hpp"

namespace migrate::sqlite {

// Columns, primary keys, unique and foreign-key constraints come from the
// pragmas. What they do not expose (CHECK constraints, constraint names,
// collations, table options) is compared as the normalized text of the
// CREATE statements in sqlite_master, clause by clause.
//
// `live`'s main schema and `scratch`'s, which holds the target schema. What
// the target repeats of the live schema (an object of the same name, table
// and CREATE text) is read at most once, and only as far as the diff needs
// it (schema::SchemaEngine::read): everything read about it follows from that
// text, and a target schema mostly repeats the live one.
schema::Catalogs read_catalogs(sqlite3* live, sqlite3* scratch);

}  // namespace migrate::sqlite
