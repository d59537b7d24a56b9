#pragma once
// The search_path of the extension's own queries (docs/reference.md section
// 8), and the caller's, read without running SQL under it.
//
// Every statement SpiDatabase::execute and ::query run (deployer lock,
// version table, log, catalog reads, scratch set-up) runs inside a GUC nest
// level with search_path = pg_catalog, pg_temp, as a function's
// `SET search_path` clause does: no function, operator or table that another
// role creates in the caller's search_path can stand in for a built-in.
// Only SpiDatabase::execute_user_sql (steps, target-schema files) runs under
// the caller's search_path.
#include <optional>
#include <string>
#include <vector>

namespace migrate::pg {

inline constexpr const char* kPinnedSearchPath = "pg_catalog, pg_temp";

// For pg_call bodies only (they raise ERRORs): pin_search_path opens the nest
// level and returns it, unpin_search_path(level) closes it. An ERROR between
// the two needs no unpin: the abort of the (sub)transaction pops the level,
// as it does for a function's SET clause.
int pin_search_path();
void unpin_search_path(int level);

// While one lives, each statement of SpiDatabase::execute and ::query is
// parsed under the pinned search_path (every name it uses is pg_catalog's)
// but planned and run under the caller's, so that pg_catalog's deparsers
// (format_type, pg_get_*def, regclass output), which name an object without
// its schema when the search_path finds it, write what the caller's
// search_path sees: the catalog reads of the schema diff compare those texts.
// Nothing of the statement is looked up by name once it is parsed, but in
// SQL-language functions it calls: the catalog reads call none.
class CallerDisplayPath {
public:
    CallerDisplayPath();
    ~CallerDisplayPath();
    CallerDisplayPath(const CallerDisplayPath&) = delete;
    CallerDisplayPath& operator=(const CallerDisplayPath&) = delete;

private:
    bool outer_;
};

// Installs the parse-analysis hook behind CallerDisplayPath (_PG_init).
void install_search_path_hook();

// The caller's search_path as current_schema() and current_schemas(false)
// see it (called outside a pinned statement).
std::optional<std::string> caller_current_schema();
std::vector<std::string> caller_schemas();
// The schema of the relation `name` names on the caller's search_path.
std::optional<std::string> caller_relation_schema(const std::string& name);
// SET LOCAL search_path TO `schemas` (identifiers quoted here).
void set_local_search_path(const std::vector<std::string>& schemas);

}  // namespace migrate::pg
