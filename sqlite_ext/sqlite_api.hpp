#pragma once
// SQLite's API as a loadable extension sees it: every call goes through the
// routines table that sqlite3_migrate_init receives.
#include <sqlite3ext.h>

SQLITE_EXTENSION_INIT3
