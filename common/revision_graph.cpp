#include "revision_graph.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "text.hpp"

namespace migrate {
namespace {

const Revision walked_past_base_marker{};

std::string quoted_list(const std::vector<std::string>& items) {
    return join(items, ", ", [](const std::string& s) { return "'" + s + "'"; });
}

// Python's int() over the forms a revision argument can take: "-2", "+3", "12".
std::optional<long> as_integer(const std::string& s) {
    if (s.empty()) return std::nullopt;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size() || s.size() - i > 9) return std::nullopt;
    for (std::size_t j = i; j < s.size(); ++j)
        if (!is_ascii_digit(s[j])) return std::nullopt;
    return std::strtol(s.c_str(), nullptr, 10);
}

// The edges a walk follows from a revision, by reference: returned by value,
// each visited revision cost a copy (an allocation) of its list.
using Edges = std::vector<Revision*>;
const Edges& down_edges(Node r) { return r->down; }
const Edges& all_down_edges(Node r) { return r->all_down; }
const Edges& normalized_down_edges(Node r) { return r->normalized_down; }
const Edges& next_edges(Node r) { return r->next; }
const Edges& all_next_edges(Node r) { return r->all_next; }

}  // namespace

const Node kWalkedPastBase = &walked_past_base_marker;

MultipleHeads::MultipleHeads(std::vector<std::string> heads_, std::string argument_)
    : Error(ErrorKind::Revision, fmt::format("Multiple heads are present for given argument '{}'; {}", argument_,
                                             join(heads_, ", "))),
      heads(std::move(heads_)),
      argument(std::move(argument_)) {}

RangeNotAncestor::RangeNotAncestor(std::string lower_, std::string upper_)
    : Error(ErrorKind::Revision, fmt::format("Revision {} is not an ancestor of revision {}",
                                             lower_.empty() ? "base" : lower_, upper_.empty() ? "base" : upper_)),
      lower(std::move(lower_)),
      upper(std::move(upper_)) {}

std::string RevSpec::display() const {
    if (scalar) return ids.empty() ? std::string() : ids[0];
    if (ids.empty()) return {};
    if (ids.size() == 1) return "('" + ids[0] + "',)";
    return "(" + quoted_list(ids) + ")";
}

// ---- construction ------------------------------------------------------------

RevisionGraph::RevisionGraph(std::vector<Revision> revisions) {
    revisions_.reserve(revisions.size());
    by_id_.reserve(revisions.size() * 2);
    for (auto& source : revisions) {
        auto rev = std::make_unique<Revision>(std::move(source));
        rev->order = revisions_.size();
        if (contains(rev->down_revisions, rev->id))
            throw revision_error(
                fmt::format("Self-loop is detected in revisions ({}) (file {})", rev->id, rev->path));
        if (contains(rev->depends_on, rev->id))
            throw revision_error(
                fmt::format("Dependency self-loop is detected in revisions ({}) (file {})", rev->id, rev->path));
        auto [it, inserted] = by_id_.emplace(rev->id, rev.get());
        if (!inserted)
            throw revision_error(fmt::format("Revision {} is present more than once: in {} and in {}", rev->id,
                                             it->second->path, rev->path));
        rev->branch_labels.insert(rev->own_branch_labels.begin(), rev->own_branch_labels.end());
        revisions_.push_back(std::move(rev));
    }
    map_branch_labels();
    link();
    normalize_dependencies();
    detect_cycles();
    propagate_branch_labels();

    // Views of the maps' keys, which no longer change.
    sorted_keys_.reserve(by_id_.size() + by_label_.size());
    for (auto& [key, rev] : by_id_) sorted_keys_.push_back(key);
    for (auto& [key, rev] : by_label_) sorted_keys_.push_back(key);
    std::sort(sorted_keys_.begin(), sorted_keys_.end());
}

void RevisionGraph::map_branch_labels() {
    for (auto& rev : revisions_) {
        for (const auto& label : rev->own_branch_labels) {
            Node other = lookup_key(label);
            if (other)
                throw revision_error(fmt::format("Branch name '{}' in revision {} already used by revision {} (file {})",
                                                 label, rev->id, other->id, rev->path));
            by_label_.emplace(label, rev.get());
        }
    }
}

