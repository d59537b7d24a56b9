#include "commands.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "command_errors.hpp"
#include "connection.hpp"
#include "database_url.hpp"
#include "error.hpp"
#include "migrator.hpp"
#include "output.hpp"
#include "planner.hpp"
#include "script_format.hpp"
#include "script_source.hpp"
#include "settings.hpp"
#include "text.hpp"

namespace migrate::cli {
namespace {

std::string working_directory() {
    char buf[PATH_MAX];
    if (!::getcwd(buf, sizeof buf)) throw Error(ErrorKind::Internal, "cannot read the working directory");
    return buf;
}

std::string absolute(const std::string& path) {
    if (path.empty() || path[0] == '/') return path;
    return working_directory() + "/" + path;
}

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

bool empty_directory(const std::string& path) {
    DIR* dir = ::opendir(path.c_str());
    if (!dir) return false;
    bool empty = true;
    while (dirent* entry = ::readdir(dir))
        if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) empty = false;
    ::closedir(dir);
    return empty;
}

// What every command needs: the configuration, the core's settings and,
// when asked, the database.
class Project {
public:
    explicit Project(const GlobalOptions& global)
        : global_(global), config_(load_config(global)), settings_(core_settings(config_, global)) {
        const char* env = std::getenv("MIGRATE_SCRIPT_LOCATION");
        default_location_ = absolute(env && *env ? env : "migrations");
        // Alembic prints revision paths absolute (Path:, Generating ...).
        auto location = settings_.find("script_location");
        if (location != settings_.end()) location->second = absolute(location->second);
    }

    Settings settings() const { return Settings(settings_, default_location_); }

    DatabaseUrl url() const { return parse_database_url(database_url(config_, global_)); }

    // The database, announced as Alembic's EnvironmentContext does.
    std::unique_ptr<Connection> connect(const DatabaseUrl& url) {
        auto connection = cli::connect(url, settings_, default_location_);
        info(fmt::format("Context impl {}.", connection->impl_name()));
        info(fmt::format("Will assume {}transactional DDL.", connection->transactional_ddl() ? "" : "non-"));
        return connection;
    }

    // The one connection of a read-only command (current, history -i, show
    // current, and the graph from the script store), made when first needed.
    Database& database() {
        if (!connection_) connection_ = connect(url());
        return connection_->db();
    }

    // The core over that connection.
    Migrator online() {
        Database& db = database();  // first: connecting resolves the version table's schema
        return Migrator(db, settings());
    }

    // No database: the URL's dialect when there is one, else SQLite's.
    std::unique_ptr<Connection> without_database() const {
        DatabaseUrl url;
        try {
            url = this->url();
        } catch (const Error&) {
        }
        return offline(url);
    }

