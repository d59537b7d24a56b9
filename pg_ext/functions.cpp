// The SQL functions of SPEC section 7 for PostgreSQL (the migrate_versions
// function is in versions_srf.cpp).
#include <string>

#include "datum.hpp"
#include "gucs.hpp"
#include "migrator.hpp"
#include "pg_guard.hpp"
#include "privileges.hpp"
#include "spi_database.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

using MigratorCall = std::string (Migrator::*)(const std::string&);

// migrate_upgrade, migrate_downgrade, migrate_stamp: one run of the core in
// an internal subtransaction (SpiDatabase::begin_run).
template <MigratorCall call>
Datum run_command(FunctionCallInfo fcinfo) {
    std::string target = required_text_argument(fcinfo, 0, "the target revision");
    require_script_access();
    std::string log;
    {
        SpiDatabase db;
        Migrator migrator(db, session_settings());
        log = (migrator.*call)(target);
    }  // SPI_finish: the result belongs in the caller's memory context
    return text_datum(log);
}

Datum current(FunctionCallInfo fcinfo) {
    require_script_access();  // migrate.ini may name the version table
    std::optional<std::string> value;
    {
        SpiDatabase db;
        value = Migrator(db, session_settings()).current();
    }
    if (value) return text_datum(*value);
    fcinfo->isnull = true;
    return 0;
}

Datum heads(FunctionCallInfo) {
    require_script_access();
    std::string value;
    {
        SpiDatabase db;
        value = Migrator(db, session_settings()).heads();
    }
    return text_datum(value);
}

// migrate_config(key) reads a setting; migrate_config(key, value) sets the
// GUC migrate.<key> for the session as SET does (NULL resets it) and returns
// the value now in force.
Datum config(FunctionCallInfo fcinfo) {
    std::string key = required_text_argument(fcinfo, 0, "the setting name");
    require_script_access();  // the value in force may come from migrate.ini
    if (PG_NARGS() == 2) set_setting(key, text_argument(fcinfo, 1));
    return text_datum(session_settings().get(key));
}

}  // namespace
}  // namespace migrate::pg

MIGRATE_SQL_FUNCTION(migrate_upgrade, migrate::pg::run_command<&migrate::Migrator::upgrade>)
MIGRATE_SQL_FUNCTION(migrate_downgrade, migrate::pg::run_command<&migrate::Migrator::downgrade>)
MIGRATE_SQL_FUNCTION(migrate_stamp, migrate::pg::run_command<&migrate::Migrator::stamp>)
MIGRATE_SQL_FUNCTION(migrate_current, migrate::pg::current)
MIGRATE_SQL_FUNCTION(migrate_heads, migrate::pg::heads)
MIGRATE_SQL_FUNCTION(migrate_config, migrate::pg::config)
