#include "privileges.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"
#include "gucs.hpp"
#include "pg_guard.hpp"
#include "text.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

std::optional<std::string> real_path(const std::string& path) {
    char buf[PATH_MAX];
    if (!::realpath(path.c_str(), buf)) return std::nullopt;
    return std::string(buf);
}

std::vector<std::string> resolved_roots() {
    std::vector<std::string> out;
    const std::string roots = script_roots();  // split's views point into it
    for (auto part : split(roots, ',')) {
        std::string root(trim(part));
        if (root.empty()) continue;
        // A root that does not exist (yet) holds nothing to allow.
        if (auto resolved = real_path(root)) out.push_back(*resolved);
    }
    return out;
}

bool inside(const std::string& path, const std::vector<std::string>& roots) {
    for (const auto& root : roots) {
        if (path == root) return true;
        if (root == "/" || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                            path[root.size()] == '/'))
            return true;
    }
    return false;
}

[[noreturn]] void refuse(const char* action, const std::string& path, const char* role, const char* why) {
    throw Error(ErrorKind::Permission,
                fmt::format("permission denied to {} '{}': {}, and the role lacks the privileges of {}", action, path,
                            why, role),
                ERRCODE_INSUFFICIENT_PRIVILEGE);
}

// `path` (a folder or a file) and, for a folder, every symlink among its
// entries and those of its subfolders `subfolders` resolve inside a root.
void check_inside_roots(const std::string& path, const std::vector<std::string>& subfolders, const char* action,
                        const char* role) {
    const auto roots = resolved_roots();
    auto resolved = real_path(path);
    if (!resolved) refuse(action, path, role, "it cannot be resolved");
    if (!inside(*resolved, roots)) refuse(action, path, role, "it is not inside migrate.script_roots");
    struct stat st;
    if (::stat(resolved->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
    std::vector<std::string> folders{*resolved};
    for (const auto& sub : subfolders) folders.push_back(*resolved + "/" + sub);
    for (const auto& folder : folders) {
        std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(folder.c_str()), ::closedir);
        if (!dir) continue;  // missing: the loader says so
        while (dirent* entry = ::readdir(dir.get())) {
            if (entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN) continue;
            std::string name = folder + "/" + entry->d_name;
            struct stat link;
            if (::lstat(name.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) continue;
            auto target = real_path(name);
            if (target && !inside(*target, roots))
                refuse(action, name, role, "it is a symbolic link out of migrate.script_roots");
        }
    }
}

bool has_role(Oid role) {
    // has_privs_of_role is true for superusers.
    return pg_call([&] { return has_privs_of_role(GetUserId(), role); });
}

}  // namespace

void require_script_read(const Settings& settings, bool target_schema) {
    // The script store is a table: its own privileges guard it.
    if (settings.reads_store()) return;
    if (has_role(ROLE_PG_READ_SERVER_FILES)) return;
    check_inside_roots(settings.script_location(), {"versions"}, "read migration scripts in",
                       "pg_read_server_files");
    if (target_schema) check_inside_roots(settings.get("target_schema"), {}, "read the target schema", "pg_read_server_files");
}

void require_script_write(const Settings& settings) {
    if (has_role(ROLE_PG_WRITE_SERVER_FILES)) return;
    // The file name comes from file_template, which any role may set.
    const std::string file_template = settings.get("file_template");
    if (file_template.find('/') != std::string::npos)
        throw Error(ErrorKind::Permission,
                    fmt::format("permission denied to write revision files: file_template '{}' names another folder; "
                                "it may only do so for a role with privileges of the pg_write_server_files role",
                                file_template),
                    ERRCODE_INSUFFICIENT_PRIVILEGE);
    check_inside_roots(settings.versions_dir(), {}, "write revision files into", "pg_write_server_files");
}

}  // namespace migrate::pg
