#include "version_table.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "sql_text.hpp"
#include "text.hpp"

namespace migrate {

HeadTracker::HeadTracker(const RevisionGraph& graph, std::vector<std::string> heads)
    : graph_(graph), heads_(std::move(heads)) {
    for (std::size_t i = 0; i < heads_.size(); ++i) places_[heads_[i]] = i;
}

bool HeadTracker::has(const std::string& id) const { return places_.count(id) != 0; }

void HeadTracker::insert(const std::string& id, std::vector<VersionChange>& out) {
    if (has(id)) throw Error(ErrorKind::Internal, fmt::format("revision {} is already in the version table", id));
    places_[id] = heads_.size();
    heads_.push_back(id);
    out.push_back({VersionChange::Kind::Insert, "", id});
}

void HeadTracker::remove(const std::string& id, std::vector<VersionChange>& out) {
    auto it = places_.find(id);
    if (it == places_.end()) throw Error(ErrorKind::Internal, fmt::format("revision {} is not in the version table", id));
    // the rows have no order: the last one takes the free place
    const std::size_t place = it->second;
    places_.erase(it);
    if (place + 1 != heads_.size()) {
        heads_[place] = std::move(heads_.back());
        places_[heads_[place]] = place;
    }
    heads_.pop_back();
    out.push_back({VersionChange::Kind::Delete, id, ""});
}

void HeadTracker::update(const std::string& from, const std::string& to, std::vector<VersionChange>& out) {
    if (has(to)) throw Error(ErrorKind::Internal, fmt::format("revision {} is already in the version table", to));
    auto it = places_.find(from);
    if (it == places_.end())
        throw Error(ErrorKind::Internal, fmt::format("revision {} is not in the version table", from));
    const std::size_t place = it->second;
    places_.erase(it);
    heads_[place] = to;
    places_[to] = place;
    out.push_back({VersionChange::Kind::Update, from, to});
}

// `revs` less those that are ancestors of a head not in `exclude`.
std::vector<std::string> HeadTracker::not_below_other_heads(const std::vector<std::string>& revs,
                                                            const std::vector<std::string>& exclude) {
    std::vector<std::string> out;
    for (const auto& r : revs)
        if (!below_other_head(r, exclude)) out.push_back(r);
    return out;
}

// A walk down from `id` through applied revisions only: a path to a head
// runs through its ancestors, all applied, and an applied revision with no
// applied descendant is a head, so the walk meets a head within a few steps
// instead of collecting every ancestor of every head at every step.
bool HeadTracker::below_other_head(const std::string& id, const std::vector<std::string>& exclude) {
    const auto& applied_revisions = applied();
    std::vector<Node> stack{graph_.find(id)};
    std::unordered_set<Node> seen;
    while (!stack.empty()) {
        Node n = stack.back();
        stack.pop_back();
        if (!n || !seen.insert(n).second) continue;
        if (has(n->id) && !contains(exclude, n->id)) return true;
        for (Node next : n->all_next)
            if (applied_revisions.count(next)) stack.push_back(next);
    }
    return false;
}

const std::unordered_set<Node>& HeadTracker::applied() {
    if (!applied_known_) {
        std::vector<Node> heads;
        for (const auto& h : heads_)
            if (Node n = graph_.find(h)) heads.push_back(n);
        auto ancestors = graph_.ancestors(heads, true);
        applied_ = std::unordered_set<Node>(ancestors.begin(), ancestors.end());
        applied_known_ = true;
    }
    return applied_;
}

std::vector<std::string> HeadTracker::unmerge_to_revisions(const Step& step) {
    return not_below_other_heads(step.to_revisions(), {step.revision->id});
}

std::vector<VersionChange> HeadTracker::apply(const Step& step) {
    std::vector<VersionChange> out;
    const bool is_stamp = step.kind == Step::Kind::Stamp;
    const auto from = step.from_revisions();
    const auto to = step.to_revisions();

    bool delete_branch, create_branch, merge, unmerge;
    if (is_stamp) {
        auto missing = [&](const std::vector<std::string>& ids) {
            return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return !has(id); });
        };
        delete_branch = !step.stamp_is_upgrade && step.stamp_branch_move;
        create_branch = step.stamp_is_upgrade && (step.stamp_branch_move || missing(from)) && missing(to);
        merge = from.size() > 1;
        unmerge = to.size() > 1;
    } else {
        const auto& downs = step.revision->normalized_down;
        const std::string& id = step.revision->id;
        std::size_t present = 0;
        for (auto* d : downs) present += has(d->id) ? 1 : 0;
        if (step.kind == Step::Kind::Downgrade) {
            delete_branch = has(id) && (downs.empty() || unmerge_to_revisions(step).empty());
            create_branch = merge = false;
            unmerge = has(id) && downs.size() > 1;
        } else {
            delete_branch = unmerge = false;
            create_branch = downs.empty() || present == 0;
            merge = downs.size() > 1 && present > 1;
        }
    }

    if (delete_branch) {
        remove(from.at(0), out);
    } else if (create_branch) {
        insert(to.at(0), out);
    } else if (merge) {
        auto merging = is_stamp ? from : not_below_other_heads(from, from);
        // a merge that also revises (or depends on) an ancestor of another of
        // its parents has no row for that one; Alembic fails with a KeyError
        for (const auto& id : merging)
            if (!is_stamp && !has(id))
                throw Error(ErrorKind::Revision,
                            fmt::format("Can't upgrade to {}: {} has no row in the version table to merge, as it is "
                                        "an ancestor of another revision {} merges",
                                        step.revision->id, id, step.revision->id));
        for (std::size_t i = 0; i + 1 < merging.size(); ++i) remove(merging[i], out);
        update(merging.back(), to.at(0), out);
    } else if (unmerge) {
        auto targets = is_stamp ? to : unmerge_to_revisions(step);
        for (std::size_t i = 0; i + 1 < targets.size(); ++i) insert(targets[i], out);
        update(from.at(0), targets.back(), out);
    } else if (is_stamp) {
        // Alembic asserts here; it happens when a stamp names a revision twice
        if (from.size() != 1 || to.size() != 1)
            throw Error(ErrorKind::Revision,
                        fmt::format("Can't stamp ({}) -> ({}): no single version row to update; is a revision "
                                    "named twice in the stamp target?",
                                    join(from, ", "), join(to, ", ")));
        update(from[0], to[0], out);
    } else {
        std::string down;
        const auto& downs = step.revision->normalized_down;
        if (downs.size() == 1) {
            down = downs[0]->id;
        } else {
            std::vector<std::string> present;
            for (auto* d : downs)
                if (has(d->id)) present.push_back(d->id);
            if (present.size() != 1)
                throw Error(ErrorKind::Revision,
                            fmt::format("Can't do an UPDATE because downrevision is ambiguous (revision {})",
                                        step.revision->id));
            down = present[0];
        }
        if (step.kind == Step::Kind::Upgrade)
            update(down, step.revision->id, out);
        else
            update(step.revision->id, down, out);
    }
    if (applied_known_) {
        if (is_stamp)
            applied_known_ = false;
        else if (step.kind == Step::Kind::Upgrade)
            applied_.insert(step.revision);
        else
            applied_.erase(step.revision);
    }
    return out;
}

