#pragma once
// Which steps an upgrade, downgrade or stamp runs, in which order: Alembic's
// _upgrade_revs, _downgrade_revs and _stamp_revs, with their error messages.
#include <string>
#include <vector>

#include "revision_graph.hpp"

namespace migrate {

struct Step {
    enum class Kind { Upgrade, Downgrade, Stamp };
    Kind kind = Kind::Upgrade;
    Node revision = nullptr;  // Upgrade and Downgrade
    // Stamp only: the heads it moves from and to, as Alembic's StampStep.
    std::vector<std::string> stamp_from, stamp_to;
    bool stamp_is_upgrade = false;
    bool stamp_branch_move = false;

    bool is_upgrade() const { return kind == Kind::Upgrade || (kind == Kind::Stamp && stamp_is_upgrade); }
    // The ids on each side of the step, dependencies included (the version
    // table's view) or not (the log's view).
    std::vector<std::string> from_revisions() const;
    std::vector<std::string> to_revisions() const;
    std::vector<std::string> from_revisions_no_deps() const;
    std::vector<std::string> to_revisions_no_deps() const;
    // Alembic's log line without "Running ": "upgrade a -> b, message".
    std::string describe() const;
};

// docs/reference.md section 6: an empty or white-space target, or a part of
// one (a comma-separated item, a side of `@`), is an error, never a synonym
// of base or heads. Throws a Revision error; `target` is one side of a range.
void check_target(const std::string& target);

// `current` is the version table's rows; `target` the user's argument.
std::vector<Step> plan_upgrade(const RevisionGraph& graph, const std::vector<std::string>& current,
                               const std::string& target);
// `warnings` receives Alembic's warnings (a relative downgrade from several
// heads), which do not stop the plan.
std::vector<Step> plan_downgrade(const RevisionGraph& graph, const std::vector<std::string>& current,
                                 const std::string& target, std::vector<std::string>* warnings = nullptr);
std::vector<Step> plan_stamp(const RevisionGraph& graph, const std::vector<std::string>& current,
                             const std::vector<std::string>& targets);

// Revisions ordered so that each comes after its down revisions and
// dependencies, walking from `heads` (Alembic's _topological_sort; the result
// runs from the heads down).
std::vector<Node> topological_sort(const RevisionGraph& graph, const std::vector<Node>& revisions,
                                   const std::vector<Node>& heads);

}  // namespace migrate
