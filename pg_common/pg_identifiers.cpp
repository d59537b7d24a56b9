#include "pg_identifiers.hpp"

#include "sql_text.hpp"

namespace migrate::pg {

PgIdentifiers PgIdentifiers::read(Database& db) {
    PgIdentifiers ids;
    for (const auto& row : db.query("SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode "
                                    "OPERATOR(pg_catalog.<>) 'U'"))
        ids.keywords_.insert(row.at(0).value_or(""));
    auto rows = db.query("SELECT pg_catalog.current_setting('quote_all_identifiers')");
    ids.quote_all_ = rows.at(0).at(0) == std::optional<std::string>("on");
    return ids;
}

std::string PgIdentifiers::quote(const std::string& name) const {
    bool safe = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_') && !quote_all_;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
    if (safe && keywords_.count(name) == 0) return name;
    return quote_identifier_ansi(name);
}

}  // namespace migrate::pg
