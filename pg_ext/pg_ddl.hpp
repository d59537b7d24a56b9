#pragma once
// PostgreSQL's dialect of the schema diff: the SQL of each operation. Every
// change is made in place (ALTER TABLE, ALTER TYPE, ALTER SEQUENCE); names
// are quoted as PostgreSQL's quote_ident does.
#include <string>

#include "schema_diff.hpp"

namespace migrate::pg {

std::string render_pg_operation(const schema::Operation& op);

}  // namespace migrate::pg
