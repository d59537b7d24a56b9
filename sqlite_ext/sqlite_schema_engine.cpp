#include "sqlite_schema_engine.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "sqlite_catalog.hpp"
#include "sqlite_database.hpp"
#include "sqlite_ddl.hpp"

namespace migrate::sqlite {
namespace {

// A private connection, closed on every path out of a scope.
struct Scratch {
    sqlite3* db = nullptr;
    ~Scratch() { sqlite3_close_v2(db); }
};

}  // namespace

schema::Catalogs SqliteSchemaEngine::read(const std::vector<schema::SchemaFile>& files) {
    Scratch scratch;
    int rc = sqlite3_open_v2(":memory:", &scratch.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK)
        throw Error(ErrorKind::Execution,
                    fmt::format("cannot open an in-memory database for the target schema: {}", sqlite3_errstr(rc)), rc);
    SqliteDatabase target(scratch.db);
    for (const auto& file : files) {
        try {
            target.execute(file.sql);
        } catch (const Error& e) {
            throw Error(ErrorKind::Script, fmt::format("target schema {}: {}", file.path, e.what()));
        }
    }
    return read_catalogs(db_, scratch.db);
}

bool SqliteSchemaEngine::alters_in_place(const schema::Table& from, const schema::Table& to,
                                         const std::vector<schema::Operation>& changes) const {
    return sqlite::alters_in_place(from, to, changes);
}

std::string SqliteSchemaEngine::render(const schema::Operation& op) const { return render_operation(op); }

}  // namespace migrate::sqlite
