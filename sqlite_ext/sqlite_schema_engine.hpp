#pragma once
// The schema diff's engine on SQLite: the live catalog of the connection, the
// target schema loaded into a private in-memory database, SQLite's dialect.
#include "sqlite_api.hpp"

#include "schema_engine.hpp"

namespace migrate::sqlite {

class SqliteSchemaEngine : public schema::SchemaEngine {
public:
    explicit SqliteSchemaEngine(sqlite3* db) : db_(db) {}

    schema::Catalogs read(const std::vector<schema::SchemaFile>& files) override;
    bool alters_in_place(const schema::Table& from, const schema::Table& to,
                         const std::vector<schema::Operation>& changes) const override;
    std::string render(const schema::Operation& op) const override;

private:
    sqlite3* db_;
};

}  // namespace migrate::sqlite
