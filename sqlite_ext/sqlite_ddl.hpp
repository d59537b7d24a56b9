#pragma once
// SQLite's dialect of the schema diff: which table changes ALTER TABLE can
// make, and the SQL of each operation. What ALTER TABLE cannot do is done by
// rebuilding the table from the target's CREATE TABLE text with its rows
// (https://www.sqlite.org/lang_altertable.html#otheralter); the run's
// foreign-key procedure (docs/reference.md section 8) keeps child rows.
#include <string>
#include <vector>

#include "schema_diff.hpp"

namespace migrate::sqlite {

// True when every change is an ADD COLUMN or DROP COLUMN that SQLite allows,
// with the constraints written inside those columns.
bool alters_in_place(const schema::Table& from, const schema::Table& to, const std::vector<schema::Operation>& changes);

std::string render_operation(const schema::Operation& op);

}  // namespace migrate::sqlite
