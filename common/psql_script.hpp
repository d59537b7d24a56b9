#pragma once
// Pieces of psql scripts that decide when they run (docs/reference.md
// section 9): a step outside a transaction (`transaction:false`) runs
// statement by statement, is recorded in a transaction of its own, and a
// re-run after a failure skips what is recorded. psql's \gset and \if do the
// deciding; the sqlite3 shell has nothing alike, so these are PostgreSQL-only.
// Offline scripts use them, and so may any deploy script written for psql.
#include <string>
#include <vector>

#include "planner.hpp"
#include "sql_dialect.hpp"
#include "version_table.hpp"

namespace migrate {

// `\set ON_ERROR_STOP on`: a failed statement must stop a script whose later
// statements record its step as done, however psql was started.
std::string psql_stop_on_error();

// Opens a block that psql runs only when the version table holds exactly
// `heads` (the table must exist); psql_end_if() closes it.
std::string psql_if_at(const SqlDialect& dialect, const TableName& version_table,
                       const std::vector<std::string>& heads);
std::string psql_end_if();

// A step outside a transaction, for a database whose version table holds
// `heads_before`: the `-- Running ...` comment, each statement of `section`
// on its own (psql runs each outside any transaction block), then one
// transaction that checks the version table still holds `heads_before`,
// makes `changes` and logs the step. Wrap it in psql_if_at(heads_before) so
// that a re-run skips it once recorded.
std::string render_step_outside_transaction(const SqlDialect& dialect, const TableName& version_table,
                                            const Step& step, const std::string& section,
                                            const std::vector<std::string>& heads_before,
                                            const std::vector<VersionChange>& changes);

}  // namespace migrate
