// Entry point of the SQLite loadable extension: `.load ./build/migrate`.
#include "sqlite_api.hpp"

#include <new>

#include "connection_state.hpp"

SQLITE_EXTENSION_INIT1

extern "C" __attribute__((visibility("default"))) int sqlite3_migrate_init(sqlite3* db, char** error,
                                                                            const sqlite3_api_routines* api) {
    SQLITE_EXTENSION_INIT2(api);
    auto* state = new (std::nothrow) migrate::sqlite::ConnectionState;
    if (!state) return SQLITE_NOMEM;
    // This function's own reference; each registration takes one more, which
    // SQLite gives back through `release` (also when the registration fails).
    migrate::sqlite::retain(state);
    int rc = migrate::sqlite::register_versions_table(db, state);
    if (rc != SQLITE_OK) {
        *error = sqlite3_mprintf("migrate: cannot register migrate_versions: %s", sqlite3_errmsg(db));
    } else {
        // A function that is missing would make a deploy script fail later,
        // or run an older definition: the load fails instead, as fileio.c's.
        const char* function = "";
        rc = migrate::sqlite::register_functions(db, state, &function);
        if (rc != SQLITE_OK)
            *error = sqlite3_mprintf("migrate: cannot register %s(): %s", function, sqlite3_errmsg(db));
    }
    migrate::sqlite::release(state);
    return rc;
}
