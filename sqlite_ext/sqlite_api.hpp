#pragma once
// SQLite's API as the code of this folder sees it. In the loadable extension
// every call goes through the routines table that sqlite3_migrate_init
// receives; the command line (cli/) compiles the same files with
// MIGRATE_SQLITE_LINKED against the system library instead.
#ifdef MIGRATE_SQLITE_LINKED
#include <sqlite3.h>
#else
#include <sqlite3ext.h>

SQLITE_EXTENSION_INIT3
#endif
