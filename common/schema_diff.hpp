#pragma once
// The schema diff: two catalogs compared into engine-neutral operations,
// ordered so that every operation's dependencies hold when it runs. The
// downgrade is the same diff taken the other way.
#include <string>
#include <vector>

#include "schema_catalog.hpp"

namespace migrate::schema {

class SchemaEngine;

enum class OpKind {
    CreateTable,
    DropTable,
    RebuildTable,  // new table from the target's definition, rows copied, old one replaced
    AddColumn,
    DropColumn,
    AlterColumn,
    AddConstraint,
    DropConstraint,
    SetTableComment,
    ChangeTableDefinition,  // engine-level clauses that no other operation covers
    CreateIndex,
    DropIndex,
    CreateView,
    DropView,
    CreateTrigger,
    DropTrigger,
    CreateEnum,
    DropEnum,  // with old_enum: the old type a ReplaceEnum renamed aside, once nothing uses it
    AddEnumValue,
    ReplaceEnum,  // values removed or reordered: the old type is renamed aside, the new one created
    CreateSequence,
    DropSequence,
    AlterSequence,
    SetSequenceOwner,  // a new sequence's OWNED BY, once its table exists
    CreateObject,
    DropObject,
    ReplaceObject,  // a changed object whose definition replaces it in place
};

// What an AlterColumn changes (bits of Operation::column_changes).
enum ColumnChange : unsigned {
    kType = 1,
    kNullable = 2,
    kDefault = 4,
    kComment = 8,
    kDefinition = 16,  // the engine's column text, beyond type, nullability and default
    kRetyped = 32,     // same type name, but the type is re-created (ReplaceEnum): convert the column
};

// One operation. Objects are those of the catalog they come from: the target's
// for what is created, added or altered, the live one's for what is dropped;
// `old_*` is the live object an alteration starts from.
struct Operation {
    explicit Operation(OpKind k) : kind(k) {}

    OpKind kind;
    const Table* table = nullptr;
    const Column* column = nullptr;
    const Constraint* constraint = nullptr;
    const Index* index = nullptr;
    const View* view = nullptr;
    const Trigger* trigger = nullptr;
    const EnumType* enum_type = nullptr;
    const Sequence* sequence = nullptr;
    const Table* old_table = nullptr;
    const Column* old_column = nullptr;
    const EnumType* old_enum = nullptr;
    const Sequence* old_sequence = nullptr;
    const Object* object = nullptr;
    unsigned column_changes = 0;
    // AlterColumn: on this table only, not passed down to its children (an
    // inherited column's own default or nullability, PostgreSQL's ONLY).
    bool only = false;
    // DropObject of an object created again (changed): what still uses it
    // when it is dropped (Object::used_by but those gone already).
    std::vector<std::string> blocked_by;
    // AddEnumValue: the value, and its neighbours already in the type (empty
    // when there is none on that side).
    std::string value, after, before;
    // CreateTable: its foreign keys that are added later, as AddConstraint
    // operations, because the tables they reference do not exist yet (a
    // cycle among new tables) or lack the referenced key until later.
    std::vector<const Constraint*> deferred;

    // Alembic-like tuples, e.g. ('add_column', 'account', 'email'): one line
    // per change (an AlterColumn may change several things).
    std::vector<std::string> describe() const;
};

struct SchemaDiff {
    std::vector<Operation> changes;     // what differs, for migrate_check
    std::vector<Operation> operations;  // what to run, in order
};

// The diff that takes `from` to `to`. The result points into both catalogs,
// which must outlive it.
SchemaDiff diff_schemas(const Catalog& from, const Catalog& to, const SchemaEngine& engine);

// The operations' SQL, one operation after the other (empty when none).
std::string render_operations(const std::vector<Operation>& operations, const SchemaEngine& engine);
// The changes' descriptions, one per line.
std::string describe_changes(const std::vector<Operation>& changes);

// Takes tables out of the comparison (the version table and its log), with
// their indexes and triggers.
void remove_tables(Catalog& catalog, const std::vector<std::string>& names);

}  // namespace migrate::schema
