#pragma once
// Where a call reads its scripts from (docs/reference.md section 9): the script location's
// folder, or the script store in the database (`script_source = database`). This is the
// core's one loader seam: everything else reads revisions, migrate.ini and the target schema
// through a ScriptSource and never knows which one it has.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "revision.hpp"

namespace migrate {

class Database;
class RevisionGraph;
class Settings;

// One file of a script location: `path` names it in errors (the folder: the
// path on disk; the store: the stored path, e.g. versions/ae10_x.sql).
struct ScriptFile {
    std::string path;
    std::string text;
};

class ScriptSource {
public:
    virtual ~ScriptSource() = default;

    // Every revision of versions/ (*.sql, *.py), in file-name order, headers
    // read. `threads` > 1 lets a large folder be read by that many threads.
    virtual std::vector<Revision> load_revisions(int threads) = 0;
    // The validated graph of those revisions.
    virtual std::shared_ptr<const RevisionGraph> graph(int threads);
    // The current text of a revision's file (Revision::path as loaded).
    virtual std::string read_revision(const Revision& revision) = 0;
    // migrate.ini, when the location has one.
    virtual std::optional<ScriptFile> ini() = 0;
    // The target schema the `target_schema` setting names: a .sql file, or
    // the .sql files of a folder in file-name order (none is an error).
    virtual std::vector<ScriptFile> target_schema(const std::string& setting) = 0;
    // What a deploy bundle carries, each by its path relative to the
    // location: migrate.ini, versions/*.sql and *.py, and the target schema's
    // files where they lie inside the location. Sorted by path.
    virtual std::vector<ScriptFile> location_files(const std::string& target_schema_setting) = 0;
    // The folder new revision files are written to; none for the store.
    virtual std::optional<std::string> folder() const = 0;
};

// The source `settings` name (script_source): the folder of script_location,
// or the store beside the version table, read through `db`.
std::shared_ptr<ScriptSource> open_script_source(const Settings& settings, Database& db);

// The sections of a native revision from its file's text; errors name its path.
RevisionSections read_sections(ScriptSource& source, const Revision& revision);

}  // namespace migrate
