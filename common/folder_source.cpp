#include "folder_source.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "error.hpp"
#include "revision_cache.hpp"
#include "script_loader.hpp"

namespace migrate {
namespace {

bool is_directory(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_regular_file(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string absolute(const std::string& path) {
    char buf[PATH_MAX];
    if (!path.empty() && path[0] != '/' && ::realpath(".", buf)) return std::string(buf) + "/" + path;
    return path;
}

// A folder that exists but that this process may not reach (PostgreSQL: the
// server's user cannot enter a parent folder) is no missing path.
void require_reachable(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 && errno == EACCES)
        throw Error(ErrorKind::Script,
                    fmt::format("Permission denied: '{}': this process (on PostgreSQL, the server's operating-system "
                                "user) may not enter a folder on that path",
                                absolute(path)));
}

bool has_sql_suffix(const std::string& name) {
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".sql") == 0;
}

// The names of a folder's entries that `keep` accepts, sorted.
template <typename Keep>
std::vector<std::string> folder_names(const std::string& path, Keep keep, const char* what) {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), ::closedir);
    if (!dir) throw Error(ErrorKind::Script, fmt::format("{} '{}': {}", what, path, std::strerror(errno)));
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir.get())) {
        std::string name = entry->d_name;
        if (keep(name)) names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

std::string FolderSource::versions_folder() const {
    require_reachable(location_);
    if (!is_directory(location_))
        throw Error(ErrorKind::Script,
                    fmt::format("Path doesn't exist: '{}'. Set script_location to the folder that holds versions/ "
                                "(migrate_config('script_location', '/path/to/migrations')).",
                                absolute(location_)));
    std::string versions = location_ + "/versions";
    require_reachable(versions);
    if (!is_directory(versions))
        throw Error(ErrorKind::Script, fmt::format("Path doesn't exist: '{}': the script location has no versions/ "
                                                   "folder.",
                                                   absolute(versions)));
    return versions;
}

std::vector<Revision> FolderSource::load_revisions(int threads) {
    return migrate::load_revisions(versions_folder(), threads, poll_);
}

std::shared_ptr<const RevisionGraph> FolderSource::graph(int threads) {
    if (keeping_graphs()) return cached_graph(versions_folder(), threads, poll_);
    // One call per process: each file is read once, and a step runs the very
    // text whose header placed it in the graph.
    std::vector<std::string> texts;
    std::vector<Revision> revisions = migrate::load_revisions(versions_folder(), threads, poll_, nullptr, &texts);
    texts_.clear();
    for (std::size_t i = 0; i < revisions.size(); ++i) texts_[revisions[i].path] = std::move(texts[i]);
    return std::make_shared<const RevisionGraph>(std::move(revisions));
}

std::string FolderSource::read_revision(const Revision& revision) {
    auto kept = texts_.find(revision.path);
    if (kept == texts_.end()) return read_file(revision.path);
    std::string text = std::move(kept->second);
    texts_.erase(kept);
    return text;
}

std::optional<ScriptFile> FolderSource::ini() {
    std::string path = location_ + "/migrate.ini";
    if (!is_regular_file(path)) return std::nullopt;
    return ScriptFile{path, read_file(path)};
}

std::vector<ScriptFile> FolderSource::target_schema(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        throw Error(ErrorKind::Script,
                    fmt::format("target schema '{}' does not exist ({}); set target_schema to a .sql file or a folder "
                                "of them (migrate_config('target_schema', '/path/to/schema'))",
                                path, std::strerror(errno)));
    if (!S_ISDIR(st.st_mode)) return {{path, read_file(path)}};
    auto names = folder_names(path, [](const std::string& n) { return n[0] != '.' && has_sql_suffix(n); },
                              "target schema");
    if (names.empty())
        throw Error(ErrorKind::Script, fmt::format("target schema folder '{}' holds no .sql files", path));
    std::vector<ScriptFile> files;
    for (const auto& name : names) {
        std::string file = path + "/" + name;
        files.push_back({file, read_file(file)});
    }
    return files;
}

std::vector<ScriptFile> FolderSource::location_files(const std::string& target_schema_setting) {
    std::vector<ScriptFile> out;
    const std::string prefix = location_ + "/";
    auto relative = [&](ScriptFile file) {
        file.path.erase(0, prefix.size());
        return file;
    };
    if (auto file = ini()) out.push_back(relative(std::move(*file)));
    for (const auto& name : folder_names(location_ + "/versions", is_revision_file_name, "versions folder")) {
        std::string path = prefix + "versions/" + name;
        out.push_back({"versions/" + name, read_file(path)});
    }
    // A target schema outside the location is not the location's to carry.
    struct stat st;
    if (target_schema_setting.rfind(prefix, 0) == 0 && ::stat(target_schema_setting.c_str(), &st) == 0)
        for (auto& file : target_schema(target_schema_setting)) out.push_back(relative(std::move(file)));
    std::sort(out.begin(), out.end(), [](const ScriptFile& a, const ScriptFile& b) { return a.path < b.path; });
    return out;
}

}  // namespace migrate
