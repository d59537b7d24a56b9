#include "migrator.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <exception>
#include <map>

#include <fmt/format.h>

#include "audit_log.hpp"
#include "offline_sql.hpp"
#include "command_errors.hpp"
#include "deploy_bundle.hpp"
#include "folder_source.hpp"
#include "planner.hpp"
#include "revision_writer.hpp"
#include "schema_comparison.hpp"
#include "script_loader.hpp"
#include "text.hpp"
#include "version_table.hpp"

namespace migrate {
namespace {

std::optional<std::string> comma_list(std::vector<std::string> items, bool sort) {
    if (items.empty()) return std::nullopt;
    if (sort) std::sort(items.begin(), items.end());
    return join(items, ",");
}

std::vector<std::string> split_targets(const std::string& target) {
    std::vector<std::string> out;
    for (auto part : split(target, ',')) out.emplace_back(trim(part));
    return out;
}

// Revision files are written into the folder; the store is only ever
// written by a deploy bundle.
WriterSettings writer_settings(const Settings& settings, const char* function) {
    auto folder = settings.source().folder();
    if (!folder)
        throw Error(ErrorKind::Usage,
                    fmt::format("{}() writes a revision file, but script_source is 'database' (the script store "
                                "is read-only here); write revisions in the script location's folder and deploy "
                                "them with a bundle",
                                function));
    return {*folder, settings.get("file_template"), std::stoi(settings.get("truncate_slug_length"))};
}

}  // namespace

std::shared_ptr<const RevisionGraph> load_graph(ScriptSource& source, int reader_threads) {
    return source.graph(reader_threads);
}

std::shared_ptr<const RevisionGraph> load_graph(const std::string& script_location, int reader_threads) {
    FolderSource folder(script_location);
    return load_graph(folder, reader_threads);
}

Migrator::Migrator(Database& db, Settings settings, schema::SchemaEngine* schema_engine)
    : db_(db), settings_(std::move(settings)), schema_engine_(schema_engine) {
    settings_.use_source(open_script_source(settings_, db_));
}

schema::SchemaEngine& Migrator::schema_engine() {
    if (!schema_engine_) throw Error(ErrorKind::Internal, "this engine has no schema diff");
    return *schema_engine_;
}

const RevisionGraph& Migrator::graph() {
    if (!graph_) graph_ = load_graph(settings_.source(), db_.reader_threads());
    return *graph_;
}

const TableName& Migrator::version_table() {
    if (!version_table_) version_table_ = db_.resolve_table(settings_.version_table());
    return *version_table_;
}

std::string Migrator::upgrade(const std::string& target) { return run("upgrade", target); }
std::string Migrator::downgrade(const std::string& target) { return run("downgrade", target); }
std::string Migrator::stamp(const std::string& target) { return run("stamp", target); }
std::string Migrator::stamp_purged(const std::string& target) { return run("stamp", target, true); }

namespace {

// The Database's end_run once a run is over, on every path out of it.
struct RunEnd {
    Database& db;
    ~RunEnd() { db.end_run(); }
};

bool transactional(const Step& step, const RevisionSections& sections) {
    return step.is_upgrade() ? sections.upgrade_transactional : sections.downgrade_transactional;
}

}  // namespace

std::string Migrator::run(const char* command, const std::string& target, bool purge) {
    const std::string name(command);
    if (name != "stamp" && target.find(':') != std::string::npos)
        throw revision_error(fmt::format("Range revision not allowed; use migrate_{}_sql('{}') for offline SQL",
                                         name, target));
    check_target(target);
    const RevisionGraph& g = graph();  // a broken script folder fails before the database is touched
    VersionTable table(db_, version_table());
    const bool per_step = settings_.transaction_per_migration() && db_.can_commit_per_step();
    const bool outside_allowed = db_.can_run_outside_transaction();

    RunEnd end{db_};
    db_.begin_run(table.name());
    // After a commit, the next transaction must find the version table where
    // this run left it.
    auto check_unchanged = [&](std::vector<std::string> expected) {
        std::sort(expected.begin(), expected.end());
        if (table.read() != expected)
            throw Error(ErrorKind::Revision,
                        "the version table was changed by another connection during the run; the steps "
                        "committed so far remain applied");
    };
    try {
        bool table_exists = table.exists();
        if (purge) {  // Alembic's --purge: every row goes, known revisions or not
            if (!table_exists) table.create();
            table_exists = true;
            table.clear();
        }
        std::vector<std::string> current = table_exists && !purge ? table.read() : std::vector<std::string>{};
        std::vector<Step> steps;
        std::vector<std::string> warnings;
        if (name == "upgrade")
            steps = plan_upgrade(g, current, target);
        else if (name == "downgrade")
            steps = plan_downgrade(g, current, target, &warnings);
        else
            steps = plan_stamp(g, current, split_targets(target));

        // Read every section first: a step that cannot run fails the call
        // before anything is changed.
        std::vector<RevisionSections> sections(steps.size());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step& step = steps[i];
            if (i % 256 == 0) db_.check_interrupts();
            if (step.kind == Step::Kind::Stamp) continue;
            if (step.revision->is_python)
                throw Error(ErrorKind::Script,
                            fmt::format("Can't run {} of revision {} ({}): it is an Alembic Python revision, which "
                                        "migrate never executes; run this step with Alembic or rewrite it as a .sql "
                                        "revision",
                                        name, step.revision->id, step.revision->path));
            sections[i] = read_sections(settings_.source(), *step.revision);
            db_.check_script_text(step.revision->message + "\n" + sections[i].upgrade + "\n" + sections[i].downgrade,
                                  step.revision->path);
            if (!transactional(step, sections[i]) && !outside_allowed)
                throw Error(ErrorKind::Usage,
                            fmt::format("Can't run {} of revision {} ({}) inside the database: its section is marked "
                                        "transaction:false, and this call runs inside a transaction; nothing was changed. "
                                        "Run it with the migrate command line (migrate {} {}), which runs such a step "
                                        "outside a transaction, or through psql: the text of "
                                        "SELECT migrate_{}_sql('{}') (or of a deploy bundle, migrate_bundle) run with "
                                        "psql -v ON_ERROR_STOP=1 -f deploy.sql",
                                        name, step.revision->id, step.revision->path, name, target, name, target));
        }

        HeadTracker tracker(g, current);
        AuditLog audit(db_, table.name());
        bool audit_exists = !steps.empty() && audit.exists();
        // The version rows and log rows of the steps run since the last
        // commit, written just before it: in the steps' transaction, as a few
        // statements instead of two per step.
        std::vector<std::string> recorded = current;
        std::vector<LogEntry> unlogged;
        auto record = [&] {
            for (const auto& change : changes_between(recorded, tracker.heads())) table.apply(change);
            recorded = tracker.heads();
            audit.append(unlogged);
            unlogged.clear();
        };
        std::string log;
        for (const auto& warning : warnings)
            if (!db_.warn(warning)) log += "WARNING: " + warning + "\n";
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step& step = steps[i];
            if (!table_exists) {
                table.create();
                table_exists = true;
            }
            if (!audit_exists) {
                audit.create();
                audit_exists = true;
            }
            const std::string line = step.describe();
            if (observer_.started) observer_.started(line);
            const auto started = std::chrono::steady_clock::now();
            const std::string* sql = nullptr;
            bool outside = false;
            if (step.kind != Step::Kind::Stamp) {
                sql = step.is_upgrade() ? &sections[i].upgrade : &sections[i].downgrade;
                outside = !transactional(step, sections[i]) && !trim(*sql).empty();
                if (!trim(*sql).empty()) {
                    // As Alembic's autocommit_block: what came before is
                    // committed, the section runs in autocommit.
                    if (outside) {
                        record();
                        db_.commit_run();
                    }
                    std::size_t failed_line = std::string::npos;
                    try {
                        if (outside)
                            db_.execute_outside_transaction(*sql, failed_line);
                        else
                            db_.execute_step(*sql, failed_line);
                    } catch (const Error& e) {
                        // The file's own line, not the section's: the section
                        // starts after its directive.
                        std::string where = step.revision->path;
                        if (failed_line != std::string::npos)
                            where += fmt::format(", line {}",
                                                 failed_line + (step.is_upgrade() ? sections[i].upgrade_line
                                                                                  : sections[i].downgrade_line));
                        // The engine's error stays attached as the nested
                        // cause (PostgreSQL raises it again with its SQLSTATE).
                        Error error(ErrorKind::Execution,
                                    fmt::format("{} of revision {} ({}) failed: {}", name, step.revision->id, where,
                                                e.what()),
                                    e.engine_code());
                        error.set_context(fmt::format("revision {}, file {}", step.revision->id, where));
                        std::throw_with_nested(error);
                    }
                    if (outside) {
                        // Recorded in a transaction of its own, which first
                        // checks that no one moved the version table meanwhile.
                        db_.begin_run(table.name());
                        check_unchanged(tracker.heads());
                    }
                }
            }
            tracker.apply(step);
            std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - started;
            unlogged.push_back(log_entry(step, sql, elapsed.count()));
            if (observer_.finished) observer_.finished(line, elapsed.count());
            log += "Running " + line + "\n";
            if (outside || (per_step && i + 1 < steps.size())) {
                record();
                db_.commit_run();
                db_.begin_run(table.name());
                check_unchanged(tracker.heads());
            }
        }
        record();
        db_.commit_run();
        if (!log.empty()) log.pop_back();
        return log;
    } catch (...) {
        db_.rollback_run();
        throw;
    }
}

