#pragma once
// Revision graphs kept between calls of one process (a SQLite connection's
// host, a PostgreSQL backend): a deploy script's several calls read a large
// versions/ folder once. A kept graph is used again only while every
// revision file is the same file, with the same size and the same
// modification and change times, as when it was read.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "revision_graph.hpp"

namespace migrate {

// The graph of the revision files of `versions_dir` (a path as the caller
// names it: errors and Revision::path use it). Loads the folder as
// load_revisions does (`threads`, `poll`) unless a graph read from the same
// unchanged files is kept; throws as load_revisions and RevisionGraph do.
// A folder is kept only when no file was written shortly before the read: a
// file written within the same timestamp tick could be written again with
// every stamp unchanged. The tick is the kernel's clock tick (at most 10 ms)
// where file times have sub-second parts, `settled` waits it out; a time
// without them may come from a file system that counts whole seconds, and
// must be 2 s old.
std::shared_ptr<const RevisionGraph> cached_graph(const std::string& versions_dir, int threads,
                                                  const std::function<void()>& poll,
                                                  std::chrono::milliseconds settled = std::chrono::milliseconds(100));

// Off in a process that makes one call (the command line): there is no next
// call to keep a graph for, and a folder is then read without stamping it
// (FolderSource then keeps the texts it read for the steps).
void keep_graphs(bool on);
bool keeping_graphs();

}  // namespace migrate
