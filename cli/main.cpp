// build/bin/migrate: Alembic's command line over the migrate core, for
// databases where the extension cannot go (docs/cli.md).
#include <CLI/CLI.hpp>

#include <exception>
#include <functional>
#include <string>

#include "commands.hpp"
#include "error.hpp"
#include "output.hpp"
#include "revision_cache.hpp"

namespace {

using namespace migrate::cli;

// Alembic's sys.exit(-1) for a failed command.
constexpr int kFailed = 255;
// argparse's status for a command line it cannot parse.
constexpr int kUsage = 2;

std::string nested_messages(const std::exception& e) {
    std::string text = e.what();
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    migrate::keep_graphs(false);  // one command, one read of the folder
    CLI::App app{"Database schema migrations with Alembic's commands, over SQLite and PostgreSQL.", "migrate"};
    app.set_help_flag("-h,--help", "show this help message and exit");
    app.require_subcommand(1);
    app.fallthrough();
    app.footer(
        "The database URL comes from --url, else DATABASE_URL, else sqlalchemy.url of the configuration section.\n"
        "Exit status: 0 on success, 255 when a command fails (FAILED: ... on stderr), 2 for a malformed command "
        "line.\nSee docs/cli.md; `migrate COMMAND --help` describes each command.");

    GlobalOptions global;
    app.add_option("-c,--config", global.config_file,
                   "configuration file (default: migrate.ini with section [migrate], else alembic.ini with "
                   "[alembic])");
    app.add_option("-n,--name", global.name, "section of the configuration file to use (one per environment)");
    app.add_option("-x", global.x_arguments, "setting override key=value (script_location, version_table, ...)")
        ->allow_extra_args(false)
        ->take_all();
    app.add_option("--url", global.url, "database URL, e.g. sqlite:///app.db or postgresql://user@host/db");
    app.add_flag("--raiseerr", "accepted for Alembic's sake; errors always print FAILED: and exit 255");

    std::function<int()> action;

    auto* init = app.add_subcommand("init", "Create a new script location and migrate.ini.");
    std::string init_dir;
    init->add_option("directory", init_dir, "the folder to create (the script_location)")->required();
    init->callback([&] { action = [&] { return init_command(global, init_dir); }; });

    auto* revision = app.add_subcommand("revision", "Create a new revision file.");
    RevisionArguments rev;
    revision->add_option("-m,--message", rev.message, "message of the revision");
    revision->add_flag("--autogenerate", rev.autogenerate,
                       "fill the revision with the difference between the database and the target schema");
    revision->add_option("--head", rev.head, "the revision (or label@head) the new one revises; default: head");
    revision->add_flag("--splice", rev.splice, "allow a --head that is not a head (a new branch)");
    revision->add_option("--branch-label", rev.branch_label, "branch label of the new revision");
    revision->add_option("--depends-on", rev.depends_on, "revision or label the new revision depends on")
        ->take_all()
        ->allow_extra_args(false);
    revision->add_option("--rev-id", rev.rev_id, "the new revision's id instead of a generated one");
    revision->callback([&] { action = [&] { return revision_command(global, rev); }; });

    auto* merge = app.add_subcommand("merge", "Merge two or more revisions (or heads) into a new revision.");
    std::vector<std::string> merge_revs;
    std::string merge_message, merge_label, merge_rev_id;
    merge->add_option("revisions", merge_revs, "the revisions to merge, or heads")->required();
    merge->add_option("-m,--message", merge_message, "message of the merge revision");
    merge->add_option("--branch-label", merge_label, "branch label of the merge revision");
    merge->add_option("--rev-id", merge_rev_id, "the new revision's id instead of a generated one");
    merge->callback(
        [&] { action = [&] { return merge_command(global, merge_revs, merge_message, merge_label, merge_rev_id); }; });

    RunArguments up, down;
    auto* upgrade = app.add_subcommand("upgrade", "Upgrade to a later revision.");
    upgrade->add_option("revision", up.revision, "target: head, heads, an id or prefix, label@head, +N, ...")
        ->required();
    upgrade->add_flag("--sql", up.sql, "print the SQL instead of running it (offline; FROM:TO ranges)");
    upgrade->add_flag("-v,--verbose", up.timings, "also log the time each step took");
    upgrade->add_option("--tag", "accepted for Alembic's sake (env.py's tag); unused");
    upgrade->callback([&] { action = [&] { return upgrade_command(global, up); }; });

    auto* downgrade = app.add_subcommand("downgrade", "Revert to a previous revision.");
    downgrade->add_option("revision", down.revision, "target: base, an id or prefix, -N, label@-N, ...")->required();
    downgrade->add_flag("--sql", down.sql, "print the SQL instead of running it (offline; needs FROM:TO)");
    downgrade->add_flag("-v,--verbose", down.timings, "also log the time each step took");
    downgrade->add_option("--tag", "accepted for Alembic's sake (env.py's tag); unused");
    downgrade->callback([&] { action = [&] { return downgrade_command(global, down); }; });

    auto* stamp = app.add_subcommand("stamp", "Set the version table to the given revisions; run no migrations.");
    StampArguments stamp_args;
    stamp->add_option("revisions", stamp_args.revisions, "target revisions (FROM:TO with --sql)")->required();
    stamp->add_flag("--sql", stamp_args.sql, "print the SQL instead of running it (offline; FROM:TO ranges)");
    stamp->add_flag("--purge", stamp_args.purge, "delete all entries in the version table before stamping");
    stamp->add_flag("-v,--verbose", stamp_args.timings, "also log the time each step took");
    stamp->add_option("--tag", "accepted for Alembic's sake (env.py's tag); unused");
    stamp->callback([&] { action = [&] { return stamp_command(global, stamp_args); }; });

    auto* current = app.add_subcommand("current", "Display the current revision of the database.");
    bool current_verbose = false;
    current->add_flag("-v,--verbose", current_verbose, "use more verbose output");
    current->callback([&] { action = [&] { return current_command(global, current_verbose); }; });

    auto* heads = app.add_subcommand("heads", "Show current available heads in the script directory.");
    bool heads_verbose = false, resolve_dependencies = false;
    heads->add_flag("-v,--verbose", heads_verbose, "use more verbose output");
    heads->add_flag("--resolve-dependencies", resolve_dependencies, "treat dependencies as down revisions");
    heads->callback([&] { action = [&] { return heads_command(global, heads_verbose, resolve_dependencies); }; });

    auto* branches = app.add_subcommand("branches", "Show current branch points.");
    bool branches_verbose = false;
    branches->add_flag("-v,--verbose", branches_verbose, "use more verbose output");
    branches->callback([&] { action = [&] { return branches_command(global, branches_verbose); }; });

    auto* history = app.add_subcommand("history", "List changeset scripts in chronological order.");
    std::string history_range;
    bool history_verbose = false, indicate_current = false;
    history->add_option("-r,--rev-range", history_range, "range [start]:[end], [start]:, or :[end]");
    history->add_flag("-v,--verbose", history_verbose, "use more verbose output");
    history->add_flag("-i,--indicate-current", indicate_current, "indicate the current revision");
    history->callback(
        [&] { action = [&] { return history_command(global, history_range, history_verbose, indicate_current); }; });

    auto* show = app.add_subcommand("show", "Show the revision(s) denoted by the given symbol.");
    std::string show_rev;
    show->add_option("rev", show_rev, "an id, prefix, label, head, heads or current")->required();
    show->callback([&] { action = [&] { return show_command(global, show_rev); }; });

    auto* check = app.add_subcommand(
        "check", "Check whether the database matches the target schema (exit status 255 with the differences).");
    check->callback([&] { action = [&] { return check_command(global); }; });

    auto* bundle = app.add_subcommand(
        "bundle", "Write a self-contained deploy script (script store + upgrade) without touching any database.");
    std::string bundle_target = "heads", bundle_dialect, bundle_output;
    bundle->add_option("revision", bundle_target, "target of the upgrade the script runs (default: heads)");
    bundle->add_option("--dialect", bundle_dialect, "sqlite or postgresql (default: the configured URL's)")
        ->check(CLI::IsMember({"sqlite", "postgresql"}));
    bundle->add_option("-o,--output", bundle_output, "write the script to this file instead of stdout");
    bundle->footer(
        "Run it with: psql -v ON_ERROR_STOP=1 -f deploy.sql (extension installed), or\n"
        "sqlite3 -bail -cmd '.load PATH' app.db < deploy.sql. Running it again changes nothing.");
    bundle->callback(
        [&] { action = [&] { return bundle_command(global, bundle_target, bundle_dialect, bundle_output); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsage;
    }

    try {
        return action();
    } catch (const std::exception& e) {
        failed(nested_messages(e));
        return kFailed;
    }
}