std::string Migrator::upgrade_sql(const std::string& range, const SqlDialect& dialect) {
    return offline("upgrade", range, dialect);
}
std::string Migrator::downgrade_sql(const std::string& range, const SqlDialect& dialect) {
    return offline("downgrade", range, dialect);
}
std::string Migrator::stamp_sql(const std::string& range, const SqlDialect& dialect) {
    return offline("stamp", range, dialect);
}

std::string Migrator::offline(const char* command, const std::string& range, const SqlDialect& dialect) {
    const std::string name(command);
    std::string target = range;
    auto colon = range.find(':');
    check_target(colon == std::string::npos ? range : range.substr(colon + 1));
    if (colon != std::string::npos) check_target(range.substr(0, colon));
    const RevisionGraph& g = graph();
    std::vector<std::string> start;
    if (colon == std::string::npos) {
        start = VersionTable(db_, version_table()).read();
    } else {
        target = range.substr(colon + 1);
        // Alembic resolves the starting revisions to ids; "base" is none.
        for (const auto& from : split_targets(range.substr(0, colon))) {
            if (from.empty() || from == "base") continue;
            Node n = with_command_errors("", "", "", [&] { return g.get_revision(from); });
            if (n && n != kWalkedPastBase) start.push_back(n->id);
        }
    }
    OfflinePlan plan;
    plan.start_heads = start;
    plan.per_migration = settings_.transaction_per_migration();
    if (name == "upgrade")
        plan.steps = plan_upgrade(g, start, target);
    else if (name == "downgrade")
        plan.steps = plan_downgrade(g, start, target);
    else
        plan.steps = plan_stamp(g, start, split_targets(target));
    for (const Step& step : plan.steps) {
        if (observer_.started) observer_.started(step.describe());
        if (step.kind == Step::Kind::Stamp) {
            plan.sections.emplace_back();
            continue;
        }
        if (step.revision->is_python)
            throw Error(ErrorKind::Script,
                        fmt::format("Can't render {} of revision {} ({}): it is an Alembic Python revision, which "
                                    "migrate never executes; render this step with Alembic's --sql",
                                    name, step.revision->id, step.revision->path));
        plan.sections.push_back(read_sections(settings_.source(), *step.revision));
    }
    // The script names the table as the settings do: it may run elsewhere.
    return render_offline_sql(g, dialect, settings_.version_table(), plan);
}

