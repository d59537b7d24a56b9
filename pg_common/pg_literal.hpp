#pragma once
// PostgreSQL string literals that read the same whatever the session's
// standard_conforming_strings (the PostgreSQL dialect's, shared with offline
// scripts).
#include <string>
#include <string_view>

#include "sql_dialect.hpp"

namespace migrate::pg {

inline std::string pg_literal(std::string_view value) { return SqlDialect::postgresql().quote_literal(value); }

}  // namespace migrate::pg
