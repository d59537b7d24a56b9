#include "script_source.hpp"

#include "folder_source.hpp"
#include "script_loader.hpp"
#include "script_store.hpp"
#include "settings.hpp"

namespace migrate {

std::shared_ptr<ScriptSource> open_script_source(const Settings& settings, Database& db) {
    if (settings.reads_store())
        return std::make_shared<StoreSource>(db, settings.store_table(), settings.script_location());
    return std::make_shared<FolderSource>(settings.script_location());
}

RevisionSections read_sections(ScriptSource& source, const Revision& revision) {
    return revision_sections(revision, source.read_revision(revision));
}

}  // namespace migrate