void RevisionGraph::link() {
    for (auto& rev : revisions_) {
        for (const auto& dep : rev->depends_on) {
            Revision* target = const_cast<Revision*>(lookup_key(dep));
            if (!target)
                throw revision_error(fmt::format("Revision {} referenced from {} is not present (Depends On of {})",
                                                 excerpt(dep), rev->id, rev->path));
            // a revision's own branch label: the constructor's id check cannot see it
            if (target == rev.get())
                throw revision_error(fmt::format("Dependency self-loop is detected in revisions ({}) (file {})",
                                                 rev->id, rev->path));
            if (!contains(rev->resolved_dependencies, target)) rev->resolved_dependencies.push_back(target);
        }
        for (const auto& down_id : rev->down_revisions) {
            auto it = by_id_.find(down_id);
            if (it == by_id_.end())
                throw revision_error(fmt::format("Revision {} referenced from {} is not present (Revises of {})",
                                                 excerpt(down_id), rev->id, rev->path));
            if (!contains(rev->down, it->second)) rev->down.push_back(it->second);
        }
        rev->all_down = rev->down;
        for (Revision* dep : rev->resolved_dependencies)
            if (!contains(rev->all_down, dep)) rev->all_down.push_back(dep);
        for (Revision* down : rev->all_down) {
            down->all_next.push_back(rev.get());
            if (contains(rev->down, down)) down->next.push_back(rev.get());
        }
    }
    for (auto& rev : revisions_) {
        if (rev->is_head()) heads_.push_back(rev.get());
        if (rev->is_real_head()) real_heads_.push_back(rev.get());
        if (rev->is_base()) bases_.push_back(rev.get());
        if (rev->is_real_base()) real_bases_.push_back(rev.get());
    }
}

// A dependency that an ancestor already depends on adds no edge of its own.
void RevisionGraph::normalize_dependencies() {
    for (auto& rev : revisions_) {
        if (rev->resolved_dependencies.empty()) {
            rev->normalized_down = rev->down;
            continue;
        }
        std::vector<Revision*> kept = rev->resolved_dependencies;
        for (Node ancestor : ancestors({rev.get()}, false)) {
            if (ancestor == rev.get()) continue;
            for (Revision* dep : ancestor->resolved_dependencies)
                kept.erase(std::remove(kept.begin(), kept.end(), dep), kept.end());
        }
        rev->normalized_dependencies = kept;
        rev->normalized_down = rev->down;
        for (Revision* dep : kept)
            if (!contains(rev->normalized_down, dep)) rev->normalized_down.push_back(dep);
    }
}

void RevisionGraph::detect_cycles() const {
    if (revisions_.empty()) return;
    auto check = [&](const std::vector<Node>& tops, const std::vector<Node>& bottoms, bool dependencies,
                     const char* kind) {
        std::vector<std::string> all;
        if (tops.empty() || bottoms.empty()) {
            for (auto& rev : revisions_) all.push_back(rev->id);
            throw revision_error(fmt::format("{} is detected in revisions ({})", kind, join(all, ", ")));
        }
        std::vector<char> from_top(revisions_.size()), from_bottom(revisions_.size());
        for (Node n : dependencies ? related(tops, all_down_edges, false)
                                   : related(tops, down_edges, false))
            from_top[n->order] = 1;
        for (Node n : dependencies ? related(bottoms, all_next_edges, false)
                                   : related(bottoms, next_edges, false))
            from_bottom[n->order] = 1;
        std::vector<std::string> cut_off;
        for (auto& rev : revisions_)
            if (!from_top[rev->order] || !from_bottom[rev->order]) cut_off.push_back(rev->id);
        if (!cut_off.empty()) {
            std::sort(cut_off.begin(), cut_off.end());
            throw revision_error(fmt::format("{} is detected in revisions ({})", kind, join(cut_off, ", ")));
        }
    };
    check(heads_, bases_, false, "Cycle");
    check(real_heads_, real_bases_, true, "Dependency cycle");
}

// A label reaches every descendant and, below the labelled revision, the
// ancestors down to the nearest branch or merge point.
void RevisionGraph::propagate_branch_labels() {
    for (auto& rev : revisions_) {
        if (rev->own_branch_labels.empty()) continue;
        Node last = rev.get();
        for (Node n : descendants({rev.get()}, false)) {
            const_cast<Revision*>(n)->branch_labels.insert(rev->own_branch_labels.begin(),
                                                           rev->own_branch_labels.end());
            last = n;
        }
        Revision* parent = const_cast<Revision*>(last);
        while (parent && !parent->is_real_branch_point() && !parent->is_merge_point()) {
            parent->branch_labels.insert(rev->own_branch_labels.begin(), rev->own_branch_labels.end());
            parent = parent->down.empty() ? nullptr : parent->down[0];
        }
    }
}

// ---- traversal -------------------------------------------------------------

