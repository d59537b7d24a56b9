#include "script_store.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "script_loader.hpp"

namespace migrate {
namespace {

bool has_sql_suffix(const std::string& name) {
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".sql") == 0;
}

constexpr std::string_view kVersions = "versions/";

}  // namespace

TableName script_store_table(const TableName& version_table) {
    return {version_table.schema, version_table.name + "_scripts"};
}

std::string script_store_create_sql(const std::string& qualified_name) {
    return fmt::format("CREATE TABLE IF NOT EXISTS {} (path TEXT PRIMARY KEY, body TEXT NOT NULL)", qualified_name);
}

const std::map<std::string, std::string>& StoreSource::files() {
    if (files_) return *files_;
    if (!db_.table_exists(table_))
        throw Error(ErrorKind::Script,
                    fmt::format("script_source is 'database', but the script store {} does not exist: load it with "
                                "a deploy bundle (migrate_bundle()), or set script_source to 'files'",
                                name()));
    std::map<std::string, std::string> out;
    for (auto& row : db_.query(fmt::format("SELECT path, body FROM {}", name())))
        if (row.size() == 2 && row[0] && row[1]) out.emplace(std::move(*row[0]), std::move(*row[1]));
    files_ = std::move(out);
    return *files_;
}

std::vector<Revision> StoreSource::load_revisions(int) {
    std::vector<Revision> out;
    const auto& all = files();
    for (auto it = all.lower_bound(std::string(kVersions)); it != all.end(); ++it) {
        const std::string& path = it->first;
        if (path.compare(0, kVersions.size(), kVersions) != 0) break;
        std::string name = path.substr(kVersions.size());
        if (name.find('/') != std::string::npos || !is_revision_file_name(name)) continue;
        out.push_back(parse_revision_file(name, it->second, path));
    }
    return out;
}

std::string StoreSource::read_revision(const Revision& revision) {
    auto it = files().find(revision.path);
    if (it == files().end())
        throw Error(ErrorKind::Script, fmt::format("{}: not in the script store {}", revision.path, name()));
    return it->second;
}

std::optional<ScriptFile> StoreSource::ini() {
    auto it = files().find("migrate.ini");
    if (it == files().end()) return std::nullopt;
    return ScriptFile{it->first, it->second};
}

std::vector<ScriptFile> StoreSource::target_schema(const std::string& setting) {
    // Stored paths are relative to the location: the default <location>/schema is "schema".
    std::string path = setting;
    if (path.rfind(location_ + "/", 0) == 0) path.erase(0, location_.size() + 1);
    while (path.rfind("./", 0) == 0) path.erase(0, 2);
    while (!path.empty() && path.back() == '/') path.pop_back();
    const auto& all = files();
    if (auto it = all.find(path); it != all.end()) return {{it->first, it->second}};
    const std::string prefix = path + "/";
    std::vector<ScriptFile> out;
    bool folder = false;
    for (auto it = all.lower_bound(prefix); it != all.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
        folder = true;
        std::string name = it->first.substr(prefix.size());
        if (name.find('/') == std::string::npos && name[0] != '.' && has_sql_suffix(name))
            out.push_back({it->first, it->second});
    }
    if (!out.empty()) return out;
    if (folder)
        throw Error(ErrorKind::Script,
                    fmt::format("target schema folder '{}' in the script store {} holds no .sql files", path, name()));
    throw Error(ErrorKind::Script,
                fmt::format("target schema '{}' is not in the script store {}: a bundle stores the target schema "
                            "when it lies inside the script location (by default its schema/ folder)",
                            path, name()));
}

std::vector<ScriptFile> StoreSource::location_files(const std::string&) {
    std::vector<ScriptFile> out;
    for (const auto& [path, body] : files()) out.push_back({path, body});
    return out;
}

}  // namespace migrate
