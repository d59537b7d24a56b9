#pragma once
// Writing new revision files: Alembic's `revision` and `merge` commands
// (script/base.py generate_revision, _rev_path) for native .sql files.
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "revision_graph.hpp"

namespace migrate {

// The options of migrate_revision, from `key=value` pairs separated by white
// space: head=<rev> splice=true branch_label=<a,b> depends_on=<a,b> rev_id=<id>.
struct RevisionOptions {
    std::vector<std::string> heads{"head"};
    bool splice = false;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string rev_id;  // empty: 12 random lowercase hex characters
};
RevisionOptions parse_revision_options(const std::string& text);

struct NewRevision {
    std::string message;  // empty: none given (SQL NULL)
    RevisionOptions options;
    std::string upgrade_sql;    // the sections' contents (autogenerate fills them)
    std::string downgrade_sql;
};

struct WriterSettings {
    std::string script_location;
    std::string file_template;  // Alembic's %(rev)s_%(slug)s tokens
    int truncate_slug_length = 40;
};

// Validates the new revision against the graph, renders it from
// script.sql.tmpl (or the built-in template) and writes it atomically into
// versions/. Returns the new file's path.
std::string write_revision(const RevisionGraph& graph, const WriterSettings& settings, const NewRevision& revision);

// Helpers exposed for tests.
std::string make_slug(const std::string& message, int truncate_slug_length);
std::string render_file_template(const std::string& file_template, const std::string& rev, const std::string& slug,
                                 std::time_t when);
std::string random_revision_id();
std::string render_template(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace migrate
