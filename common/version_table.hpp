#pragma once
// The version table: which rows each step inserts, updates or deletes
// (Alembic's HeadMaintainer), and the SQL that does it.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "database.hpp"
#include "planner.hpp"

namespace migrate {

struct VersionChange {
    enum class Kind { Insert, Delete, Update };
    Kind kind;
    std::string from;  // Delete, Update
    std::string to;    // Insert, Update
};

// The fewest row changes that turn the rows `from` into `to`: a removed and
// an added row pair up as one UPDATE, as a step's would.
std::vector<VersionChange> changes_between(std::vector<std::string> from, std::vector<std::string> to);

// Follows the applied heads through a run of steps.
class HeadTracker {
public:
    HeadTracker(const RevisionGraph& graph, std::vector<std::string> heads);
    // The row changes `step` makes, applied to the tracked heads.
    std::vector<VersionChange> apply(const Step& step);
    const std::vector<std::string>& heads() const { return heads_; }

private:
    bool has(const std::string& id) const;
    std::vector<std::string> unmerge_to_revisions(const Step& step);
    std::vector<std::string> not_below_other_heads(const std::vector<std::string>& revs,
                                                   const std::vector<std::string>& exclude);
    bool below_other_head(const std::string& id, const std::vector<std::string>& exclude);
    const std::unordered_set<Node>& applied();
    void insert(const std::string& id, std::vector<VersionChange>& out);
    void remove(const std::string& id, std::vector<VersionChange>& out);
    void update(const std::string& from, const std::string& to, std::vector<VersionChange>& out);

    const RevisionGraph& graph_;
    std::vector<std::string> heads_;
    std::unordered_map<std::string, std::size_t> places_;  // id -> its index in heads_
    // The heads and their ancestors, computed when first needed, then kept
    // up to date by upgrade and downgrade steps (a stamp recomputes it).
    std::unordered_set<Node> applied_;
    bool applied_known_ = false;
};

// The version table's statements spelled in one dialect: the online run's,
// or an offline script's, which may be the other engine's.
class VersionTableSql {
public:
    VersionTableSql(const SqlDialect& dialect, TableName name) : dialect_(dialect), name_(std::move(name)) {}
    const TableName& name() const { return name_; }
    std::string create(bool if_not_exists = false) const;
    std::string change(const VersionChange& change) const;

private:
    const SqlDialect& dialect_;
    TableName name_;
};

// The version table of one database, named by the settings.
class VersionTable {
public:
    VersionTable(Database& db, TableName name) : db_(db), sql_(db.dialect(), std::move(name)) {}
    bool exists() { return db_.table_exists(name()); }
    // The rows, sorted; empty when the table does not exist.
    std::vector<std::string> read();
    void create();
    // Deletes every row (stamp --purge).
    void clear();
    void apply(const VersionChange& change);
    const TableName& name() const { return sql_.name(); }
    const VersionTableSql& sql() const { return sql_; }

private:
    Database& db_;
    VersionTableSql sql_;
};

}  // namespace migrate
