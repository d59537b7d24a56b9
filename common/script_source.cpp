#include "script_source.hpp"

#include "database.hpp"
#include "folder_source.hpp"
#include "revision_graph.hpp"
#include "script_loader.hpp"
#include "script_store.hpp"
#include "settings.hpp"

namespace migrate {

std::shared_ptr<ScriptSource> open_script_source(const Settings& settings, Database& db) {
    if (settings.reads_store())
        // Beside the version table as resolved for the call, never a table of
        // the store's name that comes first on the search_path; its queries
        // run with search_path pinned and name it qualified.
        return std::make_shared<StoreSource>(db, script_store_table(db.resolve_table(settings.session_version_table())),
                                             settings.script_location());
    return std::make_shared<FolderSource>(settings.script_location(), [&db] { db.check_interrupts(); });
}

std::shared_ptr<const RevisionGraph> ScriptSource::graph(int threads) {
    return std::make_shared<const RevisionGraph>(load_revisions(threads));
}

RevisionSections read_sections(ScriptSource& source, const Revision& revision) {
    return revision_sections(revision, source.read_revision(revision));
}

}  // namespace migrate
