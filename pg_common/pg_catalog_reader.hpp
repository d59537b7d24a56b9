#pragma once
// Reads one PostgreSQL schema from pg_catalog into the engine-neutral catalog
// model, through the core's Database (SPI).
//
// Every text is PostgreSQL's own deparsing (format_type, pg_get_expr,
// pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, all "pretty"), which
// names an object without its schema when the search path finds it. Read with
// the schema first on the search path, the live schema and the scratch schema
// of the target read back in the same words.
#include <string>

#include "database.hpp"
#include "schema_catalog.hpp"

namespace migrate::pg {

// Tables (not partitioned ones or partitions), their columns, primary keys,
// unique, check and foreign-key constraints, indexes (but those behind
// constraints), views, enum types, sequences and table and column comments;
// never the objects of an extension. A serial column (a default of nextval
// on a sequence it owns, with the sequence's default settings) reads as such,
// without its sequence; identity sequences are left out too.
schema::Catalog read_pg_catalog(Database& db, const std::string& schema);

}  // namespace migrate::pg
