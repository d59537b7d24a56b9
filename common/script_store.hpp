#pragma once
// The script store (docs/reference.md section 9): `<version_table>_scripts (path TEXT PRIMARY
// KEY, body TEXT NOT NULL)` beside the version table, holding a script location's files by
// their path relative to it; read as a ScriptSource when script_source = database.
#include <map>
#include <optional>
#include <string>

#include "database.hpp"
#include "script_source.hpp"

namespace migrate {

// The store's name beside `version_table` (same schema).
TableName script_store_table(const TableName& version_table);
// Its DDL; IF NOT EXISTS, as a bundle creates it on every run.
std::string script_store_create_sql(const std::string& qualified_name);

class StoreSource : public ScriptSource {
public:
    // `location` is the script_location setting: a target_schema setting
    // under it names the stored path relative to it.
    StoreSource(Database& db, TableName table, std::string location)
        : db_(db), table_(std::move(table)), location_(std::move(location)) {}

    std::vector<Revision> load_revisions(int threads) override;
    std::string read_revision(const Revision& revision) override;
    std::optional<ScriptFile> ini() override;
    std::vector<ScriptFile> target_schema(const std::string& setting) override;
    std::vector<ScriptFile> location_files(const std::string& target_schema_setting) override;
    std::optional<std::string> folder() const override { return std::nullopt; }

private:
    // Every stored file, read once per call, by path (byte order: file-name order).
    const std::map<std::string, std::string>& files();
    std::string name() const { return db_.qualified(table_); }

    Database& db_;
    TableName table_;
    std::string location_;
    std::optional<std::map<std::string, std::string>> files_;
};

}  // namespace migrate
