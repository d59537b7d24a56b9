#pragma once
// The core works in UTF-8, as script files are (docs/reference.md section
// 8); the database may use another encoding (LATIN1...). Text is converted
// where it crosses into PostgreSQL and back: SQL and parameters sent through
// SPI, query results, function arguments and results. Nothing to do in a
// UTF8 database.
#include <cstddef>
#include <string>

namespace migrate::pg {

// UTF-8 text in the database's encoding; an ERROR (22P05, raised as a
// PgError) names the first character the database cannot hold.
std::string to_server(const std::string& utf8);
// Text of the database's encoding as UTF-8.
std::string to_utf8(const char* text, std::size_t length);

}  // namespace migrate::pg
