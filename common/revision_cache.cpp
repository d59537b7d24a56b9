#include "revision_cache.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <vector>

#include "script_loader.hpp"

namespace migrate {
namespace {

// The stamps of the folder's revision files in file-name order; nullopt when
// one cannot be taken (the loader then reports what is wrong).
std::optional<std::vector<FileStamp>> stamp_folder(const std::string& versions_dir,
                                                   const std::function<void()>& poll) {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(versions_dir.c_str()), ::closedir);
    if (!dir) return std::nullopt;
    std::vector<FileStamp> stamps;
    while (dirent* entry = ::readdir(dir.get())) {
        std::string name = entry->d_name;
        if (is_revision_file_name(name)) stamps.push_back({std::move(name)});
    }
    std::sort(stamps.begin(), stamps.end(), [](const FileStamp& a, const FileStamp& b) { return a.name < b.name; });
    const int dir_fd = ::dirfd(dir.get());
    for (std::size_t i = 0; i < stamps.size(); ++i) {
        if (poll && i % 1024 == 0) poll();
        struct stat st;
        if (::fstatat(dir_fd, stamps[i].name.c_str(), &st, 0) != 0) return std::nullopt;
        stamps[i].device = st.st_dev;
        stamps[i].inode = st.st_ino;
        stamps[i].size = st.st_size;
        stamps[i].modified = st.st_mtim;
        stamps[i].changed = st.st_ctim;
    }
    return stamps;
}

std::chrono::nanoseconds since_epoch(const timespec& t) {
    return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

bool left_alone(const std::vector<FileStamp>& stamps, const timespec& read_at, std::chrono::milliseconds settled) {
    const auto now = since_epoch(read_at);
    auto old_enough = [&](const timespec& t) {
        return since_epoch(t) < now - (t.tv_nsec ? std::chrono::milliseconds(settled) : std::chrono::seconds(2));
    };
    for (const auto& s : stamps)
        if (!old_enough(s.modified) || !old_enough(s.changed)) return false;
    return true;
}

struct Kept {
    std::string versions_dir;
    std::vector<FileStamp> stamps;
    std::shared_ptr<const RevisionGraph> graph;
};

constexpr std::size_t kKeptFolders = 4;
std::mutex kept_mutex;
std::list<Kept> kept;  // most recently used first
std::atomic<bool> keeping{true};

}  // namespace

void keep_graphs(bool on) { keeping = on; }
bool keeping_graphs() { return keeping; }

std::shared_ptr<const RevisionGraph> cached_graph(const std::string& versions_dir, int threads,
                                                  const std::function<void()>& poll,
                                                  std::chrono::milliseconds settled) {
    if (!keeping) return std::make_shared<const RevisionGraph>(load_revisions(versions_dir, threads, poll));
    timespec read_at{};
    ::clock_gettime(CLOCK_REALTIME, &read_at);
    auto is_kept = [&] {
        std::lock_guard<std::mutex> lock(kept_mutex);
        return std::any_of(kept.begin(), kept.end(), [&](const Kept& k) { return k.versions_dir == versions_dir; });
    };
    // A folder with nothing kept is read at once: the load stamps each file
    // it reads, one system call instead of a second pass over the folder.
    if (is_kept())
        if (auto stamps = stamp_folder(versions_dir, poll)) {
            std::lock_guard<std::mutex> lock(kept_mutex);
            for (auto it = kept.begin(); it != kept.end(); ++it)
                if (it->versions_dir == versions_dir && it->stamps == *stamps) {
                    kept.splice(kept.begin(), kept, it);
                    return it->graph;
                }
        }
    // Stamped before reading: a file changed in between differs from its
    // stamp at the next call, which then reads the folder again.
    std::vector<FileStamp> stamps;
    auto graph = std::make_shared<const RevisionGraph>(load_revisions(versions_dir, threads, poll, &stamps));
    if (left_alone(stamps, read_at, settled)) {
        std::lock_guard<std::mutex> lock(kept_mutex);
        kept.remove_if([&](const Kept& k) { return k.versions_dir == versions_dir; });
        kept.push_front({versions_dir, std::move(stamps), graph});
        if (kept.size() > kKeptFolders) kept.pop_back();
    }
    return graph;
}

}  // namespace migrate
