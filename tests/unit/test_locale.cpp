// Case folding of keys, keywords and booleans is ASCII-only whatever the
// process locale (docs/reference.md section 8): PostgreSQL sets LC_CTYPE from
// the database and Python from the environment, and under tr_TR.UTF-8 the C
// library's tolower('I') is not 'i'.
#include <clocale>
#include <string>

#include "helpers.hpp"
#include "script_loader.hpp"
#include "settings.hpp"
#include "sql_tokens.hpp"

namespace {

// Sets LC_ALL for the test's lifetime; false when the locale is not installed.
class ScopedLocale {
public:
    explicit ScopedLocale(const char* name) {
        const char* current = std::setlocale(LC_ALL, nullptr);
        previous_ = current ? current : "C";
        ok_ = std::setlocale(LC_ALL, name) != nullptr;
    }
    ~ScopedLocale() { std::setlocale(LC_ALL, previous_.c_str()); }
    bool ok() const { return ok_; }

private:
    std::string previous_;
    bool ok_;
};

}  // namespace

TEST_CASE("case folding under a Turkish locale", "[locale]") {
    ScopedLocale turkish("tr_TR.UTF-8");
    if (!turkish.ok()) {
        WARN("tr_TR.UTF-8 is not installed (tests/install-deps.sh generates it): locale test skipped");
        return;
    }
    CHECK(migrate::lower("REVISION ID") == "revision id");
    auto rev = migrate::parse_sql_revision(
        "-- Init\n-- REVISION ID: a1\n-- REVISES:\n-- DEPENDS ON: core\n\n-- MIGRATE:UPGRADE TRANSACTION:FALSE\nSELECT 1;\n"
        "-- MIGRATE:DOWNGRADE\n",
        "v/a.sql");
    CHECK(rev.id == "a1");
    CHECK(rev.depends_on == std::vector<std::string>{"core"});
    auto sections = migrate::parse_sql_sections("-- Migrate:Upgrade Transaction:FALSE\nSELECT 1;\n", "v/a.sql");
    CHECK_FALSE(sections.upgrade_transactional);
    CHECK(migrate::parse_bool("TRUE", "transaction_per_migration"));
    CHECK(migrate::parse_bool("YES", "transaction_per_migration"));
    CHECK_FALSE(migrate::parse_bool("FALSE", "transaction_per_migration"));
    auto tokens = migrate::sql::tokenize("CREATE INDEX I ON T (ID)");
    REQUIRE(tokens.size() >= 2);
    CHECK(migrate::sql::is_keyword(tokens[1], "index"));
    CHECK(migrate::sql::normalize("CREATE TABLE IT (ID INTEGER)", false) == "create table it(id integer)");
}
