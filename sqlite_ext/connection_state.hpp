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
    // One per registration that holds the state (the module and each
    // function): SQLite calls each one's destructor when it is replaced, when
    // the connection closes, or when the registration fails, so that a failed
    // or repeated load never leaves a function pointing at freed state.
    int references = 0;

    // docs/reference.md section 5: MIGRATE_SCRIPT_LOCATION replaces the default, which is
    // relative to the process's working directory.
    Settings settings() const {
        const char* env = std::getenv("MIGRATE_SCRIPT_LOCATION");
        return Settings(session_settings, env && *env ? env : "migrations");
    }
};

inline ConnectionState* retain(ConnectionState* state) {
    ++state->references;
    return state;
}

// The xDestroy of every registration.
inline void release(void* state) {
    auto* s = static_cast<ConnectionState*>(state);
    if (--s->references == 0) delete s;
}

// Each returns SQLite's result code; register_functions names the function it
// could not register in `failed`.
int register_functions(sqlite3* db, ConnectionState* state, const char** failed);
int register_versions_table(sqlite3* db, ConnectionState* state);

}  // namespace migrate::sqlite
