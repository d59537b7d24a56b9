// The SQL functions of docs/reference.md section 7 for PostgreSQL (the migrate_versions
// function is in versions_srf.cpp).
#include <string>

#include "datum.hpp"
#include "gucs.hpp"
#include "migrator.hpp"
#include "pg_guard.hpp"
#include "pg_schema_engine.hpp"
#include "privileges.hpp"
#include "spi_database.hpp"
#include "spi_session.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

using MigratorCall = std::string (Migrator::*)(const std::string&);

// migrate_upgrade, migrate_downgrade, migrate_stamp (one run of the core in
// an internal subtransaction, SpiDatabase::begin_run): a target in, the
// core's text out.
template <MigratorCall call>
Datum target_command(FunctionCallInfo fcinfo) {
    std::string target = required_text_argument(fcinfo, 0, "the target revision");
    Settings settings = session_settings();
    require_script_read(settings);
    std::string result;
    {
        SpiDatabase db;
        Migrator migrator(db, settings);
        result = (migrator.*call)(target);
    }  // SPI_finish: the result belongs in the caller's memory context
    return text_datum(result);
}

using OfflineCall = std::string (Migrator::*)(const std::string&, const SqlDialect&);

// migrate_upgrade_sql(range, dialect DEFAULT NULL), migrate_downgrade_sql and
// migrate_bundle(target, dialect): SQL written for later, executing nothing
// (the version table is only read), in PostgreSQL's dialect or the one named
// ('sqlite', 'postgresql').
template <OfflineCall call>
Datum offline_command(FunctionCallInfo fcinfo) {
    std::string range = required_text_argument(fcinfo, 0, "the target revision");
    std::optional<std::string> dialect_name = text_argument(fcinfo, 1);
    const SqlDialect& dialect = dialect_name ? SqlDialect::named(*dialect_name) : SqlDialect::postgresql();
    Settings settings = session_settings();
    require_script_read(settings);
    std::string result;
    {
        SpiDatabase db;
        Migrator migrator(db, settings);
        result = (migrator.*call)(range, dialect);
    }
    return text_datum(result);
}

// migrate_diff() and migrate_check(): the current schema against
// target_schema, which is loaded into a scratch schema and rolled back.
template <std::string (Migrator::*call)()>
Datum schema_command(FunctionCallInfo) {
    Settings settings = session_settings();
    require_script_read(settings, true);
    std::string result;
    {
        SpiDatabase db;
        SpiSession session(db);
        PgSchemaEngine schema(session);
        Migrator migrator(db, settings, &schema);
        result = (migrator.*call)();
    }
    return text_datum(result);
}

// migrate_revision(message, autogenerate DEFAULT false, options DEFAULT
// NULL): writes a revision file on the server. A NULL message is empty, as
// on SQLite; options are key=value pairs ('head=ae10 branch_label=feature').
Datum revision(FunctionCallInfo fcinfo) {
    std::string message = text_argument(fcinfo, 0).value_or("");
    bool autogenerate = PG_NARGS() > 1 && !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
    std::string options = text_argument(fcinfo, 2).value_or("");
    Settings settings = session_settings();
    require_script_read(settings, autogenerate);
    require_script_write(settings);
    std::string path;
    {
        SpiDatabase db;
        SpiSession session(db);
        PgSchemaEngine schema(session);
        path = Migrator(db, settings, &schema).revision(message, options, autogenerate);
    }
    return text_datum(path);
}

// migrate_merge(revisions, message): a merge revision of `revisions`
// (comma-separated ids, or heads).
Datum merge(FunctionCallInfo fcinfo) {
    std::string revisions = required_text_argument(fcinfo, 0, "the revisions to merge");
    std::string message = text_argument(fcinfo, 1).value_or("");
    Settings settings = session_settings();
    require_script_read(settings);
    require_script_write(settings);
    std::string path;
    {
        SpiDatabase db;
        path = Migrator(db, settings).merge(revisions, message);
    }
    return text_datum(path);
}

Datum current(FunctionCallInfo fcinfo) {
    Settings settings = session_settings();
    require_script_read(settings);  // migrate.ini may name the version table
    std::optional<std::string> value;
    {
        SpiDatabase db;
        value = Migrator(db, settings).current();
    }
    if (value) return text_datum(*value);
    fcinfo->isnull = true;
    return 0;
}

Datum heads(FunctionCallInfo) {
    Settings settings = session_settings();
    require_script_read(settings);
    std::string value;
    {
        SpiDatabase db;
        value = Migrator(db, settings).heads();
    }
    return text_datum(value);
}

// migrate_config(key) reads a setting; migrate_config(key, value) sets the
// GUC migrate.<key> for the session as SET does (NULL resets it) and returns
// the value now in force.
Datum config(FunctionCallInfo fcinfo) {
    std::string key = required_text_argument(fcinfo, 0, "the setting name");
    if (PG_NARGS() == 2) set_setting(key, text_argument(fcinfo, 1));
    Settings settings = session_settings();
    require_script_read(settings);  // the value in force may come from migrate.ini
    std::string value;
    {
        SpiDatabase db;  // with script_source = database, migrate.ini is in the store
        value = Migrator(db, settings).settings().get(key);
    }
    return text_datum(value);
}

}  // namespace
}  // namespace migrate::pg

MIGRATE_SQL_FUNCTION(migrate_upgrade, migrate::pg::target_command<&migrate::Migrator::upgrade>)
MIGRATE_SQL_FUNCTION(migrate_downgrade, migrate::pg::target_command<&migrate::Migrator::downgrade>)
MIGRATE_SQL_FUNCTION(migrate_stamp, migrate::pg::target_command<&migrate::Migrator::stamp>)
MIGRATE_SQL_FUNCTION(migrate_upgrade_sql, migrate::pg::offline_command<&migrate::Migrator::upgrade_sql>)
MIGRATE_SQL_FUNCTION(migrate_downgrade_sql, migrate::pg::offline_command<&migrate::Migrator::downgrade_sql>)
MIGRATE_SQL_FUNCTION(migrate_revision, migrate::pg::revision)
MIGRATE_SQL_FUNCTION(migrate_merge, migrate::pg::merge)
MIGRATE_SQL_FUNCTION(migrate_diff, migrate::pg::schema_command<&migrate::Migrator::diff>)
MIGRATE_SQL_FUNCTION(migrate_check, migrate::pg::schema_command<&migrate::Migrator::check>)
MIGRATE_SQL_FUNCTION(migrate_current, migrate::pg::current)
MIGRATE_SQL_FUNCTION(migrate_heads, migrate::pg::heads)
MIGRATE_SQL_FUNCTION(migrate_config, migrate::pg::config)
MIGRATE_SQL_FUNCTION(migrate_bundle, migrate::pg::offline_command<&migrate::Migrator::bundle>)
