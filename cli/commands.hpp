#pragma once
// The commands of the command line, each as Alembic's command of the same
// name (alembic/command.py), over the core. Each returns the process's exit
// status; an error is thrown and becomes `FAILED: ...` with status 255.
#include <string>
#include <vector>

#include "config.hpp"

namespace migrate::cli {

struct RevisionArguments {
    std::string message;
    bool autogenerate = false;
    std::string head;
    bool splice = false;
    std::string branch_label;
    std::vector<std::string> depends_on;
    std::string rev_id;
};

struct RunArguments {
    std::string revision;
    bool sql = false;      // offline mode
    bool timings = false;  // -v: the time each step took
};

struct StampArguments {
    std::vector<std::string> revisions;
    bool sql = false;      // offline mode: print the version-table statements
    bool purge = false;    // delete every version row first
    bool timings = false;  // -v
};

int init_command(const GlobalOptions& global, const std::string& directory);
int revision_command(const GlobalOptions& global, const RevisionArguments& args);
int merge_command(const GlobalOptions& global, const std::vector<std::string>& revisions, const std::string& message,
                  const std::string& branch_label, const std::string& rev_id);
int upgrade_command(const GlobalOptions& global, const RunArguments& args);
int downgrade_command(const GlobalOptions& global, const RunArguments& args);
int stamp_command(const GlobalOptions& global, const StampArguments& args);
int current_command(const GlobalOptions& global, bool verbose);
int heads_command(const GlobalOptions& global, bool verbose, bool resolve_dependencies);
int branches_command(const GlobalOptions& global, bool verbose);
int history_command(const GlobalOptions& global, const std::string& range, bool verbose, bool indicate_current);
int show_command(const GlobalOptions& global, const std::string& revision);
int check_command(const GlobalOptions& global);
// The deploy script of docs/reference.md section 9, written with no database:
// `dialect` sqlite or postgresql (empty: the configured URL's), to `output`
// (empty: stdout).
int bundle_command(const GlobalOptions& global, const std::string& target, const std::string& dialect,
                   const std::string& output);

}  // namespace migrate::cli
