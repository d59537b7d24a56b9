#pragma once
// PostgreSQL's dialect of the schema diff: the SQL of each operation. Every
// change is made in place (ALTER TABLE, ALTER TYPE, ALTER SEQUENCE); names
// are quoted as the server's quote_ident does (pg_identifiers.hpp).
#include <string>

#include "pg_identifiers.hpp"
#include "schema_diff.hpp"

namespace migrate::pg {

std::string render_pg_operation(const schema::Operation& op, const PgIdentifiers& ids);

}  // namespace migrate::pg
