#pragma once
// Identifiers quoted as the server's quote_ident does (quote_identifier in
// ruleutils.c): left bare when made of lowercase letters, digits and
// underscores, not starting with a digit, and no keyword but an unreserved
// one; quoted otherwise, or always under quote_all_identifiers. The keyword
// list is the server's own (pg_get_keywords), read once through the
// Database, so the extension and the command line quote alike.
#include <string>
#include <unordered_set>

#include "database.hpp"

namespace migrate::pg {

class PgIdentifiers {
public:
    // Reads the server's keywords and quote_all_identifiers.
    static PgIdentifiers read(Database& db);

    std::string quote(const std::string& name) const;

private:
    std::unordered_set<std::string> keywords_;  // but the unreserved ones
    bool quote_all_ = false;
};

}  // namespace migrate::pg
