#pragma once
// The database a command works on: a SQLite file opened in-process, a
// PostgreSQL server over libpq, or, for offline SQL and revision writing, no
// database at all (only the dialect).
#include <map>
#include <memory>
#include <string>

#include "database.hpp"
#include "database_url.hpp"
#include "schema_engine.hpp"

struct sqlite3;

namespace migrate::cli {

class Connection {
public:
    virtual ~Connection() = default;
    virtual Database& db() = 0;
    // The schema diff's engine, or nullptr where the command line has none.
    virtual schema::SchemaEngine* schema_engine() { return nullptr; }
    // Alembic's "Context impl SQLiteImpl." and "Will assume (non-)transactional DDL."
    virtual const char* impl_name() const = 0;
    virtual bool transactional_ddl() const = 0;
};

// Connects to the database `url` names. `settings` are the core's session
// settings (`default_script_location` the default of script_location); on
// PostgreSQL an unset version_table_schema is resolved here, once, so that
// every statement and the lock name the same table.
std::unique_ptr<Connection> connect(const DatabaseUrl& url, std::map<std::string, std::string>& settings,
                                    const std::string& default_script_location);

// No connection: statements are rendered in `url`'s dialect but never run.
std::unique_ptr<Connection> offline(const DatabaseUrl& url);

}  // namespace migrate::cli
