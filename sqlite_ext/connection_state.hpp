#pragma once
// What the extension keeps per connection: the session's settings.
#include "sqlite_api.hpp"

#include <cstdlib>
#include <map>
#include <string>

#include "settings.hpp"

namespace migrate::sqlite {

struct ConnectionState {
    std::map<std::string, std::string> session_settings;

    // docs/reference.md section 5: MIGRATE_SCRIPT_LOCATION replaces the default, which is
    // relative to the process's working directory.
    Settings settings() const {
        const char* env = std::getenv("MIGRATE_SCRIPT_LOCATION");
        return Settings(session_settings, env && *env ? env : "migrations");
    }
};

void register_functions(sqlite3* db, ConnectionState* state);
int register_versions_table(sqlite3* db, ConnectionState* state);

}  // namespace migrate::sqlite
