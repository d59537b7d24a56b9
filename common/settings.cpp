#include "settings.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "error.hpp"
#include "folder_source.hpp"
#include "script_store.hpp"
#include "text.hpp"

namespace migrate {
Settings::Settings(std::map<std::string, std::string> session, std::string default_script_location)
    : session_(std::move(session)), default_script_location_(std::move(default_script_location)) {}

const std::vector<std::string>& Settings::keys() {
    static const std::vector<std::string> all = {
        "script_location", "version_table",     "version_table_schema", "target_schema",
        "transaction_per_migration", "file_template", "truncate_slug_length", "script_source",
    };
    return all;
}

bool Settings::is_key(const std::string& key) {
    const auto& all = keys();
    return std::find(all.begin(), all.end(), key) != all.end();
}

void Settings::validate(const std::string& key, const std::string& value) {
    if (!is_key(key))
        throw Error(ErrorKind::Usage,
                    fmt::format("unknown setting '{}'; the settings are {}", key, join(keys(), ", ")));
    if (key == "transaction_per_migration") parse_bool(value, key);
    if (key == "truncate_slug_length") {
        bool digits = !value.empty() && std::all_of(value.begin(), value.end(),
                                                    [](char c) { return is_ascii_digit(c); });
        if (!digits || value.size() > 6)
            throw Error(ErrorKind::Usage, fmt::format("setting 'truncate_slug_length' must be a whole number, not '{}'",
                                                      value));
    }
    if (key == "script_source" && value != "files" && value != "database" && !value.empty())
        throw Error(ErrorKind::Usage,
                    fmt::format("setting 'script_source' must be 'files' or 'database', not '{}'", value));
    if (key == "version_table" && value.empty())
        throw Error(ErrorKind::Usage, "setting 'version_table' cannot be empty");
    if (key == "version_table" && value.size() > 63)
        throw Error(ErrorKind::Usage, "setting 'version_table' is longer than 63 characters");
}

bool parse_bool(const std::string& value, const std::string& key) {
    std::string v = lower(trim(value));
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off" || v.empty()) return false;
    throw Error(ErrorKind::Usage, fmt::format("setting '{}' must be true or false, not '{}'", key, value));
}

std::map<std::string, std::string> parse_ini(const std::string& text, const std::string& path) {
    std::map<std::string, std::string> out;
    bool in_section = false;
    int line_no = 0;
    for (auto raw : lines(text)) {
        ++line_no;
        auto line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']') throw Error(ErrorKind::Usage, fmt::format("{}:{}: malformed section header", path, line_no));
            in_section = trim(line.substr(1, line.size() - 2)) == "migrate";
            continue;
        }
        if (!in_section) continue;
        auto eq = line.find('=');
        if (eq == std::string_view::npos) eq = line.find(':');
        if (eq == std::string_view::npos)
            throw Error(ErrorKind::Usage, fmt::format("{}:{}: expected 'key = value'", path, line_no));
        std::string key(trim(line.substr(0, eq)));
        std::string value(trim(line.substr(eq + 1)));
        if (key == "script_source")
            throw Error(ErrorKind::Usage,
                        fmt::format("{}:{}: script_source cannot be set in migrate.ini, which it locates; set it for "
                                    "the session (migrate_config('script_source', ...))",
                                    path, line_no));
        try {
            Settings::validate(key, value);
        } catch (const Error& e) {
            throw Error(ErrorKind::Usage, fmt::format("{}:{}: {}", path, line_no, e.what()));
        }
        out[key] = value;
    }
    return out;
}

const std::map<std::string, std::string>& Settings::ini() const {
    if (ini_) return *ini_;
    auto file = source().ini();
    auto values = file ? parse_ini(file->text, file->path) : std::map<std::string, std::string>{};
    if (reads_store()) {
        // The store was found through the session's table; a stored
        // migrate.ini naming another would read one table and write another.
        const TableName store = store_table();
        std::string table = session_value("version_table");
        const std::pair<const char*, std::string> located[] = {
            {"version_table", table.empty() ? "alembic_version" : table},
            {"version_table_schema", store.schema}};
        for (const auto& [key, value] : located) {
            auto it = values.find(key);
            if (it != values.end() && it->second != value)
                throw Error(ErrorKind::Usage,
                            fmt::format("{}: {} = {}, but the script store {} was found through {} = '{}'; set {} "
                                        "to '{}' for the session",
                                        file->path, key, it->second, store.name, key, value, key, it->second));
        }
    }
    ini_ = std::move(values);
    return *ini_;
}

ScriptSource& Settings::source() const {
    if (!source_) {
        if (reads_store())
            throw Error(ErrorKind::Internal, "the script store is read through a database (open_script_source)");
        source_ = std::make_shared<FolderSource>(script_location());
    }
    return *source_;
}

std::string Settings::session_value(const std::string& key) const {
    auto it = session_.find(key);
    return it == session_.end() ? std::string() : it->second;
}

bool Settings::reads_store() const { return session_value("script_source") == "database"; }

TableName Settings::session_version_table() const {
    std::string name = session_value("version_table");
    return {session_value("version_table_schema"), name.empty() ? "alembic_version" : name};
}

TableName Settings::store_table() const { return script_store_table(session_version_table()); }

std::string Settings::script_location() const {
    auto it = session_.find("script_location");
    if (it != session_.end() && !it->second.empty()) return it->second;
    return default_script_location_;
}

std::string Settings::get(const std::string& key) const {
    if (!is_key(key)) validate(key, "");
    if (key == "script_location") return script_location();
    if (key == "script_source") return reads_store() ? "database" : "files";
    auto it = session_.find(key);
    if (it != session_.end() && !it->second.empty()) return it->second;
    auto from_ini = ini().find(key);
    if (from_ini != ini().end()) return from_ini->second;
    if (key == "version_table") return "alembic_version";
    if (key == "target_schema") return script_location() + "/schema";
    if (key == "transaction_per_migration") return "false";
    if (key == "file_template") return "%(rev)s_%(slug)s";
    if (key == "truncate_slug_length") return "40";
    return "";  // version_table_schema: the engine's current schema
}

TableName Settings::version_table() const { return {get("version_table_schema"), get("version_table")}; }

bool Settings::transaction_per_migration() const {
    return parse_bool(get("transaction_per_migration"), "transaction_per_migration");
}

}  // namespace migrate