template <typename Next>
std::vector<Node> RevisionGraph::related(const std::vector<Node>& targets, Next next, bool check) const {
    std::vector<Node> out;
    std::vector<char> seen(revisions_.size());
    std::vector<Node> todo;
    // check: each target's first place in `targets`, plus one, so that a walk
    // finds the other targets it reaches without a scan of them per revision
    std::vector<std::size_t> target_place;
    if (check) {
        target_place.assign(revisions_.size(), 0);
        for (std::size_t i = targets.size(); i-- > 0;)
            if (targets[i] && targets[i] != kWalkedPastBase) target_place[targets[i]->order] = i + 1;
    }
    for (Node target : targets) {
        if (!target || target == kWalkedPastBase) continue;
        std::vector<std::size_t> overlaps;
        todo.push_back(target);
        while (!todo.empty()) {
            Node rev = todo.back();
            todo.pop_back();
            if (check && rev != target && target_place[rev->order]) overlaps.push_back(target_place[rev->order]);
            if (seen[rev->order]) continue;
            seen[rev->order] = 1;
            for (Node n : next(rev)) todo.push_back(n);
            out.push_back(rev);
        }
        if (!overlaps.empty()) {
            std::sort(overlaps.begin(), overlaps.end());
            overlaps.erase(std::unique(overlaps.begin(), overlaps.end()), overlaps.end());
            auto id_at = [&](std::size_t place) { return targets[place - 1]->id; };
            throw revision_error(fmt::format("Requested revision {} overlaps with other requested revisions {}",
                                             target->id, join(overlaps, ", ", id_at)));
        }
    }
    return out;
}

std::vector<Node> RevisionGraph::ancestors(const std::vector<Node>& targets, bool include_dependencies,
                                           bool check) const {
    if (include_dependencies) return related(targets, normalized_down_edges, check);
    return related(targets, down_edges, check);
}

std::vector<Node> RevisionGraph::descendants(const std::vector<Node>& targets, bool include_dependencies,
                                             bool check) const {
    if (include_dependencies) return related(targets, all_next_edges, check);
    return related(targets, next_edges, check);
}

std::vector<std::string> RevisionGraph::ids(const std::vector<Node>& nodes) const {
    std::vector<std::string> out;
    for (Node n : nodes) out.push_back(n && n != kWalkedPastBase ? n->id : std::string());
    return out;
}

// ---- resolution ------------------------------------------------------------

Node RevisionGraph::find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

Node RevisionGraph::lookup_key(const std::string& key) const {
    if (Node n = find(key)) return n;
    auto it = by_label_.find(key);
    return it == by_label_.end() ? nullptr : it->second;
}

std::pair<std::vector<std::string>, std::string> RevisionGraph::resolve_revision_number(const std::string& arg) const {
    std::string id = arg;
    std::string branch_label;
    auto at = id.find('@');
    if (at != std::string::npos) {
        branch_label = id.substr(0, at);
        id = id.substr(at + 1);
    }
    if (id == "heads") {
        if (!branch_label.empty()) return {ids(filter_for_lineage(heads_, branch_label)), branch_label};
        return {ids(real_heads_), branch_label};
    }
    if (id == "head") {
        auto head = current_head(branch_label);
        if (head) return {{*head}, branch_label};
        return {{}, branch_label};
    }
    if (id == "base" || id.empty()) return {{}, branch_label};
    return {{id}, branch_label};
}

std::optional<std::string> RevisionGraph::current_head(const std::string& branch_label) const {
    std::vector<Node> candidates = heads_;
    if (!branch_label.empty()) candidates = filter_for_lineage(candidates, branch_label);
    if (candidates.size() > 1)
        throw MultipleHeads(ids(candidates), branch_label.empty() ? "head" : branch_label + "@head");
    if (candidates.empty()) return std::nullopt;
    return candidates[0]->id;
}

