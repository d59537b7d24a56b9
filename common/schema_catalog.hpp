#pragma once
// The engine-neutral catalog model that the schema diff compares: what an
// engine's reader finds in its catalog, live or in the scratch space.
//
// Texts are as the engine reports them, normalized by the reader where the
// engine keeps what the user wrote (SQLite), so that equal schemas compare
// equal. `definition` fields hold the engine's own DDL for an object, used to
// re-create it; `definition_key` fields hold what the engine cannot expose
// structurally, normalized, and are only compared (empty where the structured
// fields say everything).
#include <optional>
#include <string>
#include <vector>

#include "text.hpp"

namespace migrate::schema {

enum class Generated { No, Virtual, Stored };

struct Column {
    std::string name;
    std::string type;
    bool nullable = true;
    std::optional<std::string> default_value;
    std::optional<std::string> comment;
    Generated generated = Generated::No;
    std::string definition;      // SQLite: the column's text in CREATE TABLE
    std::string definition_key;  // SQLite: that text normalized
    // PostgreSQL: the sequence a serial column owns, or that a column owns and
    // draws its default from with settings of its own (then a plain column)
    std::string sequence;
    std::string identity_settings;  // PostgreSQL: an identity's sequence settings, as ALTER COLUMN sets them
    bool inherited = false;         // PostgreSQL: only a parent's (INHERITS), so not written in CREATE TABLE
    // PostgreSQL, an inherited column: its default, or its nullability, is
    // not its parents' (set on it alone, ALTER TABLE ONLY)
    bool own_default = false, own_nullability = false;
};

enum class ConstraintKind { PrimaryKey, Unique, Check, ForeignKey, Exclude };  // Exclude: PostgreSQL

struct Constraint {
    ConstraintKind kind = ConstraintKind::Unique;
    std::string name;  // empty where the engine does not report names
    std::vector<std::string> columns;
    std::string expression;  // Check
    std::string ref_table;   // ForeignKey
    std::vector<std::string> ref_columns;
    std::string on_update, on_delete, match;
    std::string column;  // a constraint written inside this column's definition (SQLite)
    std::string definition_key;
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    std::vector<Constraint> constraints;
    std::optional<std::string> comment;
    std::string definition;      // SQLite: CREATE TABLE text, to create and rebuild
    std::string definition_key;  // SQLite: its table-level clauses and options, normalized;
                                 // PostgreSQL: PARTITION OF ... FOR VALUES, then PARTITION BY
    std::string partition_key;   // PostgreSQL: a partitioned table's PARTITION BY ...
    std::string parent;          // PostgreSQL: the partitioned table this one is a partition of
    std::vector<std::string> inherits;  // PostgreSQL: the parents of INHERITS, in order
    std::string access_method;          // PostgreSQL: USING's, when not heap
};

struct Index {
    std::string name;
    std::string table;
    bool unique = false;
    std::vector<std::string> columns;  // names or expressions, with their ordering and collation
    std::string where;                 // a partial index's predicate
    std::string definition;            // CREATE INDEX text
    std::string definition_key;
};

// Views and triggers: created from their text; re-created when an object they
// use changes under them.
struct View {
    std::string name;
    std::string definition;
    std::string definition_key;
    std::vector<std::string> depends_on;  // names of the tables and views it reads
    bool materialized = false;            // PostgreSQL
    std::vector<std::string> calls;       // PostgreSQL: keys of the routines of the schema it calls
};

struct Trigger {
    std::string name;
    std::string table;
    std::string definition;
    std::string definition_key;
    std::vector<std::string> depends_on;  // its table and the tables and views its body names
};

// PostgreSQL.
struct EnumType {
    std::string name;
    std::vector<std::string> values;
};

struct Sequence {
    std::string name;
    std::string data_type, start, increment, min_value, max_value, cache;
    bool cycle = false;
    std::string owned_by;  // "table.column", or empty
};

// PostgreSQL's other objects (extensions, domains, composite and range types,
// functions, procedures, aggregates, triggers, policies, row-level security,
// storage parameters, column options, comments...): created from the
// engine's own definition text, dropped by their own statement, compared by
// that text. One that changes is dropped and created again, or replaced in
// place when its text does that (CREATE OR REPLACE).
enum class Stage {
    BeforeTables,  // what tables use: extensions, types, functions in defaults and checks
    BeforeViews,   // what views and triggers use: other functions, aggregates
    AfterViews,    // what sits on tables and views: triggers, policies, options, comments
};

struct Object {
    std::string kind;  // "function", "trigger", ..., as describe() names it
    std::string name;  // unique within the kind, e.g. "f(integer)" or "account.audit"
    std::string create, drop;
    std::vector<std::string> depends_on;  // keys ("kind name") of the objects it needs
    Stage stage = Stage::AfterViews;
    bool replaceable = false;  // `create` replaces a changed one in place
    // The table whose CREATE TABLE makes the object (an INHERITS parent):
    // neither created with that table nor dropped before its DROP TABLE.
    std::string made_by_table;
    // What PostgreSQL will not drop it under ("column t.c", "index i"): a
    // change that drops it and creates it again fails, naming them.
    std::vector<std::string> used_by;

    std::string key() const { return kind + " " + name; }
};

struct Catalog {
    bool case_insensitive = false;  // SQLite: names match without regard to ASCII case
    std::vector<Table> tables;
    std::vector<Index> indexes;
    std::vector<View> views;
    std::vector<Trigger> triggers;
    std::vector<EnumType> enums;
    std::vector<Sequence> sequences;
    std::vector<Sequence> serial_sequences;  // PostgreSQL: those of serial columns, which `sequences` leaves out
    std::vector<Object> objects;

    // The name objects are matched by.
    std::string key(const std::string& name) const { return case_insensitive ? lower(name) : name; }
};

}  // namespace migrate::schema
