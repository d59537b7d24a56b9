#pragma once
// The settings of docs/reference.md section 5 as GUCs migrate.<key>, defined in _PG_init.
#include <map>
#include <optional>
#include <string>

#include "settings.hpp"

namespace migrate::pg {

// The settings in force: the values set for this session (SET, ALTER
// DATABASE/ROLE SET, postgresql.conf, migrate_config), with `overrides` on
// top. The default script location, `migrations`, is relative to the data
// directory, the server's working directory.
Settings session_settings(const std::map<std::string, std::string>& overrides = {});

// migrate.script_roots (PGC_SUSET, privileges.hpp): comma-separated folders.
std::string script_roots();

// Sets migrate.<key> for the session as SET does; nullopt resets it.
void set_setting(const std::string& key, const std::optional<std::string>& value);

}  // namespace migrate::pg
