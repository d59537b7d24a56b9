#pragma once
// The settings of docs/reference.md section 5: a session value wins over migrate.ini, which
// wins over the default.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "database.hpp"
#include "script_source.hpp"

namespace migrate {

class Settings {
public:
    // `session` holds the values set in this session (an engine keeps them);
    // `default_script_location` is the engine's default for script_location.
    Settings(std::map<std::string, std::string> session, std::string default_script_location);

    static const std::vector<std::string>& keys();
    static bool is_key(const std::string& key);
    // Throws a Usage error naming the key when it is unknown or the value is
    // malformed.
    static void validate(const std::string& key, const std::string& value);

    std::string get(const std::string& key) const;
    std::string script_location() const;
    std::string versions_dir() const { return script_location() + "/versions"; }
    TableName version_table() const;
    bool transaction_per_migration() const;

    // script_source = database: scripts come from the store, the table beside
    // the version table. The setting and the version table's name come from
    // the session alone (they say where migrate.ini is), so a stored
    // migrate.ini may not name another table.
    bool reads_store() const;
    TableName session_version_table() const;  // as the session names it, schema possibly unset
    TableName store_table() const;

    // Where migrate.ini, revisions and the target schema are read from
    // (open_script_source). Without one, the folder of script_location.
    void use_source(std::shared_ptr<ScriptSource> source) { source_ = std::move(source); }
    ScriptSource& source() const;

private:
    const std::map<std::string, std::string>& ini() const;
    std::string session_value(const std::string& key) const;

    std::map<std::string, std::string> session_;
    std::string default_script_location_;
    mutable std::optional<std::map<std::string, std::string>> ini_;
    mutable std::shared_ptr<ScriptSource> source_;
};

// Parses migrate.ini text: `key = value` lines under `[migrate]`; `path` names
// the file in errors.
std::map<std::string, std::string> parse_ini(const std::string& text, const std::string& path);

bool parse_bool(const std::string& value, const std::string& key);

}  // namespace migrate
