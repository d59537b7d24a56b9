#include "script_format.hpp"

#include "text.hpp"

namespace migrate::cli {
namespace {

std::string comma(const std::vector<std::string>& items) { return join(items, ", "); }

std::string down_revision(const Revision& rev) {
    return rev.down_revisions.empty() ? "<base>" : comma(rev.down_revisions);
}

std::vector<std::string> labels(const Revision& rev) { return {rev.branch_labels.begin(), rev.branch_labels.end()}; }

// The module docstring of a revision Alembic wrote, which is what a .py
// file holds and what a .sql file's header says in other words.
std::string longdoc(const Revision& rev) {
    std::string doc = rev.message;
    doc += "\n\nRevision ID: " + rev.id;
    doc += "\nRevises: " + comma(rev.down_revisions);
    doc += "\nCreate Date: " + rev.create_date;
    return doc;
}

}  // namespace

std::string head_only(const Revision& rev, const Indicators& how) {
    std::string text = rev.id;
    if (how.include_parents) {
        if (!rev.depends_on.empty())
            text = down_revision(rev) + " (" + comma(rev.depends_on) + ") -> " + text;
        else
            text = down_revision(rev) + " -> " + text;
    }
    if (how.include_branches && !rev.branch_labels.empty()) text += " (" + comma(labels(rev)) + ")";
    if (how.head_indicators || how.tree_indicators) {
        if (rev.is_real_head()) text += " (head)";
        if (rev.is_head() && !rev.is_real_head()) text += " (effective head)";
        if (how.current) text += " (current)";
    }
    if (how.tree_indicators) {
        if (rev.is_branch_point()) text += " (branchpoint)";
        if (rev.is_merge_point()) text += " (mergepoint)";
    }
    if (how.include_doc) text += ", " + rev.message;
    return text;
}

std::string log_entry(const Revision& rev, bool current) {
    std::string entry = "Rev: " + rev.id;
    if (rev.is_head()) entry += " (head)";
    if (rev.is_branch_point()) entry += " (branchpoint)";
    if (rev.is_merge_point()) entry += " (mergepoint)";
    if (current) entry += " (current)";
    entry += "\n";
    entry += (rev.is_merge_point() ? "Merges: " : "Parent: ") + down_revision(rev) + "\n";
    if (!rev.depends_on.empty()) entry += "Also depends on: " + comma(rev.depends_on) + "\n";
    if (rev.is_branch_point()) {
        std::vector<std::string> next;
        for (const Revision* n : rev.next) next.push_back(n->id);
        entry += "Branches into: " + comma(next) + "\n";
    }
    if (!rev.branch_labels.empty()) entry += "Branch names: " + comma(labels(rev)) + "\n";
    entry += "Path: " + rev.path + "\n\n";
    const std::string doc = longdoc(rev);
    for (auto line : lines(doc)) entry += "    " + std::string(line) + "\n";
    return entry;
}

std::string cmd_format(const Revision& rev, bool verbose, const Indicators& how) {
    return verbose ? log_entry(rev, how.current) : head_only(rev, how);
}

}  // namespace migrate::cli