std::vector<Node> RevisionGraph::get_revisions(const RevSpec& spec) const {
    if (spec.scalar) return get_revisions(spec.ids.empty() ? std::string() : spec.ids[0]);
    std::vector<Node> out;
    for (const auto& id : spec.ids) {
        auto part = get_revisions(id);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

std::vector<Node> RevisionGraph::get_revisions(const std::string& id) const {
    auto [resolved, branch_label] = resolve_revision_number(id);
    if (resolved.size() == 1) {
        auto n = as_integer(resolved[0]);
        if (n && *n < 0) {
            // label@-n walks down from the heads of that branch
            std::vector<Node> out;
            for (Node head : real_heads_) {
                if (!branch_label.empty() && !head->branch_labels.count(branch_label)) continue;
                out.push_back(walk(head, static_cast<int>(*n), "", true));
            }
            return out;
        }
    }
    std::vector<Node> out;
    for (const auto& rid : resolved) out.push_back(revision_for_ident(rid, branch_label));
    return out;
}

Node RevisionGraph::get_revision(const std::string& id) const {
    auto [resolved, branch_label] = resolve_revision_number(id);
    if (resolved.size() > 1) throw MultipleHeads(resolved, id);
    return revision_for_ident(resolved.empty() ? std::string() : resolved[0], branch_label);
}

Node RevisionGraph::resolve_branch(const std::string& label) const {
    if (Node n = lookup_key(label)) return n;
    try {
        return revision_for_ident(label, "");
    } catch (const ResolutionError&) {
        throw ResolutionError(fmt::format("No such branch: '{}'", label), label);
    }
}

Node RevisionGraph::revision_for_ident(const std::string& id, const std::string& check_branch) const {
    Node branch_rev = check_branch.empty() ? nullptr : resolve_branch(check_branch);
    if (id.empty()) return nullptr;  // base
    Node revision = lookup_key(id);
    if (!revision) {
        // a unique prefix of an id or a label, over keys longer than three
        std::vector<std::string> matches;
        const auto& keys = sorted_keys_;
        for (auto it = std::lower_bound(keys.begin(), keys.end(), std::string_view(id));
             it != keys.end() && it->compare(0, id.size(), id) == 0; ++it)
            if (it->size() > 3) matches.emplace_back(*it);
        if (branch_rev) {
            std::vector<std::string> kept;
            for (const auto& m : matches)
                if (shares_lineage(lookup_key(m), {resolve_branch(check_branch)}, false)) kept.push_back(m);
            matches = kept;
        }
        if (matches.empty())
            throw ResolutionError(
                fmt::format("No such revision or branch '{}'{}", id,
                            id.size() < 4 ? "; please ensure at least four characters are present for partial "
                                            "revision identifier matches"
                                          : ""),
                id);
        if (matches.size() > 1) {
            matches.resize(std::min<std::size_t>(matches.size(), 3));
            throw ResolutionError(fmt::format("Multiple revisions start with '{}': {}...", id, quoted_list(matches)),
                                  id);
        }
        revision = lookup_key(matches[0]);
    }
    if (branch_rev && !shares_lineage(revision, {branch_rev}, false))
        throw ResolutionError(fmt::format("Revision {} is not a member of branch '{}'", revision->id, check_branch),
                              id);
    return revision;
}

std::vector<Node> RevisionGraph::filter_for_lineage(const std::vector<Node>& targets, const std::string& check_against,
                                                    bool include_dependencies) const {
    auto [resolved, branch_label] = resolve_revision_number(check_against);
    // Alembic resolves the ids only when comparing a target with them: with no
    // targets, `stamp -1` at base must not fail on the id "-1".
    if (targets.empty()) return {};
    std::vector<Node> shares;
    if (!branch_label.empty()) shares.push_back(revision_for_ident(branch_label, ""));
    for (const auto& id : resolved) shares.push_back(revision_for_ident(id, ""));
    std::vector<Node> out;
    for (Node target : targets)
        if (shares_lineage(target, shares, include_dependencies)) out.push_back(target);
    return out;
}

bool RevisionGraph::shares_lineage(Node target, const std::vector<Node>& test_against,
                                   bool include_dependencies) const {
    if (test_against.empty()) return true;
    if (!target) return false;
    for (Node n : descendants({target}, include_dependencies))
        if (contains(test_against, n)) return true;
    for (Node n : ancestors({target}, include_dependencies))
        if (contains(test_against, n)) return true;
    return false;
}

Node RevisionGraph::walk(Node start, int steps, const std::string& branch_label, bool no_overwalk) const {
    Node initial = start;
    for (int i = 0; i < std::abs(steps); ++i) {
        std::vector<Node> children;
        if (steps > 0) {
            if (initial == kWalkedPastBase) throw revision_error("Relative revision cannot walk up from below base");
            std::vector<Node> up;
            if (!initial) {
                up = bases_;
            } else {
                up.assign(initial->next.begin(), initial->next.end());
            }
            children = branch_label.empty() ? up : filter_for_lineage(up, branch_label);
        } else if (initial != kWalkedPastBase) {
            if (!initial) {
                children = heads_;
            } else {
                children.assign(initial->down.begin(), initial->down.end());
            }
            if (children.empty()) children.push_back(kWalkedPastBase);
        }
        if (children.empty()) return no_overwalk ? nullptr : initial;
        if (children.size() > 1) throw revision_error("Ambiguous walk");
        initial = children[0];
    }
    return initial;
}

}  // namespace migrate
