#include "planner.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "command_errors.hpp"
#include "text.hpp"

namespace migrate {
namespace {

std::vector<std::string> ids_of(const std::vector<Revision*>& revs) {
    std::vector<std::string> out;
    for (auto* r : revs) out.push_back(r->id);
    return out;
}

// Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, matched at the start of a target.
struct RelativeTarget {
    std::string branch_label;  // empty: none
    std::string symbol;        // empty: none
    std::string relative;      // "+2", "-1"
    int steps() const { return std::stoi(relative); }
};

std::optional<RelativeTarget> match_relative(const std::string& s) {
    auto is_word = [](char c) { return is_ascii_alnum(c) || c == '_'; };
    auto rest_at = [&](std::size_t i) -> std::optional<RelativeTarget> {
        std::size_t j = i;
        while (j < s.size() && is_word(s[j])) ++j;
        if (j + 1 >= s.size() || (s[j] != '+' && s[j] != '-') || !is_ascii_digit(s[j + 1]))
            return std::nullopt;
        std::size_t k = j + 1;
        while (k < s.size() && is_ascii_digit(s[k])) ++k;
        if (k - j > 9) return std::nullopt;
        return RelativeTarget{"", s.substr(i, j - i), s.substr(j, k - j)};
    };
    for (std::size_t at = s.find('@', 1); at != std::string::npos; at = s.find('@', at + 1)) {
        if (s.find('\n') < at) break;
        if (auto m = rest_at(at + 1)) {
            m->branch_label = s.substr(0, at);
            return m;
        }
    }
    return rest_at(0);
}

// Alembic's util.warn text; it then goes down the first row's branch.
constexpr const char* kAmbiguousRelativeDowngrade =
    "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.";

std::string didnt_produce(const std::string& relative, int steps) {
    return fmt::format("Relative revision {} didn't produce {} migrations", relative, std::abs(steps));
}

Node require_revision(Node n, const std::string& target) {
    if (!n || n == kWalkedPastBase)
        throw revision_error(fmt::format("Relative revision {} walked past the end of the revision graph", target));
    return n;
}

// The message spells out the whole argument, which can be thousands of
// version-table rows: it is built only for the error.
void require_revisions(const std::vector<Node>& nodes, const RevSpec& spec) {
    for (Node n : nodes)
        if (!n || n == kWalkedPastBase) require_revision(n, spec.display());
}

// Alembic's _parse_downgrade_target: the branch label and the revision a
// downgrade goes to (nullptr: base).
std::pair<std::string, Node> parse_downgrade_target(const RevisionGraph& g, const RevSpec& current,
                                                    const std::string& target, bool assert_relative_length,
                                                    std::vector<std::string>& warnings) {
    if (auto m = match_relative(target)) {
        int rel = m->steps();
        if (rel >= 0) {
            if (m->symbol.empty()) throw revision_error(didnt_produce(m->relative, rel));
            Node rev = g.walk(g.get_revision(m->symbol), rel, m->branch_label, assert_relative_length);
            if (!rev) throw revision_error("Walked too far");
            return {m->branch_label, rev};
        }
        std::string label = m->branch_label;
        std::string symbol = m->symbol;
        bool relative_to_current = symbol.empty();
        if (relative_to_current) {
            if (!label.empty()) {
                std::vector<Node> current_revs = g.get_revisions(current);
                auto on_branch = g.filter_for_lineage(current_revs, label);
                if (on_branch.empty()) {
                    // every other branch head may depend on the single current head
                    auto all_current = g.ancestors(current_revs, true);
                    all_current.insert(all_current.end(), current_revs.begin(), current_revs.end());
                    std::vector<Node> tips;
                    for (Node n : all_current) {
                        bool has_descendant = false;
                        for (Node d : g.descendants({n}, false))
                            if (d != n && contains(all_current, d)) has_descendant = true;
                        if (!has_descendant && !contains(tips, n)) tips.push_back(n);
                    }
                    on_branch = g.filter_for_lineage(tips, label);
                }
                if (on_branch.size() != 1)
                    throw revision_error(fmt::format(
                        "Relative revision {} is ambiguous: {} current revisions are on branch '{}'", target,
                        on_branch.size(), label));
                symbol = on_branch[0]->id;
            } else {
                if (current.ids.empty()) throw revision_error(didnt_produce(m->relative, rel));
                if (std::set<std::string>(current.ids.begin(), current.ids.end()).size() > 1)
                    warnings.push_back(kAmbiguousRelativeDowngrade);
                symbol = current.ids[0];
                label = symbol;  // restrict the walk to the selected branch
            }
        }
        Node start = label.empty() ? g.get_revision(symbol) : g.get_revision(label + "@" + symbol);
        Node rev = g.walk(start, rel, "", assert_relative_length);
        if (!rev) throw revision_error(relative_to_current ? didnt_produce(m->relative, rel) : "Walked too far");
        return {label, rev};
    }
    auto at = target.rfind('@');
    std::string label = at == std::string::npos ? std::string() : target.substr(0, at);
    std::string symbol = at == std::string::npos ? target : target.substr(at + 1);
    return {label, g.get_revision(symbol)};
}

// Alembic's _parse_upgrade_target.
std::vector<Node> parse_upgrade_target(const RevisionGraph& g, const RevSpec& current, const std::string& target,
                                       bool assert_relative_length) {
    auto m = match_relative(target);
    if (!m) return g.get_revisions(target);
    int rel = m->steps();
    if (rel > 0) {
        if (!m->symbol.empty())
            return {g.walk(g.get_revision(m->symbol), rel, m->branch_label, assert_relative_length)};
        std::vector<Node> start_revs;
        if (current.ids.empty()) {
            start_revs.push_back(nullptr);
        } else if (m->branch_label.empty()) {
            for (const auto& id : current.ids) start_revs.push_back(g.get_revision(id));
        } else {
            std::vector<Node> current_revs = g.get_revisions(current);
            start_revs = g.filter_for_lineage(current_revs, m->branch_label);
            if (start_revs.empty()) {
                // the branch has no current head: start from its newest
                // applied revision, or from base
                auto active = g.filter_for_lineage(g.ancestors(current_revs, true), m->branch_label);
                for (Node n : active) {
                    bool below_another = false;
                    for (Node other : active)
                        if (contains(other->normalized_down, const_cast<Revision*>(n))) below_another = true;
                    if (!below_another) start_revs.push_back(n);
                }
                if (start_revs.empty()) start_revs.push_back(nullptr);
            }
        }
        if (start_revs.size() > 1) throw revision_error("Ambiguous upgrade from multiple current revisions");
        Node rev = g.walk(start_revs[0], rel, m->branch_label, assert_relative_length);
        if (!rev) throw revision_error(didnt_produce(m->relative, rel));
        return {rev};
    }
    if (m->symbol.empty()) throw revision_error(didnt_produce(std::to_string(rel), rel));
    Node start =
        m->branch_label.empty() ? g.get_revision(m->symbol) : g.get_revision(m->branch_label + "@" + m->symbol);
    return {g.walk(start, rel, "", assert_relative_length)};
}

std::vector<Node> collect_upgrade(const RevisionGraph& g, const std::string& upper, const RevSpec& lower,
                                  std::vector<Node>& targets) {
    targets.clear();
    for (Node n : parse_upgrade_target(g, lower, upper, true)) targets.push_back(require_revision(n, upper));
    auto required = g.ancestors(targets, true, true);
    std::vector<char> in_required(g.revisions().size());
    for (Node n : required) in_required[n->order] = 1;
    for (Node n : targets) in_required[n->order] = 1;

    std::vector<Node> current = g.get_revisions(lower);
    require_revisions(current, lower);
    std::vector<char> in_current(g.revisions().size());
    for (Node n : g.ancestors(current, true, true)) in_current[n->order] = 1;
    std::vector<Node> needs;
    for (auto& rev : g.revisions())
        if (in_required[rev->order] && !in_current[rev->order]) needs.push_back(rev.get());
    return needs;
}

std::vector<Node> collect_downgrade(const RevisionGraph& g, const RevSpec& upper, const std::string& target,
                                    std::vector<Node>& heads, std::vector<std::string>& warnings) {
    auto [branch_label, target_rev] = parse_downgrade_target(g, upper, target, true, warnings);
    if (target_rev == kWalkedPastBase) target_rev = nullptr;
    std::vector<Node> roots;
    if (!target_rev) {
        for (auto& rev : g.revisions())
            if (rev->is_base()) roots.push_back(rev.get());
    } else {
        roots.assign(target_rev->next.begin(), target_rev->next.end());
    }
    if (!branch_label.empty() && roots.size() > 1) {
        auto on_branch = g.ancestors({g.resolve_branch(branch_label)}, false);
        std::vector<Node> kept;
        for (Node r : roots)
            if (contains(on_branch, r)) kept.push_back(r);
        roots = kept;
        if (roots.empty()) throw revision_error("Not a valid downgrade target from current heads");
    }
    heads = g.get_revisions(upper);
    require_revisions(heads, upper);
    std::vector<char> active(g.revisions().size());
    for (Node n : g.ancestors(heads, true)) active[n->order] = 1;
    std::vector<Node> drop;
    for (Node n : g.descendants(roots, true))
        if (active[n->order]) drop.push_back(n);
    if (target_rev && drop.empty() && !contains(heads, target_rev)) throw RangeNotAncestor("Nothing to drop", upper.display());
    return drop;
}

Step revision_step(Step::Kind kind, Node rev) {
    Step s;
    s.kind = kind;
    s.revision = rev;
    return s;
}

Step stamp_step(std::vector<std::string> from, std::vector<std::string> to, bool is_upgrade, bool branch_move) {
    Step s;
    s.kind = Step::Kind::Stamp;
    s.stamp_from = std::move(from);
    s.stamp_to = std::move(to);
    s.stamp_is_upgrade = is_upgrade;
    s.stamp_branch_move = branch_move;
    return s;
}

// The version table must hold full ids. A row that only resolves to one (a
// prefix, a label, "heads") would be planned from, but the step's row change
// could not find it: Alembic fails there with a KeyError, and a step that
// inserts leaves the stale row behind. Rows that resolve to nothing fail in
// the plan itself, with Alembic's message.
void require_id_rows(const RevisionGraph& g, const std::vector<std::string>& current) {
    for (const auto& row : current) {
        if (g.find(row)) continue;
        std::vector<Node> resolved;
        try {
            resolved = g.get_revisions(row);
        } catch (const Error&) {
            continue;
        }
        std::vector<std::string> ids;
        for (Node n : resolved)
            if (n && n != kWalkedPastBase) ids.push_back(n->id);
        if (!ids.empty())
            throw revision_error(fmt::format(
                "The version table holds '{}', which is not a revision id (it resolves to {}); correct the row",
                row, join(ids, ", ")));
    }
}

}  // namespace

std::vector<std::string> Step::from_revisions() const {
    switch (kind) {
        case Kind::Upgrade: return ids_of(revision->normalized_down);
        case Kind::Downgrade: return {revision->id};
        case Kind::Stamp: return stamp_from;
    }
    return {};
}

std::vector<std::string> Step::to_revisions() const {
    switch (kind) {
        case Kind::Upgrade: return {revision->id};
        case Kind::Downgrade: return ids_of(revision->normalized_down);
        case Kind::Stamp: return stamp_to;
    }
    return {};
}

std::vector<std::string> Step::from_revisions_no_deps() const {
    if (kind == Kind::Upgrade) return revision->down_revisions;
    return from_revisions();
}

std::vector<std::string> Step::to_revisions_no_deps() const {
    if (kind == Kind::Downgrade) return revision->down_revisions;
    return to_revisions();
}

std::string Step::describe() const {
    const char* name = kind == Kind::Upgrade ? "upgrade" : kind == Kind::Downgrade ? "downgrade" : "stamp_revision";
    std::string line = fmt::format("{} {} -> {}", name, join(from_revisions_no_deps(), ", "),
                                   join(to_revisions_no_deps(), ", "));
    if (kind != Kind::Stamp && !revision->message.empty()) line += ", " + revision->message;
    return line;
}

// Alembic's _topological_sort walks down from the heads, one slot per head in
// a list; a slot emits its head only when no other slot still has that
// revision among its ancestors, else the first such slot walks first. Alembic
// keeps each slot's ancestor set and scans them all at every step, which
// costs heads x revisions in time and memory. A slot's set is always the
// ancestors of its head (walking down a plain line drops only the revision
// just emitted), so here a count per revision of the slots holding it answers
// "does another slot hold it?", and only when one does is the first such slot
// found, by walking up from the revision to the slot heads above it.
std::vector<Node> topological_sort(const RevisionGraph& g, const std::vector<Node>& revisions,
                                   const std::vector<Node>& heads) {
    const std::size_t n = g.revisions().size();
    std::vector<char> todo(n);
    std::size_t remaining = 0;
    for (Node r : revisions)
        if (!todo[r->order]) {
            todo[r->order] = 1;
            ++remaining;
        }

    // A walk marks what it visited with its own number: no clearing per walk.
    std::vector<std::uint32_t> visited(n);
    std::uint32_t walk = 0;
    std::vector<Node> stack;
    // Ancestors through normalized_down, as Alembic's; all_next reaches the
    // same revisions upwards (a dependency dropped by normalization is
    // reached through the ancestor that keeps it).
    auto visit = [&](Node start, bool up, auto&& admit, auto&& fn) {
        ++walk;
        visited[start->order] = walk;
        stack.assign(1, start);
        while (!stack.empty()) {
            Node rev = stack.back();
            stack.pop_back();
            fn(rev);
            auto step = [&](Node next) {
                if (visited[next->order] != walk && admit(next)) {
                    visited[next->order] = walk;
                    stack.push_back(next);
                }
            };
            if (up)
                for (Node next : rev->all_next) step(next);
            else
                for (Node next : rev->normalized_down) step(next);
        }
    };

    // A slot's key is its place in Alembic's list: slots leave the list or
    // join at its end, so the keys' order stays the list's order.
    std::map<std::size_t, Node> slots;       // key -> head
    std::vector<std::size_t> slot_of(n);     // revision -> key + 1 of the slot it heads, 0: none
    std::vector<std::size_t> holding(n);     // revision -> how many slots hold it among their ancestors
    auto all = [](Node) { return true; };
    auto hold = [&](std::size_t key, Node head) {
        slots[key] = head;
        slot_of[head->order] = key + 1;
        visit(head, false, all, [&](Node a) { ++holding[a->order]; });
    };
    auto release = [&](std::size_t key) {
        Node head = slots[key];
        slot_of[head->order] = 0;
        visit(head, false, all, [&](Node a) { --holding[a->order]; });
    };
    // The first slot other than the candidate's own whose head lies above it.
    auto first_slot_above = [&](Node candidate) {
        std::size_t first = std::numeric_limits<std::size_t>::max();
        visit(candidate, true, [&](Node r) { return holding[r->order] != 0; }, [&](Node r) {
            if (r != candidate && slot_of[r->order]) first = std::min(first, slot_of[r->order] - 1);
        });
        return first;
    };

    std::vector<Node> initial;
    std::vector<char> listed(n);
    for (Node h : heads)
        if (h && h != kWalkedPastBase && todo[h->order] && !listed[h->order]) {
            listed[h->order] = 1;
            initial.push_back(h);
        }
    std::sort(initial.begin(), initial.end(), [](Node a, Node b) { return a->order < b->order; });
    std::size_t next_key = 0;
    for (Node h : initial) hold(next_key++, h);

    std::vector<Node> output;
    output.reserve(remaining);
    auto current = slots.begin();
    while (!slots.empty()) {
        Node candidate = current->second;
        if (holding[candidate->order] > 1) {
            // another head still needs this one below it: walk that one first
            current = slots.find(first_slot_above(candidate));
            continue;
        }
        if (todo[candidate->order]) {
            output.push_back(candidate);
            todo[candidate->order] = 0;
            --remaining;
        }
        std::vector<Node> to_add;
        for (Node d : candidate->normalized_down)
            if (todo[d->order] && !slot_of[d->order]) to_add.push_back(d);
        if (to_add.empty()) {
            // as Alembic, the slot before the removed one goes next (or the new first)
            release(current->first);
            const bool was_first = current == slots.begin();
            auto previous = was_first ? slots.end() : std::prev(current);
            slots.erase(current);
            current = was_first ? slots.begin() : previous;
        } else if (candidate->normalized_dependencies.empty() && candidate->down.size() == 1) {
            --holding[candidate->order];
            slot_of[candidate->order] = 0;
            slot_of[to_add[0]->order] = current->first + 1;
            current->second = to_add[0];
        } else {
            const std::size_t key = current->first;
            release(key);
            hold(key, to_add[0]);
            for (std::size_t k = 1; k < to_add.size(); ++k) hold(next_key++, to_add[k]);
        }
    }
    if (remaining != 0) throw Error(ErrorKind::Internal, "topological sort left revisions unordered");
    return output;
}

void check_target(const std::string& target) {
    if (trim(target).empty())
        throw revision_error(fmt::format("An empty target revision ('{}') is not allowed; give a revision id, "
                                         "'head', 'heads' or 'base'",
                                         printable(target)));
    for (auto item : split(target, ',')) {
        auto part = trim(item);
        if (part.empty())
            throw revision_error(fmt::format("Empty revision in the target list '{}'", printable(target)));
        auto at = part.find('@');
        if (at == std::string_view::npos) continue;
        // As Alembic resolves "x@": the label alone, which names no revision.
        if (trim(part.substr(at + 1)).empty())
            throw revision_error(fmt::format("Can't locate revision identified by '{}'", printable(part.substr(0, at))));
        if (trim(part.substr(0, at)).empty())
            throw revision_error(fmt::format("Can't locate revision identified by '{}': no branch label before '@'",
                                             printable(part)));
    }
}

std::vector<Step> plan_upgrade(const RevisionGraph& g, const std::vector<std::string>& current,
                               const std::string& target) {
    require_id_rows(g, current);
    return with_command_errors(
        "Destination {end} is not a valid upgrade target from current head(s)", "", target, [&] {
            std::vector<Node> targets;
            auto needs = collect_upgrade(g, target, RevSpec::many(current), targets);
            auto order = topological_sort(g, needs, targets);
            std::vector<Step> steps;
            for (auto it = order.rbegin(); it != order.rend(); ++it)
                steps.push_back(revision_step(Step::Kind::Upgrade, *it));
            return steps;
        });
}

std::vector<Step> plan_downgrade(const RevisionGraph& g, const std::vector<std::string>& current,
                                 const std::string& target, std::vector<std::string>* warnings) {
    require_id_rows(g, current);
    std::vector<std::string> ignored;
    return with_command_errors(
        "Destination {end} is not a valid downgrade target from current head(s)", "", target, [&] {
            std::vector<Node> heads;
            auto drop = collect_downgrade(g, RevSpec::many(current), target, heads, warnings ? *warnings : ignored);
            std::vector<Step> steps;
            for (Node n : topological_sort(g, drop, heads)) steps.push_back(revision_step(Step::Kind::Downgrade, n));
            return steps;
        });
}

std::vector<Step> plan_stamp(const RevisionGraph& g, const std::vector<std::string>& current,
                             const std::vector<std::string>& targets) {
    require_id_rows(g, current);
    return with_command_errors(
        "", "Multiple heads are present; please specify a single target revision", "", [&] {
            std::vector<Node> heads = g.get_revisions(RevSpec::many(current));
            std::vector<Node> filtered;
            for (const auto& t : targets) {
                if (t.empty()) continue;
                for (Node h : g.filter_for_lineage(heads, t, true))
                    if (!contains(filtered, h)) filtered.push_back(h);
            }
            std::vector<std::string> filtered_ids;
            for (Node h : filtered) filtered_ids.push_back(h->id);

            std::vector<Node> dests;
            for (const auto& t : targets) {
                for (Node n : g.get_revisions(t)) {
                    // Alembic fails with an AssertionError on a walk below a base
                    if (n == kWalkedPastBase)
                        throw revision_error(
                            fmt::format("Relative revision {} walked past the end of the revision graph", t));
                    dests.push_back(n);
                }
            }
            if (dests.empty()) dests.push_back(nullptr);
            std::vector<Step> steps;
            bool heads_moved = false;  // a step already replaced the rows in `filtered`
            std::vector<Node> stamped;
            for (Node dest : dests) {
                if (!dest) {
                    for (Node h : filtered) steps.push_back(stamp_step({h->id}, {}, false, true));
                    continue;
                }
                if (contains(filtered, dest)) continue;
                // Alembic asserts or fails with a KeyError: the second step
                // would move rows the first one already moved
                if (contains(stamped, dest))
                    throw revision_error(fmt::format("Can't stamp {}: the stamp target ({}) reaches it more than once",
                                                     dest->id, join(targets, ", ")));
                stamped.push_back(dest);
                auto below = g.descendants({dest}, true);
                auto above = g.ancestors({dest}, true);
                bool heads_above = std::any_of(filtered.begin(), filtered.end(),
                                               [&](Node h) { return contains(below, h); });
                bool heads_below = std::any_of(filtered.begin(), filtered.end(),
                                               [&](Node h) { return contains(above, h); });
                // Alembic asserts here: the rows hold an ancestor and a descendant
                if (heads_above && heads_below)
                    throw revision_error(fmt::format(
                        "Can't stamp {}: the version table holds revisions both above and below it ({})", dest->id,
                        join(filtered_ids, ", ")));
                if (heads_above) {
                    // Alembic fails with a KeyError: an earlier target already
                    // took these rows, so there is nothing left to move down.
                    if (heads_moved)
                        throw revision_error(fmt::format(
                            "Can't stamp {}: another target of this stamp already replaces {} in the version "
                            "table; stamp the targets one at a time",
                            dest->id, join(filtered_ids, ", ")));
                    steps.push_back(stamp_step(filtered_ids, {dest->id}, false, false));
                    heads_moved = true;
                } else if (heads_below) {
                    steps.push_back(stamp_step(filtered_ids, {dest->id}, true, false));
                    heads_moved = true;
                } else {
                    steps.push_back(stamp_step({}, {dest->id}, true, true));
                }
            }
            return steps;
        });
}

}  // namespace migrate