std::string Migrator::revision(const std::string& message, const std::string& options, bool autogenerate) {
    const WriterSettings writer = writer_settings(settings_, "migrate_revision");
    NewRevision rev;
    rev.message = message;
    rev.options = parse_revision_options(options);
    if (autogenerate) {
        // As Alembic: the diff is only meaningful against the heads' schema.
        const RevisionGraph& g = graph();
        auto heads = g.ids(g.heads());
        std::sort(heads.begin(), heads.end());
        if (VersionTable(db_, version_table()).read() != heads)
            throw revision_error("Target database is not up to date.");
        SchemaComparison comparison(schema_engine(), settings_);
        rev.upgrade_sql = comparison.render(comparison.upgrade());
        rev.downgrade_sql = comparison.render(comparison.downgrade());
    }
    return write_revision(graph(), writer, rev);
}

std::string Migrator::bundle(const std::string& target, const SqlDialect& dialect) {
    // A broken script folder or a target that names nothing fails now, when
    // the bundle is written, not on the database it is meant for.
    if (trim(target).empty()) throw revision_error("the target revision is empty; name one, or 'heads'");
    Bundle bundle{settings_.source().location_files(settings_.get("target_schema")), target,
                  settings_.version_table(), {}};
    // The graph from the very texts the bundle carries: each file is read once.
    const std::string prefix = settings_.source().folder() ? *settings_.source().folder() + "/" : "";
    std::vector<Revision> revisions;
    std::map<std::string, const std::string*> texts;  // by the revision's path
    for (const auto& file : bundle.files) {
        if (file.path.rfind("versions/", 0) != 0) continue;
        std::string name = file.path.substr(9);
        if (name.find('/') != std::string::npos || !is_revision_file_name(name)) continue;
        revisions.push_back(parse_revision_file(name, file.text, prefix + file.path));
        texts[revisions.back().path] = &file.text;
    }
    const RevisionGraph g(std::move(revisions));
    // The path from base: whichever part a database still needs, a step
    // outside a transaction on it is in the bundle.
    const std::vector<Step> steps = plan_upgrade(g, {}, target);
    HeadTracker tracker(g, {});
    for (const Step& step : steps) {
        std::vector<std::string> before = tracker.heads();
        std::vector<VersionChange> changes = tracker.apply(step);
        if (step.kind != Step::Kind::Upgrade || step.revision->is_python) continue;
        RevisionSections sections = revision_sections(*step.revision, *texts.at(step.revision->path));
        if (sections.upgrade_transactional) continue;
        if (dialect.kind() == SqlDialect::Kind::Sqlite)
            throw Error(ErrorKind::Usage,
                        fmt::format("Can't write a SQLite bundle holding revision {} ({}): its upgrade is marked "
                                    "transaction:false, and the sqlite3 shell cannot run a step outside the "
                                    "script's transaction; run this step with the migrate command line, or bundle a "
                                    "target below it",
                                    step.revision->id, step.revision->path));
        if (before.size() > 1)
            throw Error(ErrorKind::Usage,
                        fmt::format("Can't write a bundle holding revision {} ({}) outside a transaction: the "
                                    "database stands at several heads ({}) before it; bundle up to those heads "
                                    "first, or run this step with the migrate command line",
                                    step.revision->id, step.revision->path, join(before, ", ")));
        bundle.outside.push_back({&step, std::move(sections.upgrade), std::move(before), std::move(changes)});
    }
    return render_bundle(bundle, dialect);
}

