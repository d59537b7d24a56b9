#include "gucs.hpp"
#include "pg_scratch.hpp"

#include <cstring>
#include <iterator>
#include <utility>

#include "pg_guard.hpp"
#include "search_path.hpp"

#include "pg_headers.hpp"

// Exported despite -fvisibility=hidden (pg_ext/exports.map).
#pragma GCC visibility push(default)
extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}
#pragma GCC visibility pop

namespace migrate::pg {
namespace {

// One GUC per key of Settings::keys(). Each is a string whose empty value
// means "unset", so migrate.ini and the defaults apply (a boolean or integer
// GUC would always have a value and hide migrate.ini).
struct Guc {
    const char* key;
    const char* name;
    const char* description;
    char* value;
};

Guc gucs[] = {
    {"script_location", "migrate.script_location",
     "Folder of the migration scripts on the server (relative paths start at the data directory).", nullptr},
    {"version_table", "migrate.version_table", "Name of the version table (default alembic_version).", nullptr},
    {"version_table_schema", "migrate.version_table_schema",
     "Schema of the version table (default: the current schema).", nullptr},
    {"target_schema", "migrate.target_schema",
     "File or folder of .sql files describing the wanted schema (default <script_location>/schema).", nullptr},
    {"transaction_per_migration", "migrate.transaction_per_migration",
     "Accepted for compatibility; a call always runs as one unit inside the caller's transaction.", nullptr},
    {"file_template", "migrate.file_template", "File name template of new revisions (default %(rev)s_%(slug)s).",
     nullptr},
    {"truncate_slug_length", "migrate.truncate_slug_length", "Maximum length of the slug in file names (default 40).",
     nullptr},
    {"script_source", "migrate.script_source",
     "Where scripts are read from: files (the script_location folder, default) or database (the script store).",
     nullptr},
};

// Superuser-only, so it is no setting of the core (migrate_config cannot
// set it): the folders whose scripts roles without pg_read_server_files may
// read (privileges.hpp).
char* script_roots_value = nullptr;

// The core's validation, as text; null when the value is valid. Static
// storage keeps the catch block free of PostgreSQL calls.
const char* validation_error(const char* key, const char* value) noexcept {
    static char message[512];
    try {
        Settings::validate(key, value);
        return nullptr;
    } catch (const std::exception& e) {
        std::strncpy(message, e.what(), sizeof message - 1);
    } catch (...) {
        std::strncpy(message, "invalid value", sizeof message - 1);
    }
    return message;
}

template <std::size_t I>
bool check_setting(char** newval, void**, GucSource) {
    if (!*newval || !**newval) return true;  // unset
    const char* error = validation_error(gucs[I].key, *newval);
    if (!error) return true;
    GUC_check_errmsg("%s", error);
    return false;
}

template <std::size_t... I>
void define_gucs(std::index_sequence<I...>) {
    (DefineCustomStringVariable(gucs[I].name, gucs[I].description, nullptr, &gucs[I].value, "", PGC_USERSET, 0,
                                check_setting<I>, nullptr, nullptr),
     ...);
}

const Guc& guc_of(const std::string& key) {
    for (const Guc& g : gucs)
        if (key == g.key) return g;
    Settings::validate(key, "");  // throws the core's "unknown setting" error
    throw Error(ErrorKind::Internal, "setting '" + key + "' has no GUC");
}

}  // namespace

std::string script_roots() { return script_roots_value ? script_roots_value : ""; }

Settings session_settings(const std::map<std::string, std::string>& overrides) {
    std::map<std::string, std::string> values;
    for (const Guc& g : gucs)
        if (g.value && *g.value) values[g.key] = g.value;
    for (const auto& [key, value] : overrides) values[key] = value;
    return Settings(std::move(values), "migrations");
}

void set_setting(const std::string& key, const std::optional<std::string>& value) {
    const Guc& guc = guc_of(key);
    if (value) Settings::validate(key, *value);  // the core's message, as on SQLite
    const char* text = value ? value->c_str() : nullptr;
    pg_call([&] {
        (void)set_config_option(guc.name, text, superuser() ? PGC_SUSET : PGC_USERSET, PGC_S_SESSION,
                                GUC_ACTION_SET, true, 0, false);
    });
}

}  // namespace migrate::pg

void _PG_init(void) {
    using migrate::pg::gucs;
    migrate::pg::define_gucs(std::make_index_sequence<std::size(gucs)>());
    DefineCustomStringVariable("migrate.script_roots",
                               "Folders (comma-separated) whose migration scripts roles with EXECUTE on the migrate "
                               "functions may read and write without pg_read_server_files or pg_write_server_files.",
                               nullptr, &migrate::pg::script_roots_value, "", PGC_SUSET, 0, nullptr, nullptr, nullptr);
    MarkGUCPrefixReserved("migrate");
    migrate::pg::install_search_path_hook();
    migrate::pg::install_scratch_hook();
}
