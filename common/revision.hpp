#pragma once
// One revision file as read from `versions/`, plus the links the revision
// graph computes between revisions.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace migrate {

struct Revision {
    // What the file says.
    std::string id;
    std::vector<std::string> down_revisions;  // "Revises"; several = merge point
    std::vector<std::string> depends_on;      // ids or branch labels
    std::vector<std::string> own_branch_labels;
    std::string message;
    std::string create_date;
    std::string path;
    bool is_python = false;  // an Alembic .py revision: never executed

    // Filled in by RevisionGraph.
    std::set<std::string> branch_labels;  // own labels plus inherited ones
    std::vector<Revision*> down;           // versioned down revisions
    std::vector<Revision*> resolved_dependencies;
    std::vector<Revision*> normalized_dependencies;  // minus those an ancestor has
    std::vector<Revision*> normalized_down;          // down + normalized deps
    std::vector<Revision*> all_down;                 // down + resolved deps
    std::vector<Revision*> next;      // revisions whose Revises names this one
    std::vector<Revision*> all_next;  // ... or whose Depends On does
    std::size_t order = 0;            // position in file-name order

    bool is_head() const { return next.empty(); }
    bool is_real_head() const { return all_next.empty(); }
    bool is_base() const { return down_revisions.empty(); }
    bool is_real_base() const { return down_revisions.empty() && depends_on.empty(); }
    bool is_branch_point() const { return next.size() > 1; }
    bool is_real_branch_point() const { return all_next.size() > 1; }
    bool is_merge_point() const { return down_revisions.size() > 1; }
};

// The SQL of the sections of a native revision file, as its directives
// (docs/reference.md section 2) delimit them.
struct RevisionSections {
    std::string upgrade;
    std::string downgrade;
    // `transaction:false` on the directive: the section must run outside any
    // transaction block (docs/reference.md section 9).
    bool upgrade_transactional = true;
    bool downgrade_transactional = true;
    // The 1-based file line where each section's SQL starts (the line after
    // its directive), for errors that name a line of the file; 0 when the
    // file has no such section.
    std::size_t upgrade_line = 0;
    std::size_t downgrade_line = 0;
};

}  // namespace migrate
