#pragma once
// The script location's folder as a ScriptSource (script_source = files).
#include <functional>
#include <string>
#include <unordered_map>

#include "script_source.hpp"

namespace migrate {

class FolderSource : public ScriptSource {
public:
    // `poll` (Database::check_interrupts) is called now and then while a
    // large folder loads.
    explicit FolderSource(std::string location, std::function<void()> poll = {})
        : location_(std::move(location)), poll_(std::move(poll)) {}

    std::vector<Revision> load_revisions(int threads) override;
    // Kept between calls of the process while the folder's files are
    // unchanged (revision_cache.hpp).
    std::shared_ptr<const RevisionGraph> graph(int threads) override;
    std::string read_revision(const Revision& revision) override;
    std::optional<ScriptFile> ini() override;
    std::vector<ScriptFile> target_schema(const std::string& setting) override;
    std::vector<ScriptFile> location_files(const std::string& target_schema_setting) override;
    std::optional<std::string> folder() const override { return location_; }

private:
    // location/versions, after checking that both are folders.
    std::string versions_folder() const;

    std::string location_;
    std::function<void()> poll_;
    // In a process that keeps no graph (the command line), the texts of the
    // graph's files by path, until a step takes its own.
    std::unordered_map<std::string, std::string> texts_;
};

}  // namespace migrate