std::string Migrator::diff() {
    SchemaComparison comparison(schema_engine(), settings_);
    return comparison.render(comparison.upgrade());
}

std::string Migrator::check() {
    // As Alembic's check: the target is compared with the heads' schema only.
    // Without a script folder (a schema compared on its own) there are no heads.
    const RevisionGraph* g = nullptr;
    try {
        g = &graph();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Script || std::string(e.what()).find("Path doesn't exist") == std::string::npos)
            throw;
    }
    if (g) {
        auto heads = g->ids(g->heads());
        std::sort(heads.begin(), heads.end());
        if (VersionTable(db_, version_table()).read() != heads)
            throw revision_error("Target database is not up to date.");
    }
    // An applied script edited since it ran is drift too, as Flyway's validate,
    // reported with or without a target schema. Without a log no checksum was
    // recorded, so a database migrate never migrated is checked against its
    // target schema alone.
    std::string modified;
    if (AuditLog(db_, version_table()).exists())
        for (const auto& row : versions())
            if (row.modified) modified += fmt::format("('modified_revision', '{}', '{}')\n", row.revision, row.path);
    std::string changes;
    try {
        SchemaComparison comparison(schema_engine(), settings_);
        changes = schema::describe_changes(comparison.upgrade().changes);
    } catch (const Error& e) {
        if (modified.empty() || e.kind() != ErrorKind::Script) throw;  // no target schema to compare with
    }
    changes += modified;
    if (changes.empty()) return "No new upgrade operations detected.";
    throw revision_error("New upgrade operations detected:\n" + changes);
}

