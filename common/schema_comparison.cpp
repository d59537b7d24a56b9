#include "schema_comparison.hpp"

namespace migrate {

SchemaComparison::SchemaComparison(schema::SchemaEngine& engine, const Settings& settings) : engine_(engine) {
    std::vector<schema::SchemaFile> files;
    for (auto& file : settings.source().target_schema(settings.get("target_schema")))
        files.push_back({std::move(file.path), std::move(file.text)});
    const std::string version_table = settings.get("version_table");
    const std::vector<std::string> excluded = {version_table, version_table + "_log", version_table + "_scripts"};
    auto both = engine.read(files);
    live_ = std::move(both.live);
    target_ = std::move(both.target);
    schema::remove_tables(live_, excluded);
    schema::remove_tables(target_, excluded);
}

}  // namespace migrate