std::vector<std::string> VersionTable::read() {
    if (!exists()) return {};
    std::vector<std::string> out;
    for (auto& row : db_.query(fmt::format("SELECT version_num FROM {}", db_.qualified(name())))) {
        if (!row.empty() && row[0]) out.push_back(*row[0]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<VersionChange> changes_between(std::vector<std::string> from, std::vector<std::string> to) {
    std::sort(from.begin(), from.end());
    std::sort(to.begin(), to.end());
    std::vector<std::string> removed, added;
    std::set_difference(from.begin(), from.end(), to.begin(), to.end(), std::back_inserter(removed));
    std::set_difference(to.begin(), to.end(), from.begin(), from.end(), std::back_inserter(added));
    std::vector<VersionChange> out;
    const std::size_t paired = std::min(removed.size(), added.size());
    for (std::size_t i = 0; i < paired; ++i) out.push_back({VersionChange::Kind::Update, removed[i], added[i]});
    for (std::size_t i = paired; i < removed.size(); ++i) out.push_back({VersionChange::Kind::Delete, removed[i], ""});
    for (std::size_t i = paired; i < added.size(); ++i) out.push_back({VersionChange::Kind::Insert, "", added[i]});
    return out;
}

std::string VersionTableSql::create(bool if_not_exists) const {
    return fmt::format(
        "CREATE TABLE {}{} (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT {} PRIMARY KEY (version_num)\n)",
        if_not_exists ? "IF NOT EXISTS " : "", dialect_.qualified(name_), dialect_.quote_identifier(name_.name + "_pkc"));
}

void VersionTable::create() { db_.execute(sql_.create()); }

void VersionTable::clear() { db_.execute(fmt::format("DELETE FROM {}", db_.qualified(name()))); }

std::string VersionTableSql::change(const VersionChange& change) const {
    const SqlDialect& d = dialect_;
    const std::string table = d.qualified(name_);
    switch (change.kind) {
        case VersionChange::Kind::Insert:
            return fmt::format("INSERT INTO {} (version_num) VALUES ({})", table, d.quote_literal(change.to));
        case VersionChange::Kind::Delete:
            return fmt::format("DELETE FROM {} WHERE {}.version_num = {}", table, table, d.quote_literal(change.from));
        case VersionChange::Kind::Update:
            return fmt::format("UPDATE {} SET version_num={} WHERE {}.version_num = {}", table,
                               d.quote_literal(change.to), table, d.quote_literal(change.from));
    }
    return {};
}

void VersionTable::apply(const VersionChange& change) {
    if (change.kind == VersionChange::Kind::Insert) {
        db_.execute(sql_.change(change));
        return;
    }
    // Alembic checks that each UPDATE and DELETE hit exactly one row.
    auto rows = db_.query(sql_.change(change) + " RETURNING version_num");
    if (rows.size() != 1) {
        const std::string table = name().schema.empty() ? name().name : name().schema + "." + name().name;
        if (change.kind == VersionChange::Kind::Delete)
            throw Error(ErrorKind::Revision,
                        fmt::format("Online migration expected to match one row when deleting '{}' in '{}'; {} found",
                                    change.from, table, rows.size()));
        throw Error(ErrorKind::Revision,
                    fmt::format("Online migration expected to match one row when updating '{}' to '{}' in '{}'; {} "
                                "found",
                                change.from, change.to, table, rows.size()));
    }
}

}  // namespace migrate
