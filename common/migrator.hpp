#pragma once
// The SQL functions of docs/reference.md section 7, engine-neutral: each extension parses
// its arguments, builds a Migrator over its Database and returns the result.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "database.hpp"
#include "revision_graph.hpp"
#include "settings.hpp"

namespace migrate {

namespace schema {
class SchemaEngine;
}

// One row of the migrate_versions table.
struct VersionRow {
    std::string revision;
    std::optional<std::string> down_revision, branch_labels, depends_on;
    std::string message, create_date, path;
    bool is_head, is_base, is_branch_point, is_merge_point, is_current, is_applied;
    // SHA-256 of the file's upgrade section (NULL for Alembic .py files), and
    // whether it differs from the one logged when the revision was applied.
    std::optional<std::string> checksum;
    bool modified = false;
};

class Migrator {
public:
    // `schema_engine` serves the schema diff (diff, check, autogenerate);
    // without one those fail.
    Migrator(Database& db, Settings settings, schema::SchemaEngine* schema_engine = nullptr);

    // Each returns Alembic's log lines ("Running upgrade a -> b, message"),
    // one per step, newline-separated; empty when there is nothing to do.
    std::string upgrade(const std::string& target);
    std::string downgrade(const std::string& target);
    std::string stamp(const std::string& target);
    // Alembic's stamp --purge: every row of the version table is deleted
    // first, known revisions or not, then `target` is stamped from base.
    std::string stamp_purged(const std::string& target);

    // Offline mode: the SQL those steps would run, executing nothing, spelled
    // in `dialect` (the engine's own, or the other's). `range` is `from:to`,
    // or a target reached from the current revision.
    std::string upgrade_sql(const std::string& range, const SqlDialect& dialect);
    std::string downgrade_sql(const std::string& range, const SqlDialect& dialect);
    // The version-table statements of a stamp (Alembic's stamp --sql);
    // `range` is `from:to`, `to` a comma-separated list.
    std::string stamp_sql(const std::string& range, const SqlDialect& dialect);

    // Write a new revision file and return its path. `options` holds
    // key=value pairs (revision_writer.hpp); `revisions` is a comma-separated
    // list of ids or `heads`. With `autogenerate` its sections hold the schema
    // diff and its reverse, and the database must be at the script's heads.
    std::string revision(const std::string& message, const std::string& options, bool autogenerate = false);
    std::string merge(const std::string& revisions, const std::string& message);

    // A deploy bundle (deploy_bundle.hpp) of the script location's files
    // that upgrades to `target`, in `dialect` (the engine's own, or the other's).
    std::string bundle(const std::string& target, const SqlDialect& dialect);

    // The DDL that takes the live schema to the target schema; empty when
    // they agree.
    std::string diff();
    // "No new upgrade operations detected.", or an error listing them.
    std::string check();

    std::optional<std::string> current();  // NULL at base or without a table
    std::string heads();
    std::vector<VersionRow> versions();

    const Settings& settings() const { return settings_; }

    // Progress of upgrade, downgrade and stamp: `started` as a step begins
    // (its log line without "Running "), `finished` once it has run, with its
    // time in milliseconds (the command line prints them as they happen).
    // Offline SQL reports each step it renders to `started`, as Alembic logs
    // them in --sql mode.
    struct StepObserver {
        std::function<void(const std::string& line)> started;
        std::function<void(const std::string& line, double milliseconds)> finished;
    };
    void observe_steps(StepObserver observer) { observer_ = std::move(observer); }

private:
    const RevisionGraph& graph();
    // The version table resolved once per call (Database::resolve_table): the
    // one name of every statement, the log and the deployer lock.
    const TableName& version_table();
    std::string run(const char* command, const std::string& target, bool purge = false);
    std::string offline(const char* command, const std::string& range, const SqlDialect& dialect);

    schema::SchemaEngine& schema_engine();

    Database& db_;
    Settings settings_;
    schema::SchemaEngine* schema_engine_;
    std::shared_ptr<const RevisionGraph> graph_;
    StepObserver observer_;
    std::optional<TableName> version_table_;
};

// Loads and validates the revision graph of a script source, or of a
// script location's folder.
std::shared_ptr<const RevisionGraph> load_graph(ScriptSource& source, int reader_threads = 1);
std::shared_ptr<const RevisionGraph> load_graph(const std::string& script_location, int reader_threads = 1);

}  // namespace migrate
