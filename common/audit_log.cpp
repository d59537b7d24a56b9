#include "audit_log.hpp"

#include <sys/time.h>

#include <ctime>
#include <iterator>

#include <fmt/format.h>

#include "sha256.hpp"
#include "sql_text.hpp"
#include "text.hpp"

namespace migrate {
namespace {

std::string literal_or_null(const SqlDialect& dialect, const std::optional<std::string>& value) {
    return value ? dialect.quote_literal(*value) : "NULL";
}

// The wall-clock time of the step in UTC; offline scripts use the time they run.
std::string now_utc() {
    timeval tv{};
    ::gettimeofday(&tv, nullptr);
    std::tm utc{};
    ::gmtime_r(&tv.tv_sec, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &utc);
    return fmt::format("{}.{:06d}", buf, static_cast<long>(tv.tv_usec));
}

}  // namespace

std::string section_checksum(const std::string& sql) { return sha256_hex(sql); }

LogEntry log_entry(const Step& step, const std::string* sql, std::optional<double> duration_ms) {
    LogEntry e;
    e.direction = step.kind == Step::Kind::Upgrade ? "upgrade" : step.kind == Step::Kind::Downgrade ? "downgrade" : "stamp";
    e.from_revisions = join(step.from_revisions_no_deps(), ",");
    e.to_revisions = join(step.to_revisions_no_deps(), ",");
    if (step.revision) {
        e.revision = step.revision->id;
        e.message = step.revision->message;
    } else {
        e.revision = e.to_revisions.empty() ? e.from_revisions : e.to_revisions;
    }
    if (sql) e.checksum = section_checksum(*sql);
    e.duration_ms = duration_ms;
    if (duration_ms) e.applied_at = now_utc();
    return e;
}

std::string AuditLogSql::create() const {
    return fmt::format(
        "CREATE TABLE IF NOT EXISTS {} (\n"
        "    id INTEGER NOT NULL PRIMARY KEY,\n"
        "    applied_at TEXT NOT NULL,\n"
        "    direction VARCHAR(16) NOT NULL,\n"
        "    revision TEXT NOT NULL,\n"
        "    from_revisions TEXT NOT NULL,\n"
        "    to_revisions TEXT NOT NULL,\n"
        "    message TEXT,\n"
        "    checksum VARCHAR(64),\n"
        "    duration_ms DOUBLE PRECISION,\n"
        "    role TEXT\n"
        ")",
        dialect_.qualified(name_));
}

std::string AuditLogSql::append(const LogEntry& e) const {
    // Ids follow MAX(id): the deployer lock is held, so no two runs interleave.
    const SqlDialect& d = dialect_;
    const std::string table = d.qualified(name_);
    std::string applied_at = e.applied_at.empty() ? d.utc_now_sql() : d.quote_literal(e.applied_at);
    std::string duration = e.duration_ms ? fmt::format("{:.3f}", *e.duration_ms) : "NULL";
    return fmt::format(
        "INSERT INTO {0} (id, applied_at, direction, revision, from_revisions, to_revisions, message, checksum, "
        "duration_ms, role) SELECT COALESCE(MAX(id), 0) + 1, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9} FROM {0}",
        table, applied_at, d.quote_literal(e.direction), d.quote_literal(e.revision), d.quote_literal(e.from_revisions),
        d.quote_literal(e.to_revisions), d.quote_literal(e.message), literal_or_null(d, e.checksum), duration,
        d.current_role_sql());
}

std::string AuditLogSql::append(const std::vector<LogEntry>& entries) const {
    const SqlDialect& d = dialect_;
    const std::string table = d.qualified(name_);
    std::string rows;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LogEntry& e = entries[i];
        fmt::format_to(std::back_inserter(rows), "{}({}, {}, {}, {}, {}, {}, {}, {}, {})", i ? ",\n" : "", i + 1,
                       e.applied_at.empty() ? d.utc_now_sql() : d.quote_literal(e.applied_at),
                       d.quote_literal(e.direction), d.quote_literal(e.revision), d.quote_literal(e.from_revisions),
                       d.quote_literal(e.to_revisions), d.quote_literal(e.message), literal_or_null(d, e.checksum),
                       e.duration_ms ? fmt::format("{:.3f}", *e.duration_ms) : "NULL");
    }
    // VALUES columns are column1... on both engines; a column of NULLs or of
    // numbers gets its type from the casts.
    return fmt::format(
        "INSERT INTO {0} (id, applied_at, direction, revision, from_revisions, to_revisions, message, checksum, "
        "duration_ms, role) SELECT m.id + v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, "
        "v.column7, CAST(v.column8 AS VARCHAR(64)), CAST(v.column9 AS DOUBLE PRECISION), {1} FROM (SELECT "
        "COALESCE(MAX(id), 0) AS id FROM {0}) AS m, (VALUES\n{2}) AS v",
        table, d.current_role_sql(), rows);
}

void AuditLog::append(const std::vector<LogEntry>& entries) {
    constexpr std::size_t kRowsPerStatement = 500;  // keeps a statement's text and plan small
    for (std::size_t first = 0; first < entries.size(); first += kRowsPerStatement) {
        const auto end = entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), first + kRowsPerStatement));
        db_.execute(sql_.append(std::vector<LogEntry>(entries.begin() + static_cast<std::ptrdiff_t>(first), end)));
    }
}

std::map<std::string, std::string> AuditLog::upgrade_checksums() {
    std::map<std::string, std::string> out;
    if (!exists()) return out;
    for (auto& row : db_.query(fmt::format(
             "SELECT revision, checksum FROM {} WHERE direction = 'upgrade' AND checksum IS NOT NULL ORDER BY id",
             db_.qualified(sql_.name()))))
        if (row.size() == 2 && row[0] && row[1]) out[*row[0]] = *row[1];
    return out;
}

}  // namespace migrate
