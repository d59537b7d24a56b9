#pragma once
// PostgreSQL's deployer lock (docs/reference.md section 8): an advisory lock
// whose key is derived from the resolved version table, so that every
// PostgreSQL client (the extension, a client over libpq) that would write the
// same table waits for the same lock. The extension takes it for its
// transaction; a client whose run spans several transactions (steps outside a
// transaction) holds it for its session, which conflicts all the same.
#include <string>

#include "database.hpp"

namespace migrate {

// The key text, $1 of kPgDeployerLockSql; `table` is resolved (schema set).
inline std::string deployer_lock_key(const TableName& table) { return "migrate " + table.schema + "." + table.name; }

// Exact-match, schema-qualified calls: no overload in a search_path can
// stand in for them.
inline constexpr const char* kPgDeployerLockSql =
    "SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended($1::pg_catalog.text, 0::pg_catalog.int8))";
inline constexpr const char* kPgDeployerSessionLockSql =
    "SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtextextended($1::pg_catalog.text, 0::pg_catalog.int8))";
inline constexpr const char* kPgDeployerSessionUnlockSql =
    "SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtextextended($1::pg_catalog.text, 0::pg_catalog.int8))";

}  // namespace migrate