    // A command ends the process: freeing a large graph revision by revision
    // would be work for nothing (a tenth of `heads` over 10,000 files).
    ~Project() {
        if (graph_) static_cast<void>(new std::shared_ptr<const RevisionGraph>(std::move(graph_)));
    }
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    // The graph from where upgrade reads it: the script folder (read-only
    // commands then never connect, as Alembic's), or with script_source =
    // database the script store.
    const RevisionGraph& graph() {
        if (graph_) return *graph_;
        if (!settings().reads_store()) {
            graph_ = load_graph(settings().script_location(), 4);
        } else {
            Database& db = database();
            auto source = open_script_source(settings(), db);
            graph_ = load_graph(*source, db.reader_threads());
        }
        return *graph_;
    }

private:
    GlobalOptions global_;
    Config config_;
    std::map<std::string, std::string> settings_;
    std::string default_location_;
    std::unique_ptr<Connection> connection_;
    std::shared_ptr<const RevisionGraph> graph_;
};

void announce_steps(Migrator& migrator, bool timings) {
    Migrator::StepObserver observer;
    observer.started = [](const std::string& line) { info("Running " + line); };
    if (timings)
        observer.finished = [](const std::string& line, double ms) {
            info(fmt::format("Ran {} in {:.3f} s", line, ms / 1000.0));
        };
    migrator.observe_steps(std::move(observer));
}

std::vector<Node> resolve(const RevisionGraph& g, const std::string& id) {
    return with_command_errors("", "", "", [&] { return g.get_revisions(id); });
}

// Alembic's ScriptDirectory.walk_revisions(base, head): the revisions
// between `base` and `head` (both included), from the heads down.
std::vector<Node> walk_revisions(const RevisionGraph& g, const std::vector<std::string>& base,
                                 const std::vector<std::string>& head) {
    std::vector<Node> all;
    for (const auto& rev : g.revisions()) all.push_back(rev.get());
    std::vector<char> keep(all.size(), 1);
    auto restrict_to = [&](const std::vector<Node>& allowed) {
        std::vector<char> in(all.size(), 0);
        for (Node n : allowed)
            if (n && n != kWalkedPastBase) in[n->order] = 1;
        for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = keep[i] && in[i];
    };
    auto nodes = [&](const std::vector<std::string>& ids) {
        std::vector<Node> out;
        for (const auto& id : ids)
            for (Node n : resolve(g, id))
                if (n && n != kWalkedPastBase) out.push_back(n);
        return out;
    };
    if (!(head.size() == 1 && head[0] == "heads")) restrict_to(g.ancestors(nodes(head), true));
    if (!(base.size() == 1 && base[0] == "base")) restrict_to(g.descendants(nodes(base), true));
    std::vector<Node> selected, tops;
    for (Node n : all)
        if (keep[n->order]) selected.push_back(n);
    for (Node n : selected) {
        bool top = std::none_of(n->all_next.begin(), n->all_next.end(), [&](Node c) { return keep[c->order] != 0; });
        if (top) tops.push_back(n);
    }
    // Heads in the graph's own order, as Alembic's walk starts from them.
    std::vector<Node> heads;
    for (Node h : g.real_heads())
        if (keep[h->order]) heads.push_back(h);
    for (Node t : tops)
        if (std::find(heads.begin(), heads.end(), t) == heads.end()) heads.push_back(t);
    return topological_sort(g, selected, heads);
}

// Alembic's get_all_current: the version table's revisions, less those a
// revision above them on the same branch already stands for.
std::vector<Node> all_current(const RevisionGraph& g, const std::vector<std::string>& rows) {
    std::vector<Node> current;
    for (const auto& id : rows) {
        Node n = g.find(id);
        if (!n) throw revision_error(fmt::format("Can't locate revision identified by '{}'", id));
        current.push_back(n);
    }
    std::set<Node> applied;
    for (Node n : g.ancestors(current, true)) applied.insert(n);
    std::vector<Node> out;
    for (Node n : applied)
        if (std::none_of(n->next.begin(), n->next.end(), [&](Node c) { return applied.count(c) > 0; }))
            out.push_back(n);
    std::sort(out.begin(), out.end(), [](Node a, Node b) { return a->id < b->id; });
    return out;
}

std::vector<std::string> current_rows(Migrator& migrator) {
    auto value = migrator.current();
    return value ? split_list(*value) : std::vector<std::string>{};
}

void check_no_whitespace(const std::string& value, const char* option) {
    if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return std::isspace(c); }))
        throw Error(ErrorKind::Usage, fmt::format("{} '{}' must not contain white space", option, value));
}

void generated(const std::string& path) { print(fmt::format("Generating {} ...  done", path)); }

}  // namespace

int init_command(const GlobalOptions& global, const std::string& directory) {
    std::string dir = absolute(directory);
    if (exists(dir)) {
        if (!empty_directory(dir))
            throw Error(ErrorKind::Usage, fmt::format("Directory {} already exists and is not empty", dir));
    } else {
        if (::mkdir(dir.c_str(), 0777) != 0)
            throw Error(ErrorKind::Usage, fmt::format("cannot create directory {}: {}", dir, std::strerror(errno)));
        print(fmt::format("Creating directory {} ...  done", dir));
    }
    std::string versions = dir + "/versions";
    if (::mkdir(versions.c_str(), 0777) != 0)
        throw Error(ErrorKind::Usage, fmt::format("cannot create directory {}: {}", versions, std::strerror(errno)));
    print(fmt::format("Creating directory {} ...  done", versions));

    std::string ini = absolute(global.config_file.empty() ? "migrate.ini" : global.config_file);
    if (exists(ini)) {
        print(fmt::format("File {} already exists, skipping", ini));
        return 0;
    }
    std::ofstream out(ini);
    out << "# The command line's configuration (build/bin/migrate; docs/cli.md).\n"
           "# One section per environment: migrate -n production upgrade head\n"
           "[migrate]\n"
           "# The folder of versions/ (and schema/, script.sql.tmpl); relative to\n"
           "# the working directory, or %(here)s/... for this file's folder.\n"
        << "script_location = " << directory << "\n"
        << "# The database, unless --url or DATABASE_URL gives it; ${VAR} reads the\n"
           "# environment, e.g. postgresql://app:${APP_DB_PASSWORD}@db.internal/app\n"
           "sqlalchemy.url = sqlite:///app.db\n";
    out.close();
    if (!out) throw Error(ErrorKind::Usage, fmt::format("cannot write {}", ini));
    generated(ini);
    print(fmt::format("Please edit configuration/connection settings in '{}' before proceeding.", ini));
    return 0;
}

