#pragma once
// A target-schema file as the command line's scratch runs it over libpq,
// inside a transaction: what the extension does with PostgreSQL's scanner
// and a utility hook (pg_ext/pg_scratch.cpp), done on the text with the
// core's SQL tokenizer (sql_tokens.hpp), which knows where literals and
// comments are.
#include <set>
#include <string>

namespace migrate::cli {

// `sql` with psql's meta-command lines (a backslash starting a line outside
// any literal or comment, to the end of the line) blanked out, `CONCURRENTLY`
// taken out of `CREATE [UNIQUE] INDEX` and `DROP INDEX`, and `IF NOT EXISTS`
// put into a bare `CREATE SCHEMA name [AUTHORIZATION role]` of a schema in
// `precreated` (the empty ones the scratch made), as the extension's hook
// does.
std::string scratch_text(const std::string& sql, const std::set<std::string>& precreated);

}  // namespace migrate::cli
