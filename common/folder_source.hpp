#pragma once
// The script location's folder as a ScriptSource (script_source = files).
#include <string>

#include "script_source.hpp"

namespace migrate {

class FolderSource : public ScriptSource {
public:
    explicit FolderSource(std::string location) : location_(std::move(location)) {}

    std::vector<Revision> load_revisions(int threads) override;
    std::string read_revision(const Revision& revision) override;
    std::optional<ScriptFile> ini() override;
    std::vector<ScriptFile> target_schema(const std::string& setting) override;
    std::vector<ScriptFile> location_files(const std::string& target_schema_setting) override;
    std::optional<std::string> folder() const override { return location_; }

private:
    std::string location_;
};

}  // namespace migrate
