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
    // On failure SQLite has already called the destructor with `state`.
    int rc = migrate::sqlite::register_versions_table(db, state);
    if (rc != SQLITE_OK) {
        *error = sqlite3_mprintf("migrate: cannot register migrate_versions: %s", sqlite3_errstr(rc));
        return rc;
    }
    migrate::sqlite::register_functions(db, state);
    return SQLITE_OK;
}
