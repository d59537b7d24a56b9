#pragma once
// The audit log beside the version table (`<version_table>_log`): one row per
// step run, written in the step's transaction. Alembic never reads it.
#include <map>
#include <optional>
#include <string>

#include "database.hpp"
#include "planner.hpp"

namespace migrate {

struct LogEntry {
    std::string direction;  // upgrade, downgrade or stamp
    std::string revision;   // the revision the step ran (stamps: the revisions stamped)
    std::string from_revisions, to_revisions;
    std::string message;
    std::optional<std::string> checksum;  // SHA-256 of the section that ran
    std::optional<double> duration_ms;    // unknown in offline scripts
    std::string applied_at;               // UTC, when the step ended; empty: when the statement runs (offline)
};

// The log row of `step`; `sql` is the section it ran (none for stamps).
LogEntry log_entry(const Step& step, const std::string* sql, std::optional<double> duration_ms);

// The checksum recorded for a section's text.
std::string section_checksum(const std::string& sql);

// The log's statements spelled in one dialect: the online run's, or an
// offline script's, which may be the other engine's.
class AuditLogSql {
public:
    AuditLogSql(const SqlDialect& dialect, const TableName& version_table)
        : dialect_(dialect), name_{version_table.schema, version_table.name + "_log"} {}

    const TableName& name() const { return name_; }
    std::string create() const;  // IF NOT EXISTS: a log may outlive its rows
    // A step without a time (offline) is logged at the time it runs.
    std::string append(const LogEntry& entry) const;
    // Several steps' rows in one statement, ids in their order.
    std::string append(const std::vector<LogEntry>& entries) const;

private:
    const SqlDialect& dialect_;
    TableName name_;
};

class AuditLog {
public:
    AuditLog(Database& db, const TableName& version_table) : db_(db), sql_(db.dialect(), version_table) {}

    bool exists() { return db_.table_exists(sql_.name()); }
    void create() { db_.execute(sql_.create()); }
    // The rows of a run's steps, a few statements for many steps: parsing
    // one statement per step would cost about as much as a small step.
    void append(const std::vector<LogEntry>& entries);
    // The checksum of each revision's latest upgrade.
    std::map<std::string, std::string> upgrade_checksums();

private:
    Database& db_;
    AuditLogSql sql_;
};

}  // namespace migrate
