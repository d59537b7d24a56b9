#pragma once
// The configuration file as Alembic reads it: an ini file (default
// migrate.ini with section [migrate], else alembic.ini with [alembic]), one
// section chosen with -n, values with Python ConfigParser's %(key)s
// interpolation (%(here)s is the file's folder) and ${VAR} from the
// environment, and -x key=value pairs on top.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migrate::cli {

struct GlobalOptions {
    std::string config_file;  // -c; empty: migrate.ini, else alembic.ini
    std::string name;         // -n; empty: [migrate], else [alembic]
    std::vector<std::string> x_arguments;  // -x key=value
    std::string url;          // --url
};

struct Config {
    std::string path;     // the file read; empty when there is none
    std::string section;  // the section used
    std::map<std::string, std::string> values;  // interpolated, keys lower case

    std::optional<std::string> get(const std::string& key) const;
};

// Reads the file and section the options name. Without -c and without
// either default file the configuration is empty (the defaults and the
// environment serve).
Config load_config(const GlobalOptions& options);

// The database URL: --url, else DATABASE_URL, else sqlalchemy.url or url of
// the section. Throws when none is given.
std::string database_url(const Config& config, const GlobalOptions& options);

// The core's settings (docs/reference.md section 5) given by the section and
// by -x: script_location, version_table, ...; other keys are the command
// line's own (url) or Alembic's (ignored).
std::map<std::string, std::string> core_settings(const Config& config, const GlobalOptions& options);

// Interpolates one raw value: %(key)s from `section` (then `defaults`),
// %% as %, ${VAR} and ${VAR:-fallback} from the environment. `where` names
// the value in errors.
std::string interpolate(const std::string& raw, const std::map<std::string, std::string>& section,
                        const std::map<std::string, std::string>& defaults, const std::string& where);

}  // namespace migrate::cli