std::string Migrator::merge(const std::string& revisions, const std::string& message) {
    NewRevision rev;
    rev.message = message;
    rev.options.heads = split_targets(revisions);
    return write_revision(graph(), writer_settings(settings_, "migrate_merge"), rev);
}

std::optional<std::string> Migrator::current() {
    VersionTable table(db_, version_table());
    return comma_list(table.read(), true);
}

std::string Migrator::heads() { return comma_list(graph().ids(graph().heads()), true).value_or(""); }

std::vector<VersionRow> Migrator::versions() {
    const RevisionGraph& g = graph();
    VersionTable table(db_, version_table());
    std::vector<Node> current;
    for (const auto& id : table.read())
        if (Node n = g.find(id)) current.push_back(n);
    std::vector<char> applied(g.revisions().size()), is_current(g.revisions().size());
    for (Node n : g.ancestors(current, true)) applied[n->order] = 1;
    for (Node n : current) is_current[n->order] = 1;
    auto logged = AuditLog(db_, table.name()).upgrade_checksums();

    // History order, bases first, as the steps of a full upgrade would run.
    std::vector<Node> all;
    all.reserve(g.revisions().size());
    for (const auto& rev : g.revisions()) all.push_back(rev.get());
    auto order = topological_sort(g, all, g.real_heads());
    std::vector<VersionRow> rows;
    rows.reserve(order.size());
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (rows.size() % 256 == 0) db_.check_interrupts();
        const Revision* rev = *it;
        VersionRow row;
        row.revision = rev->id;
        row.down_revision = comma_list(rev->down_revisions, false);
        row.branch_labels = comma_list(rev->own_branch_labels, false);
        row.depends_on = comma_list(rev->depends_on, false);
        row.message = rev->message;
        row.create_date = rev->create_date;
        row.path = rev->path;
        row.is_head = rev->is_head();
        row.is_base = rev->is_base();
        row.is_branch_point = rev->is_branch_point();
        row.is_merge_point = rev->is_merge_point();
        row.is_current = is_current[rev->order] != 0;
        row.is_applied = applied[rev->order] != 0;
        if (!rev->is_python) {
            row.checksum = section_checksum(read_sections(settings_.source(), *rev).upgrade);
            auto recorded = logged.find(rev->id);
            row.modified = row.is_applied && recorded != logged.end() && recorded->second != *row.checksum;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace migrate
