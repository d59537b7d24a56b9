#include "schema_comparison.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "error.hpp"
#include "script_loader.hpp"

namespace migrate {
namespace {

bool has_sql_suffix(const std::string& name) {
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".sql") == 0;
}

}  // namespace

std::vector<schema::SchemaFile> read_target_schema(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        throw Error(ErrorKind::Script,
                    fmt::format("target schema '{}' does not exist ({}); set target_schema to a .sql file or a folder "
                                "of them (migrate_config('target_schema', '/path/to/schema'))",
                                path, std::strerror(errno)));
    if (!S_ISDIR(st.st_mode)) return {{path, read_file(path)}};

    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), ::closedir);
    if (!dir) throw Error(ErrorKind::Script, fmt::format("target schema '{}': {}", path, std::strerror(errno)));
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir.get())) {
        std::string name = entry->d_name;
        if (name[0] != '.' && has_sql_suffix(name)) names.push_back(std::move(name));
    }
    if (names.empty())
        throw Error(ErrorKind::Script, fmt::format("target schema folder '{}' holds no .sql files", path));
    std::sort(names.begin(), names.end());
    std::vector<schema::SchemaFile> files;
    for (const auto& name : names) {
        std::string file = path + "/" + name;
        files.push_back({file, read_file(file)});
    }
    return files;
}

SchemaComparison::SchemaComparison(schema::SchemaEngine& engine, const Settings& settings) : engine_(engine) {
    auto files = read_target_schema(settings.get("target_schema"));
    const std::string version_table = settings.get("version_table");
    const std::vector<std::string> excluded = {version_table, version_table + "_log"};
    live_ = engine.read_live();
    target_ = engine.read_target(files);
    schema::remove_tables(live_, excluded);
    schema::remove_tables(target_, excluded);
}

}  // namespace migrate