int revision_command(const GlobalOptions& global, const RevisionArguments& args) {
    Project project(global);
    std::string options;
    if (!args.head.empty()) {
        check_no_whitespace(args.head, "--head");
        options += " head=" + args.head;
    }
    if (args.splice) options += " splice=true";
    if (!args.branch_label.empty()) {
        check_no_whitespace(args.branch_label, "--branch-label");
        options += " branch_label=" + args.branch_label;
    }
    if (!args.depends_on.empty()) {
        for (const auto& d : args.depends_on) check_no_whitespace(d, "--depends-on");
        options += " depends_on=" + join(args.depends_on, ",");
    }
    if (!args.rev_id.empty()) {
        check_no_whitespace(args.rev_id, "--rev-id");
        options += " rev_id=" + args.rev_id;
    }
    std::unique_ptr<Connection> connection =
        args.autogenerate ? project.connect(project.url()) : project.without_database();
    Migrator migrator(connection->db(), project.settings(), connection->schema_engine());
    generated(migrator.revision(args.message, options, args.autogenerate));
    return 0;
}

int merge_command(const GlobalOptions& global, const std::vector<std::string>& revisions, const std::string& message,
                  const std::string& branch_label, const std::string& rev_id) {
    Project project(global);
    std::string options = " head=";
    std::vector<std::string> heads;
    for (const auto& r : revisions)
        for (const auto& part : split_list(r)) {
            check_no_whitespace(part, "revision");
            heads.push_back(part);
        }
    options += join(heads, ",");
    if (!branch_label.empty()) {
        check_no_whitespace(branch_label, "--branch-label");
        options += " branch_label=" + branch_label;
    }
    if (!rev_id.empty()) {
        check_no_whitespace(rev_id, "--rev-id");
        options += " rev_id=" + rev_id;
    }
    auto connection = project.without_database();
    Migrator migrator(connection->db(), project.settings());
    generated(migrator.revision(message, options));
    return 0;
}

namespace {

int run_command(const GlobalOptions& global, const RunArguments& args, bool upgrade) {
    Project project(global);
    DatabaseUrl url = project.url();
    if (args.sql) {
        std::string range = args.revision;
        if (range.find(':') == std::string::npos) {
            if (!upgrade) throw revision_error("downgrade with --sql requires <fromrev>:<torev>");
            range = "base:" + range;  // offline, nothing is known of the database: from base, as Alembic
        }
        auto connection = offline(url);
        info(fmt::format("Context impl {}.", connection->impl_name()));
        info("Generating static SQL");
        info(fmt::format("Will assume {}transactional DDL.", connection->transactional_ddl() ? "" : "non-"));
        Migrator migrator(connection->db(), project.settings());
        announce_steps(migrator, false);
        const SqlDialect& dialect = connection->db().dialect();
        std::string sql = upgrade ? migrator.upgrade_sql(range, dialect) : migrator.downgrade_sql(range, dialect);
        print(sql);
        return 0;
    }
    if (args.revision.find(':') != std::string::npos) throw revision_error("Range revision not allowed");
    auto connection = project.connect(url);
    Migrator migrator(connection->db(), project.settings());
    announce_steps(migrator, args.timings);
    if (upgrade)
        migrator.upgrade(args.revision);
    else
        migrator.downgrade(args.revision);
    return 0;
}

}  // namespace

int upgrade_command(const GlobalOptions& global, const RunArguments& args) { return run_command(global, args, true); }
int downgrade_command(const GlobalOptions& global, const RunArguments& args) { return run_command(global, args, false); }

int stamp_command(const GlobalOptions& global, const StampArguments& args) {
    Project project(global);
    if (!args.sql) {
        auto connection = project.connect(project.url());
        Migrator migrator(connection->db(), project.settings());
        announce_steps(migrator, args.timings);
        const std::string target = join(args.revisions, ",");
        if (args.purge)
            migrator.stamp_purged(target);
        else
            migrator.stamp(target);
        return 0;
    }
    // Alembic's offline stamp: each revision may be `from:to`, all from one
    // start; without one, from base (nothing is known of the database).
    if (args.purge) throw revision_error("Can't use --purge with --sql mode");
    std::optional<std::string> start;
    std::vector<std::string> destinations;
    for (const auto& revision : args.revisions) {
        auto colon = revision.find(':');
        if (colon == std::string::npos) {
            destinations.push_back(revision);
            continue;
        }
        std::string from = revision.substr(0, colon);
        if (start && *start != from)
            throw revision_error("Stamp operation with --sql only supports a single starting revision at a time");
        start = from;
        destinations.push_back(revision.substr(colon + 1));
    }
    auto connection = offline(project.url());
    info(fmt::format("Context impl {}.", connection->impl_name()));
    info("Generating static SQL");
    info(fmt::format("Will assume {}transactional DDL.", connection->transactional_ddl() ? "" : "non-"));
    Migrator migrator(connection->db(), project.settings());
    announce_steps(migrator, false);
    print(migrator.stamp_sql(start.value_or("base") + ":" + join(destinations, ","), connection->db().dialect()));
    return 0;
}

