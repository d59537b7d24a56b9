#pragma once
// What the schema diff needs from an engine: its catalog, live and with the
// target schema loaded into a scratch space, and its dialect. Each extension
// implements it; the comparison and the ordering stay in schema_diff.
#include <string>
#include <vector>

#include "schema_catalog.hpp"
#include "schema_diff.hpp"

namespace migrate::schema {

// One file of the target schema.
struct SchemaFile {
    std::string path;
    std::string sql;
};

// The two catalogs a comparison reads.
struct Catalogs {
    Catalog live, target;
};

class SchemaEngine {
public:
    virtual ~SchemaEngine() = default;

    // `live`: the database's schema (SQLite: main; PostgreSQL: the current
    // schema). `target`: the files run, in order, in a scratch space of the
    // same engine; the database is left as it was, and a file the engine
    // rejects fails with an error naming it.
    //
    // A table, index, view or trigger the target repeats (same name, same
    // definition text) may be left with its name, table and definition only,
    // on both sides alike: its other fields would be equal on both sides, and
    // the diff does not read them, except the keys of a table a differing
    // table's foreign key references (references_constraint) and the
    // dependencies of views and triggers once some table or view differs.
    virtual Catalogs read(const std::vector<SchemaFile>& files) = 0;

    // Whether `changes`, the operations that take kept table `from` to `to`,
    // can be made in place; when not, the table is rebuilt (RebuildTable).
    virtual bool alters_in_place(const Table& from, const Table& to, const std::vector<Operation>& changes) const = 0;
    // The SQL of one operation: statements ending with ';', one per line.
    // Empty when the plan's other operations already do it (a constraint
    // written inside an added column's definition, say).
    virtual std::string render(const Operation& op) const = 0;
};

}  // namespace migrate::schema
