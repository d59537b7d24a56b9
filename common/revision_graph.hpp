#pragma once
// The revision graph of a script directory and Alembic's identifier grammar
// over it (alembic/script/revision.py is the reference for every rule here).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "error.hpp"
#include "revision.hpp"

namespace migrate {

// A position in the graph as Alembic's resolver returns it: a revision,
// `nullptr` for "base" (no revision), or kWalkedPastBase, the marker a
// downward walk returns when it steps below a base.
using Node = const Revision*;
extern const Node kWalkedPastBase;

// Alembic's resolver exceptions. The command layer (planner.cpp) turns them
// into the user-facing messages exactly as alembic.script.base does.
struct ResolutionError : Error {
    ResolutionError(const std::string& message, std::string argument)
        : Error(ErrorKind::Revision, message), argument(std::move(argument)) {}
    std::string argument;
};
struct MultipleHeads : Error {
    MultipleHeads(std::vector<std::string> heads, std::string argument);
    std::vector<std::string> heads;
    std::string argument;
};
struct RangeNotAncestor : Error {
    RangeNotAncestor(std::string lower, std::string upper);
    std::string lower, upper;
};

// An identifier argument: either one string as typed (`scalar`) or a tuple of
// ids such as the rows of the version table.
struct RevSpec {
    std::vector<std::string> ids;
    bool scalar = false;
    static RevSpec one(std::string id) { return {{std::move(id)}, true}; }
    static RevSpec many(std::vector<std::string> ids) { return {std::move(ids), false}; }
    std::string display() const;  // as Alembic prints it in range errors
};

class RevisionGraph {
public:
    // Validates the graph: duplicate ids, unknown parents and dependencies,
    // branch-label clashes, self-loops and cycles are errors naming the file.
    explicit RevisionGraph(std::vector<Revision> revisions);
    RevisionGraph(const RevisionGraph&) = delete;
    RevisionGraph& operator=(const RevisionGraph&) = delete;

    const std::vector<std::unique_ptr<Revision>>& revisions() const { return revisions_; }
    const std::vector<Node>& heads() const { return heads_; }            // by Revises only
    const std::vector<Node>& real_heads() const { return real_heads_; }  // also by Depends On
    const std::vector<Node>& bases() const { return bases_; }
    Node find(const std::string& id) const;  // exact id, or nullptr

    // Alembic's RevisionMap API, same names without the underscores.
    std::vector<Node> get_revisions(const std::string& id) const;
    std::vector<Node> get_revisions(const RevSpec& spec) const;
    Node get_revision(const std::string& id) const;
    Node resolve_branch(const std::string& label) const;
    std::optional<std::string> current_head(const std::string& branch_label) const;
    std::pair<std::vector<std::string>, std::string> resolve_revision_number(const std::string& id) const;
    std::vector<Node> filter_for_lineage(const std::vector<Node>& targets, const std::string& check_against,
                                         bool include_dependencies = false) const;
    bool shares_lineage(Node target, const std::vector<Node>& test_against, bool include_dependencies) const;
    Node walk(Node start, int steps, const std::string& branch_label, bool no_overwalk) const;

    // Ancestors or descendants of `targets` (themselves included), in
    // Alembic's visiting order. `check` rejects targets that contain each other.
    std::vector<Node> ancestors(const std::vector<Node>& targets, bool include_dependencies, bool check = false) const;
    std::vector<Node> descendants(const std::vector<Node>& targets, bool include_dependencies, bool check = false) const;

    std::vector<std::string> ids(const std::vector<Node>& nodes) const;

private:
    Node revision_for_ident(const std::string& id, const std::string& check_branch) const;
    Node lookup_key(const std::string& key) const;  // an id or a branch label
    template <typename Next>
    std::vector<Node> related(const std::vector<Node>& targets, Next next, bool check) const;

    void link();
    void map_branch_labels();
    void propagate_branch_labels();
    void normalize_dependencies();
    void detect_cycles() const;

    std::vector<std::unique_ptr<Revision>> revisions_;
    std::unordered_map<std::string, Revision*> by_id_;
    std::unordered_map<std::string, Revision*> by_label_;
    std::vector<std::string_view> sorted_keys_;  // ids and labels, for prefix search
    std::vector<Node> heads_, real_heads_, bases_, real_bases_;
};

}  // namespace migrate