int current_command(const GlobalOptions& global, bool verbose) {
    Project project(global);
    Migrator migrator = project.online();
    auto rows = current_rows(migrator);
    if (verbose) print(fmt::format("Current revision(s) for {}:", project.url().display));
    for (Node n : all_current(project.graph(), rows)) print(cmd_format(*n, verbose, Indicators{}));
    return 0;
}

int heads_command(const GlobalOptions& global, bool verbose, bool resolve_dependencies) {
    Project project(global);
    const RevisionGraph& g = project.graph();
    Indicators how;
    how.include_branches = true;
    how.tree_indicators = false;
    for (Node n : resolve_dependencies ? g.real_heads() : g.heads()) print(cmd_format(*n, verbose, how));
    return 0;
}

int branches_command(const GlobalOptions& global, bool verbose) {
    Project project(global);
    const RevisionGraph& g = project.graph();
    Indicators self;
    self.include_branches = true;
    Indicators child;
    child.include_branches = true;
    child.include_doc = verbose;
    for (Node n : walk_revisions(g, {"base"}, {"heads"})) {
        if (!n->is_branch_point()) continue;
        std::string text = cmd_format(*n, verbose, self) + "\n";
        std::vector<std::string> children;
        for (Node c : n->next) children.push_back(std::string(n->id.size(), ' ') + " -> " + head_only(*c, child));
        print(text + join(children, "\n") + "\n");
    }
    return 0;
}

int history_command(const GlobalOptions& global, const std::string& range, bool verbose, bool indicate_current) {
    Project project(global);
    std::string base, head;
    if (!range.empty()) {
        auto colon = range.find(':');
        if (colon == std::string::npos)
            throw revision_error("History range requires [start]:[end], [start]:, or :[end]");
        base = std::string(trim(range.substr(0, colon)));
        head = std::string(trim(range.substr(colon + 1)));
    }
    std::vector<std::string> current;
    if (indicate_current || base == "current" || head == "current") {
        Migrator migrator = project.online();
        current = current_rows(migrator);
    }
    auto side = [&](const std::string& given, const char* fallback) {
        if (given == "current") return current.empty() ? std::vector<std::string>{fallback} : current;
        return std::vector<std::string>{given.empty() ? fallback : given};
    };
    const RevisionGraph& g = project.graph();
    Indicators how;
    how.include_branches = how.include_doc = how.include_parents = true;
    for (Node n : walk_revisions(g, side(base, "base"), side(head, "heads"))) {
        how.current = indicate_current && std::find(current.begin(), current.end(), n->id) != current.end();
        print(cmd_format(*n, verbose, how));
    }
    return 0;
}

int show_command(const GlobalOptions& global, const std::string& revision) {
    Project project(global);
    std::vector<std::string> ids{revision};
    if (revision == "current") {
        Migrator migrator = project.online();
        ids = current_rows(migrator);
    }
    const RevisionGraph& g = project.graph();
    for (const auto& id : ids)
        for (Node n : resolve(g, id))
            if (n && n != kWalkedPastBase) print(log_entry(*n));
    return 0;
}

int check_command(const GlobalOptions& global) {
    Project project(global);
    auto connection = project.connect(project.url());
    Migrator migrator(connection->db(), project.settings(), connection->schema_engine());
    info(migrator.check());
    return 0;
}

}  // namespace migrate::cli

namespace migrate::cli {

int bundle_command(const GlobalOptions& global, const std::string& target, const std::string& dialect,
                   const std::string& output) {
    Project project(global);
    DatabaseUrl url;
    if (dialect.empty()) {
        try {
            url = project.url();
        } catch (const Error&) {
            throw Error(ErrorKind::Usage,
                        "bundle needs a dialect: give --dialect sqlite or --dialect postgresql (or configure the "
                        "database URL)");
        }
    } else {
        url.dialect = SqlDialect::named(dialect).kind() == SqlDialect::Kind::Postgresql
                          ? DatabaseUrl::Dialect::Postgresql
                          : DatabaseUrl::Dialect::Sqlite;
    }
    auto connection = offline(url);
    Migrator migrator(connection->db(), project.settings());
    std::string script = migrator.bundle(target, connection->db().dialect());
    if (output.empty()) {
        std::fwrite(script.data(), 1, script.size(), stdout);
        return 0;
    }
    std::ofstream out(output, std::ios::binary);
    out << script;
    out.close();
    if (!out) throw Error(ErrorKind::Usage, fmt::format("cannot write {}", output));
    generated(absolute(output));
    return 0;
}

}  // namespace migrate::cli
