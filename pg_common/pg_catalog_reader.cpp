#include "pg_catalog_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "text.hpp"

namespace migrate::pg {
namespace {

using schema::Catalog;
using schema::Column;
using schema::Constraint;
using schema::ConstraintKind;
using schema::Table;

// Every query runs with search_path pinned to pg_catalog, pg_temp
// (search_path.hpp); calls on name and int2 values are still written as
// exact matches of pg_catalog's functions.

// Lists come back as one text, items separated by this byte, which no name
// of a sane schema holds.
constexpr char kSeparator = '\x1f';
#define SEPARATOR "E'\\x1f'"

// The oid of the compared schema ($1).
#define SCHEMA_OID "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)"

// A relation or type of `schema` ($1) that no extension owns.
#define IN_SCHEMA(alias, catalog)                                                                         \
    alias ".relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND NOT EXISTS (SELECT 1 " \
          "FROM pg_depend e WHERE e.classid = '" catalog "'::regclass AND e.objid = " alias               \
          ".oid AND e.deptype = 'e')"
#define TABLE_IN_SCHEMA(alias) IN_SCHEMA(alias, "pg_class") " AND " alias ".relkind IN ('r', 'p')"

std::string text(const Value& v) { return v.value_or(""); }

std::vector<std::string> items(const Value& v) {
    std::vector<std::string> out;
    if (!v || v->empty()) return out;
    for (auto item : split(*v, kSeparator)) out.emplace_back(item);
    return out;
}

const char* action(const std::string& code) {
    if (code == "r") return "RESTRICT";
    if (code == "c") return "CASCADE";
    if (code == "n") return "SET NULL";
    if (code == "d") return "SET DEFAULT";
    return "NO ACTION";
}

const char* match(const std::string& code) {
    if (code == "f") return "FULL";
    if (code == "p") return "PARTIAL";
    return "SIMPLE";
}

// The routines and types of the schema ($1) that the object `oid` of
// `catalog` (a pg_catalog table name) depends on, as Object keys.
#define OBJECT_DEPENDENCIES(catalog, oid) \
    "(SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT CASE dp.prokind WHEN 'p' THEN " \
    "'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || dp.proname || '(' || " \
    "pg_catalog.pg_get_function_identity_arguments(dp.oid) || ')' AS dk FROM pg_catalog.pg_depend dd JOIN " \
    "pg_catalog.pg_proc dp ON dp.oid = dd.refobjid WHERE dd.classid = 'pg_catalog." catalog \
    "'::pg_catalog.regclass AND dd.objid = " oid " AND dd.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass " \
    "AND dp.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT CASE " \
    "dt.typtype WHEN 'd' THEN 'domain ' ELSE 'type ' END || dt.typname FROM pg_catalog.pg_depend dd JOIN " \
    "pg_catalog.pg_type dt ON dt.oid = dd.refobjid WHERE dd.classid = 'pg_catalog." catalog \
    "'::pg_catalog.regclass AND dd.objid = " oid " AND dd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass " \
    "AND dt.typnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)) dks)"

// The two columns every routine row ends with: whether a default, constraint,
// type or relation uses the routine (so it is created before them), and the
// routines and types of the schema it depends on, and the views its
// SQL-standard body (BEGIN ATOMIC) reads. Shared by functions, procedures and
// aggregates.
#define ROUTINE_DEPENDENCY_COLUMNS                                                                             \
    "CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_depend u WHERE u.refclassid = "                             \
    "'pg_catalog.pg_proc'::pg_catalog.regclass AND u.refobjid = p.oid AND u.classid IN "                       \
    "('pg_catalog.pg_attrdef'::pg_catalog.regclass, 'pg_catalog.pg_constraint'::pg_catalog.regclass, "         \
    "'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_class'::pg_catalog.regclass)) THEN 'b' ELSE "   \
    "'v' END, pg_catalog.concat_ws(" SEPARATOR ", " OBJECT_DEPENDENCIES("pg_proc", "p.oid") ", (SELECT "       \
    "pg_catalog.string_agg(DISTINCT 'view ' || dr.relname, " SEPARATOR ") FROM pg_catalog.pg_depend dd JOIN "  \
    "pg_catalog.pg_class dr ON dr.oid = dd.refobjid WHERE dd.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass " \
    "AND dd.objid = p.oid AND dd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dr.relkind IN "   \
    "('v', 'm') AND dr.relnamespace = " SCHEMA_OID "))"

// Not an object of an extension.
#define NOT_IN_EXTENSION(catalog, oid)                                                                        \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog." catalog                 \
    "'::pg_catalog.regclass AND e.objid = " oid " AND e.deptype = 'e')"

// An object is created in the earliest stage of the objects that need it:
// a function only an operator calls comes before the table whose check
// uses that operator.
void settle_stages(std::vector<schema::Object>& objects) {
    std::map<std::string, schema::Object*> by_key;
    for (auto& o : objects) by_key[o.key()] = &o;
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& o : objects)
            for (const auto& d : o.depends_on) {
                auto it = by_key.find(d);
                if (it != by_key.end() && it->second->stage > o.stage) {
                    it->second->stage = o.stage;
                    changed = true;
                }
            }
    }
}

class Reader {
public:
    Reader(Database& db, const std::string& schema) : db_(db), schema_(schema) {}

    Catalog read() {
        read_tables();
        read_access_methods();
        read_columns();
        read_constraints();
        read_indexes();
        read_views();
        read_enums();
        read_sequences();
        read_objects();
        return std::move(catalog_);
    }

private:
    std::vector<Row> query(const std::string& sql) { return db_.query(sql, {schema_}); }

    Table* table(const Value& name) {
        auto it = tables_.find(text(name));
        return it == tables_.end() ? nullptr : &catalog_.tables[it->second];
    }

    void read_tables() {
        // A join, not obj_description(): that is an SQL function run per row.
        const char* sql =
            "SELECT c.relname, d.description, CASE WHEN c.relkind = 'p' THEN 'PARTITION BY ' || "
            "pg_catalog.pg_get_partkeydef(c.oid) END, CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr("
            "c.relpartbound, c.oid) END, (SELECT CASE WHEN p.relnamespace = c.relnamespace THEN p.relname ELSE "
            "p.oid::pg_catalog.regclass::text END FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class p ON "
            "p.oid = h.inhparent WHERE h.inhrelid = c.oid AND c.relispartition), (SELECT pg_catalog.string_agg(CASE "
            "WHEN p.relnamespace = c.relnamespace THEN p.relname::pg_catalog.text ELSE p.oid::pg_catalog.regclass::text "
            "END, " SEPARATOR " ORDER BY h.inhseqno) FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class p ON p.oid = "
            "h.inhparent WHERE h.inhrelid = c.oid AND NOT c.relispartition) "
            "FROM pg_class c LEFT JOIN pg_description d ON d.objoid = c.oid "
            "AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 WHERE " TABLE_IN_SCHEMA("c") " ORDER BY c.relname";
        for (const auto& row : query(sql)) {
            tables_.emplace(text(row[0]), catalog_.tables.size());
            Table t;
            t.name = text(row[0]);
            t.comment = row[1];
            t.parent = text(row[4]);
            t.inherits = items(row[5]);
            t.partition_key = text(row[2]);
            // A partition that is partitioned in turn: PARTITION OF p FOR VALUES ... PARTITION BY ...
            t.definition_key = row[3] ? "PARTITION OF " + t.parent + " " + text(row[3]) : "";
            if (!t.partition_key.empty())
                t.definition_key += (t.definition_key.empty() ? "" : " ") + t.partition_key;
            catalog_.tables.push_back(std::move(t));
        }
    }

    // A table's access method, when not heap (partitioned tables have none).
    void read_access_methods() {
        const char* sql =
            "SELECT c.relname, a.amname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_am a ON a.oid = c.relam "
            "WHERE " TABLE_IN_SCHEMA("c") " AND a.amname <> 'heap'";
        for (const auto& row : query(sql))
            if (Table* t = table(row[0])) t->access_method = text(row[1]);
    }

    // The serial sequence: owned by the column (an 'a' dependency), of its
    // type, named by its default, with the settings `serial` gives it; with
    // other settings the column is a plain one that still names it.
    void read_columns() {
        const char* sql =
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> 0 "
            "AND a.attcollation <> t.typcollation THEN ' COLLATE ' || pg_catalog.quote_ident(co.collname::pg_catalog.text) ELSE '' END, "
            "a.attnotnull, pg_get_expr(d.adbin, d.adrelid, true), cd.description, a.attidentity, "
            "a.attgenerated, serial.relname, identity.settings, identity.options, serial.plain, NOT a.attislocal, "
            "NOT a.attislocal AND parents.dflt IS DISTINCT FROM pg_get_expr(d.adbin, d.adrelid, true), "
            "NOT a.attislocal AND parents.notnull IS DISTINCT FROM a.attnotnull "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
            "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
            "LEFT JOIN pg_description cd ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass "
            "AND cd.objsubid = a.attnum "
            "LEFT JOIN LATERAL (SELECT s.relname, NOT (q.seqstart = 1 "
            "  AND q.seqincrement = 1 AND q.seqmin = 1 AND q.seqcache = 1 AND NOT q.seqcycle "
            "  AND q.seqmax = CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 "
            "  ELSE 9223372036854775807 END) AS plain FROM pg_depend o JOIN pg_class s ON s.oid = o.objid "
            "  JOIN pg_sequence q ON q.seqrelid = s.oid "
            "  WHERE o.classid = 'pg_class'::regclass AND o.refclassid = 'pg_class'::regclass AND o.refobjid = c.oid "
            "  AND o.refobjsubid = a.attnum AND o.deptype = 'a' AND q.seqtypid = a.atttypid "
            "  AND pg_get_expr(d.adbin, d.adrelid) = 'nextval(' || quote_literal(s.oid::regclass::text) || "
            "'::regclass)') serial ON a.attgenerated = '' "
            // An identity's settings: all of them, and those that differ from what the column's type gives.
            "LEFT JOIN LATERAL (SELECT pg_catalog.format('SET INCREMENT BY %s SET MINVALUE %s SET MAXVALUE %s "
            "SET START WITH %s SET CACHE %s SET %sCYCLE', q.seqincrement, q.seqmin, q.seqmax, q.seqstart, "
            "  q.seqcache, CASE WHEN q.seqcycle THEN '' ELSE 'NO ' END) AS settings, pg_catalog.concat_ws(' ', "
            "  CASE WHEN q.seqincrement <> 1 THEN 'INCREMENT BY ' || q.seqincrement END, "
            "  CASE WHEN q.seqmin <> CASE WHEN q.seqincrement > 0 THEN 1 ELSE m.low END THEN 'MINVALUE ' || q.seqmin END, "
            "  CASE WHEN q.seqmax <> CASE WHEN q.seqincrement > 0 THEN m.high ELSE -1 END THEN 'MAXVALUE ' || q.seqmax END, "
            "  CASE WHEN q.seqstart <> CASE WHEN q.seqincrement > 0 THEN q.seqmin ELSE q.seqmax END "
            "  THEN 'START WITH ' || q.seqstart END, CASE WHEN q.seqcache <> 1 THEN 'CACHE ' || q.seqcache END, "
            "  CASE WHEN q.seqcycle THEN 'CYCLE' END) AS options "
            "  FROM pg_catalog.pg_depend o JOIN pg_catalog.pg_sequence q ON q.seqrelid = o.objid, LATERAL (SELECT "
            "  CASE q.seqtypid WHEN 'pg_catalog.int2'::pg_catalog.regtype THEN -32768 WHEN "
            "  'pg_catalog.int4'::pg_catalog.regtype THEN -2147483648 ELSE -9223372036854775808 END AS low, "
            "  CASE q.seqtypid WHEN 'pg_catalog.int2'::pg_catalog.regtype THEN 32767 WHEN "
            "  'pg_catalog.int4'::pg_catalog.regtype THEN 2147483647 ELSE 9223372036854775807 END AS high) m "
            "  WHERE o.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.refclassid = "
            "  'pg_catalog.pg_class'::pg_catalog.regclass AND o.refobjid = c.oid AND o.refobjsubid = a.attnum "
            "  AND o.deptype = 'i') identity ON a.attidentity <> '' "
            // What an inherited column gets from its parents (they agree on a default, or the child has its own).
            "LEFT JOIN LATERAL (SELECT pg_catalog.bool_or(pa.attnotnull) AS notnull, pg_catalog.min(pg_get_expr("
            "  pd.adbin, pd.adrelid, true)) AS dflt FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_attribute pa ON "
            "  pa.attrelid = h.inhparent AND pa.attname = a.attname LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = "
            "  pa.attrelid AND pd.adnum = pa.attnum WHERE h.inhrelid = c.oid) parents ON NOT a.attislocal "
            "WHERE " TABLE_IN_SCHEMA("c") " ORDER BY c.relname, a.attnum";
        for (const auto& row : query(sql)) {
            Table* t = table(row[0]);
            if (!t) continue;
            Column c;
            c.name = text(row[1]);
            c.type = text(row[2]);
            c.nullable = text(row[3]) != "t";
            c.default_value = row[4];
            c.comment = row[5];
            const std::string identity = text(row[6]), generated = text(row[7]);
            // An identity is the column's default, as SQLAlchemy and Alembic see it.
            const std::string options = row[10] && !row[10]->empty() ? " (" + *row[10] + ")" : "";
            if (identity == "a") c.default_value = "GENERATED ALWAYS AS IDENTITY" + options;
            if (identity == "d") c.default_value = "GENERATED BY DEFAULT AS IDENTITY" + options;
            c.identity_settings = text(row[9]);
            if (generated == "s") {
                c.generated = schema::Generated::Stored;
                c.definition_key = "GENERATED ALWAYS AS (" + text(row[4]) + ") STORED";
                c.default_value.reset();
            }
            if (row[8]) {
                c.sequence = *row[8];
                if (text(row[11]) != "t") {
                    c.definition_key = "serial";
                    c.default_value.reset();
                    serial_sequences_.insert(*row[8]);
                }
            }
            c.inherited = text(row[12]) == "t";
            c.own_default = text(row[13]) == "t";
            c.own_nullability = text(row[14]) == "t";
            t->columns.push_back(std::move(c));
        }
    }

    void read_constraints() {
        const char* sql =
            "SELECT c.relname, k.conname, k.contype, "
            "(SELECT pg_catalog.string_agg(a.attname::pg_catalog.text, " SEPARATOR " ORDER BY u.i) FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(n, i) "
            " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n), "
            "pg_get_constraintdef(k.oid, true), pg_get_expr(k.conbin, k.conrelid, true), "
            "CASE WHEN rn.nspname = $1 THEN r.relname ELSE rn.nspname || '.' || r.relname END, "
            "(SELECT pg_catalog.string_agg(a.attname::pg_catalog.text, " SEPARATOR " ORDER BY u.i) FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(n, i) "
            " JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n), "
            "k.confupdtype, k.confdeltype, k.confmatchtype "
            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace "
            "WHERE " TABLE_IN_SCHEMA("c") " AND k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 AND k.conislocal "
            "ORDER BY c.relname, k.conname";
        for (const auto& row : query(sql)) {
            Table* t = table(row[0]);
            if (!t) continue;
            Constraint k;
            const std::string type = text(row[2]);
            k.kind = type == "p"   ? ConstraintKind::PrimaryKey
                     : type == "u" ? ConstraintKind::Unique
                     : type == "c" ? ConstraintKind::Check
                     : type == "x" ? ConstraintKind::Exclude
                                   : ConstraintKind::ForeignKey;
            k.name = text(row[1]);
            k.columns = items(row[3]);
            k.definition_key = text(row[4]);  // every clause, and the text to create it with
            if (k.kind == ConstraintKind::Check) k.expression = text(row[5]);
            if (k.kind == ConstraintKind::ForeignKey) {
                k.ref_table = text(row[6]);
                k.ref_columns = items(row[7]);
                k.on_update = action(text(row[8]));
                k.on_delete = action(text(row[9]));
                k.match = match(text(row[10]));
            }
            t->constraints.push_back(std::move(k));
        }
    }

    // The key is the definition from the table on ("account USING btree
    // (name) WHERE ..."): method, ordering, operator classes, INCLUDE,
    // storage options and predicate, without the index's own name. OFFSET 0
    // keeps the subquery whole, so pg_get_indexdef runs once per index.
    void read_indexes() {
        const char* sql =
            "SELECT name, tbl, is_unique, def, predicate, keys, "
            "substr(def, length('CREATE ' || CASE WHEN is_unique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || "
            "pg_catalog.quote_ident(name::pg_catalog.text) || ' ON ') + 1) FROM ("
            "SELECT x.relname AS name, c.relname AS tbl, i.indisunique AS is_unique, "
            "pg_catalog.replace(pg_get_indexdef(i.indexrelid, 0, true), CASE WHEN c.relkind = 'p' THEN "
            "' ON ONLY ' ELSE '' END, ' ON ') AS def, pg_get_expr(i.indpred, i.indrelid, true) AS predicate, "
            "(SELECT pg_catalog.string_agg(coalesce(pg_catalog.quote_ident(a.attname::pg_catalog.text), pg_get_indexdef(i.indexrelid, k, true)), " SEPARATOR
            " ORDER BY k) FROM pg_catalog.generate_series(1, i.indnkeyatts::pg_catalog.int4) k LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
            " AND a.attnum = i.indkey[k - 1]) AS keys "
            "FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
            "WHERE " IN_SCHEMA("c", "pg_class") " AND c.relkind IN ('r', 'p', 'm') AND NOT x.relispartition "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
            "i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) OFFSET 0) s ORDER BY name";
        for (const auto& row : query(sql)) {
            schema::Index index;
            index.name = text(row[0]);
            index.table = text(row[1]);
            index.unique = text(row[2]) == "t";
            index.definition = text(row[3]);
            index.where = text(row[4]);
            index.columns = items(row[5]);
            index.definition_key = text(row[6]);
            catalog_.indexes.push_back(std::move(index));
        }
    }

    // `depends_on`: the tables and views of the schema that the view's
    // rewrite rule depends on (pg_depend).
    void read_views() {
        const char* sql =
            "SELECT c.relname, coalesce('WITH (' || array_to_string(c.reloptions, ', ') || ') ', '') || 'AS' || "
            "rtrim(pg_get_viewdef(c.oid, true), ';'), "
            "(SELECT pg_catalog.string_agg(DISTINCT r.relname::pg_catalog.text, " SEPARATOR ") FROM pg_rewrite w JOIN pg_depend d ON "
            " d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = 'pg_class'::regclass "
            " JOIN pg_class r ON r.oid = d.refobjid WHERE w.ev_class = c.oid AND r.oid <> c.oid "
            " AND r.relnamespace = c.relnamespace), "
            "c.relkind = 'm', (SELECT pg_catalog.string_agg(DISTINCT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN "
            "'a' THEN 'aggregate ' ELSE 'function ' END || p.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', " SEPARATOR ") FROM pg_rewrite w JOIN "
            "pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = "
            "'pg_proc'::regclass JOIN pg_proc p ON p.oid = d.refobjid WHERE w.ev_class = c.oid AND p.pronamespace = "
            "c.relnamespace) "
            "FROM pg_class c WHERE " IN_SCHEMA("c", "pg_class") " AND c.relkind IN ('v', 'm') "
            "ORDER BY c.relname";
        for (const auto& row : query(sql)) {
            schema::View view;
            view.name = text(row[0]);
            view.materialized = text(row[3]) == "t";
            view.definition = text(row[1]);
            view.definition_key = view.definition;
            view.depends_on = items(row[2]);
            view.calls = items(row[4]);
            catalog_.views.push_back(std::move(view));
        }
    }

    // Every other object of the schema (schema_catalog.hpp's Object), one query per kind.
    void read_objects() {
        static const char* const queries[] = {
            // Extensions of the schema, but migrate itself.
            "SELECT 'extension', x.extname, pg_catalog.format('CREATE EXTENSION %I;', x.extname), "
            "pg_catalog.format('DROP EXTENSION %I;', x.extname), 'b', NULL, false FROM pg_catalog.pg_extension x "
            "WHERE x.extnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND x.extname <> "
            "'migrate'",
            // Domains.
            "SELECT 'domain', t.typname, pg_catalog.format('CREATE DOMAIN %I AS %s', t.typname, "
            "pg_catalog.format_type(t.typbasetype, t.typtypmod)) || CASE WHEN t.typcollation <> 0 AND "
            "t.typcollation <> b.typcollation THEN ' COLLATE ' || t.typcollation::pg_catalog.regcollation::text "
            "ELSE '' END || ';', pg_catalog.format('DROP DOMAIN "
            "%I;', t.typname), 'b', (SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT CASE "
            "dp.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || dp.proname "
            "|| '(' || pg_catalog.pg_get_function_identity_arguments(dp.oid) || ')' AS dk FROM "
            "pg_catalog.pg_depend dd JOIN pg_catalog.pg_proc dp ON dp.oid = dd.refobjid WHERE dd.classid = "
            "'pg_catalog.pg_type'::pg_catalog.regclass AND dd.objid = t.oid AND dd.refclassid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND dp.pronamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT CASE dt.typtype WHEN 'd' THEN 'domain ' "
            "ELSE 'type ' END || dt.typname FROM pg_catalog.pg_depend dd JOIN pg_catalog.pg_type dt ON dt.oid = "
            "dd.refobjid WHERE dd.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dd.objid = t.oid AND "
            "dd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dt.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1)) dks), false FROM pg_catalog.pg_type t JOIN "
            "pg_catalog.pg_type b ON b.oid = t.typbasetype WHERE t.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND t.typtype = 'd' AND NOT EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = "
            "t.oid AND e.deptype = 'e')",
            // A domain's default, NOT NULL and constraints change in place (ALTER DOMAIN), so that a domain
            // columns use keeps them; a NOT VALID check can only be added that way.
            "SELECT 'domain_default', t.typname, pg_catalog.format('ALTER DOMAIN %I SET DEFAULT %s;', t.typname, "
            "t.typdefault), pg_catalog.format('ALTER DOMAIN %I DROP DEFAULT;', t.typname), 'b', 'domain ' || "
            "t.typname, false FROM pg_catalog.pg_type t WHERE t.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND t.typtype = 'd' AND t.typdefault IS NOT NULL AND "
            NOT_IN_EXTENSION("pg_type", "t.oid") " UNION ALL SELECT 'domain_not_null', t.typname, "
            "pg_catalog.format('ALTER DOMAIN %I SET NOT NULL;', t.typname), pg_catalog.format('ALTER DOMAIN %I DROP "
            "NOT NULL;', t.typname), 'b', 'domain ' || t.typname, false FROM pg_catalog.pg_type t WHERE "
            "t.typnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND t.typtype = 'd' AND "
            "t.typnotnull AND " NOT_IN_EXTENSION("pg_type", "t.oid") " UNION ALL SELECT 'domain_constraint', "
            "t.typname || '.' || k.conname, pg_catalog.format('ALTER DOMAIN %I ADD CONSTRAINT %I %s;', t.typname, "
            "k.conname, pg_catalog.pg_get_constraintdef(k.oid, true)), pg_catalog.format('ALTER DOMAIN %I DROP "
            "CONSTRAINT %I;', t.typname, k.conname), 'b', pg_catalog.concat_ws(E'\\x1f', 'domain ' || t.typname, "
            OBJECT_DEPENDENCIES("pg_constraint", "k.oid") "), false FROM pg_catalog.pg_constraint k JOIN "
            "pg_catalog.pg_type t ON t.oid = k.contypid WHERE t.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND " NOT_IN_EXTENSION("pg_type", "t.oid"),
            // Composite types.
            "SELECT 'type', t.typname, pg_catalog.format('CREATE TYPE %I AS (%s);', t.typname, coalesce((SELECT "
            "pg_catalog.string_agg(pg_catalog.format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, "
            "a.atttypmod)) || CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN ' COLLATE "
            "' || a.attcollation::pg_catalog.regcollation::text ELSE '' END, ', ' ORDER BY a.attnum) FROM "
            "pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid WHERE a.attrelid = "
            "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')), pg_catalog.format('DROP TYPE %I;', "
            "t.typname), 'b', (SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT CASE dp.prokind "
            "WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || dp.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(dp.oid) || ')' AS dk FROM pg_catalog.pg_depend dd JOIN "
            "pg_catalog.pg_proc dp ON dp.oid = dd.refobjid WHERE dd.classid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND dd.objid = t.typrelid AND dd.refclassid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND dp.pronamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT CASE dt.typtype WHEN 'd' THEN 'domain ' "
            "ELSE 'type ' END || dt.typname FROM pg_catalog.pg_depend dd JOIN pg_catalog.pg_type dt ON dt.oid = "
            "dd.refobjid WHERE dd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dd.objid = t.typrelid "
            "AND dd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dt.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1)) dks), false FROM pg_catalog.pg_type t JOIN "
            "pg_catalog.pg_class c ON c.oid = t.typrelid WHERE t.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND t.typtype = 'c' AND c.relkind = 'c' AND NOT EXISTS "
            "(SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass "
            "AND e.objid = t.oid AND e.deptype = 'e')",
            // Range types.
            "SELECT 'type', t.typname, pg_catalog.format('CREATE TYPE %I AS RANGE (SUBTYPE = %s', t.typname, "
            "pg_catalog.format_type(r.rngsubtype, NULL)) || CASE WHEN NOT opc.opcdefault THEN "
            "pg_catalog.format(', SUBTYPE_OPCLASS = %I', opc.opcname) ELSE '' END || CASE WHEN r.rngcollation <> "
            "0 AND r.rngcollation <> st.typcollation THEN ', COLLATION = ' || "
            "r.rngcollation::pg_catalog.regcollation::text ELSE '' END || CASE WHEN r.rngcanonical <> 0 THEN ', "
            "CANONICAL = ' || r.rngcanonical::pg_catalog.regproc::text ELSE '' END || CASE WHEN r.rngsubdiff <> 0 "
            "THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::pg_catalog.regproc::text ELSE '' END || "
            "pg_catalog.format(', MULTIRANGE_TYPE_NAME = %I);', mt.typname), pg_catalog.format('DROP TYPE %I;', "
            "t.typname), 'b', (SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT CASE dp.prokind "
            "WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || dp.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(dp.oid) || ')' AS dk FROM pg_catalog.pg_depend dd JOIN "
            "pg_catalog.pg_proc dp ON dp.oid = dd.refobjid WHERE dd.classid = "
            "'pg_catalog.pg_type'::pg_catalog.regclass AND dd.objid = t.oid AND dd.refclassid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND dp.pronamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT CASE dt.typtype WHEN 'd' THEN 'domain ' "
            "ELSE 'type ' END || dt.typname FROM pg_catalog.pg_depend dd JOIN pg_catalog.pg_type dt ON dt.oid = "
            "dd.refobjid WHERE dd.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dd.objid = t.oid AND "
            "dd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dt.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1)) dks), false FROM pg_catalog.pg_type t JOIN "
            "pg_catalog.pg_range r ON r.rngtypid = t.oid JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc "
            "JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype JOIN pg_catalog.pg_type mt ON mt.oid = "
            "r.rngmultitypid WHERE t.typnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) "
            "AND t.typtype = 'r' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
            "'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = t.oid AND e.deptype = 'e')",
            // Functions and procedures (not a range type's constructors): before the tables when a default,
            // a check, an index or a type uses them. An SQL function's body may call one created after it:
            // bodies are not checked (for the rest of the transaction, as in pg_dump's output).
            "SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', CASE WHEN p.prolang = (SELECT l.oid "
            "FROM pg_catalog.pg_language l WHERE l.lanname = 'sql') AND p.prosqlbody IS NULL THEN E'SET LOCAL "
            "check_function_bodies = off;\\n' ELSE '' END || "
            "pg_catalog.rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\\n') || ';', pg_catalog.format('DROP %s "
            "%I(%s);', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.proname, "
            "pg_catalog.pg_get_function_identity_arguments(p.oid)), " ROUTINE_DEPENDENCY_COLUMNS ", true FROM pg_catalog.pg_proc p WHERE "
            "p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND p.prokind IN ('f', "
            "'p', 'w') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND e.objid = p.oid AND e.deptype = 'e') AND NOT EXISTS "
            "(SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass "
            "AND i.objid = p.oid AND i.deptype = 'i')",
            // Aggregates: plain, ordered-set and hypothetical-set ones, with every option pg_dump writes
            // (FINALFUNC_MODIFY and MFINALFUNC_MODIFY where they differ from the kind's default).
#define MODIFY(column) \
    "CASE " column " WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END"
            "SELECT 'aggregate', p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', "
            "pg_catalog.format('CREATE OR REPLACE AGGREGATE %I(%s) (SFUNC = %s, STYPE = %s', p.proname, "
            "pg_catalog.pg_get_function_arguments(p.oid), a.aggtransfn::pg_catalog.regproc::text, "
            "pg_catalog.format_type(a.aggtranstype, NULL)) || CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || "
            "a.aggtransspace ELSE '' END || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' "
            "|| a.aggfinalfn::pg_catalog.regproc::text ELSE '' END || CASE WHEN a.aggfinalextra THEN ', "
            "FINALFUNC_EXTRA' ELSE '' END || CASE WHEN a.aggfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE "
            "'w' END THEN ', FINALFUNC_MODIFY = ' || " MODIFY("a.aggfinalmodify") " ELSE '' END || CASE WHEN "
            "a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || "
            "a.aggcombinefn::pg_catalog.regproc::text ELSE '' END || CASE WHEN a.aggserialfn <> 0 THEN ', "
            "SERIALFUNC = ' || a.aggserialfn::pg_catalog.regproc::text ELSE '' END || CASE WHEN a.aggdeserialfn "
            "<> 0 THEN ', DESERIALFUNC = ' || a.aggdeserialfn::pg_catalog.regproc::text ELSE '' END || "
            "coalesce(', INITCOND = ' || pg_catalog.quote_literal(a.agginitval), '') || CASE WHEN a.aggmtransfn <> "
            "0 THEN ', MSFUNC = ' || a.aggmtransfn::pg_catalog.regproc::text || ', MINVFUNC = ' || "
            "a.aggminvtransfn::pg_catalog.regproc::text || ', MSTYPE = ' || pg_catalog.format_type(a.aggmtranstype, "
            "NULL) || CASE WHEN a.aggmtransspace <> 0 THEN ', MSSPACE = ' || a.aggmtransspace ELSE '' END || CASE "
            "WHEN a.aggmfinalfn <> 0 THEN ', MFINALFUNC = ' || a.aggmfinalfn::pg_catalog.regproc::text ELSE '' END "
            "|| CASE WHEN a.aggmfinalextra THEN ', MFINALFUNC_EXTRA' ELSE '' END || CASE WHEN a.aggmfinalmodify <> "
            "CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END THEN ', MFINALFUNC_MODIFY = ' || "
            MODIFY("a.aggmfinalmodify") " ELSE '' END || coalesce(', MINITCOND = ' || "
            "pg_catalog.quote_literal(a.aggminitval), '') ELSE '' END || CASE WHEN a.aggsortop <> 0 THEN ', SORTOP "
            "= ' || (SELECT o.oprname FROM pg_catalog.pg_operator o WHERE o.oid = a.aggsortop) ELSE '' END || CASE "
            "WHEN a.aggkind = 'h' THEN ', HYPOTHETICAL' ELSE '' END || CASE p.proparallel WHEN 's' THEN ', "
            "PARALLEL = SAFE' WHEN 'r' THEN ', PARALLEL = RESTRICTED' ELSE '' END || ');', "
            "pg_catalog.format('DROP AGGREGATE %I(%s);', p.proname, "
            "pg_catalog.pg_get_function_identity_arguments(p.oid)), " ROUTINE_DEPENDENCY_COLUMNS ", true FROM "
            "pg_catalog.pg_proc p JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid WHERE p.pronamespace = "
            "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND NOT EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.objid = "
            "p.oid AND e.deptype = 'e')",
#undef MODIFY
            // Triggers (not those of constraints, nor partitions' copies); one on a view is created again
            // with it.
            "SELECT 'trigger', c.relname || '.' || g.tgname, pg_catalog.pg_get_triggerdef(g.oid, true) || ';' || "
            "CASE g.tgenabled WHEN 'D' THEN pg_catalog.format(E'\\nALTER TABLE %I DISABLE TRIGGER %I;', c.relname, "
            "g.tgname) WHEN 'R' THEN pg_catalog.format(E'\\nALTER TABLE %I ENABLE REPLICA TRIGGER %I;', c.relname, "
            "g.tgname) WHEN 'A' THEN pg_catalog.format(E'\\nALTER TABLE %I ENABLE ALWAYS TRIGGER %I;', c.relname, "
            "g.tgname) ELSE '' END, "
            "pg_catalog.format('DROP TRIGGER %I ON %I;', g.tgname, c.relname), 'a', pg_catalog.concat_ws("
            SEPARATOR ", " OBJECT_DEPENDENCIES("pg_trigger", "g.oid") ", CASE WHEN c.relkind = 'v' THEN 'view ' || "
            "c.relname END), false FROM pg_catalog.pg_trigger g JOIN "
            "pg_catalog.pg_class c ON c.oid = g.tgrelid WHERE c.relnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND NOT g.tgisinternal AND g.tgparentid = 0 AND NOT "
            "EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e')",
            // Policies.
            "SELECT 'policy', c.relname || '.' || p.polname, pg_catalog.format('CREATE POLICY %I ON %I AS %s FOR "
            "%s TO %s', p.polname, c.relname, CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, "
            "CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN "
            "'DELETE' ELSE 'ALL' END, (SELECT pg_catalog.string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE "
            "pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r)) END, ', ' ORDER BY r) FROM "
            "pg_catalog.unnest(p.polroles) r)) || coalesce(' USING (' || pg_catalog.pg_get_expr(p.polqual, "
            "p.polrelid, true) || ')', '') || coalesce(' WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, "
            "p.polrelid, true) || ')', '') || ';', pg_catalog.format('DROP POLICY %I ON %I;', p.polname, "
            "c.relname), 'a', (SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT CASE dp.prokind "
            "WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || dp.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(dp.oid) || ')' AS dk FROM pg_catalog.pg_depend dd JOIN "
            "pg_catalog.pg_proc dp ON dp.oid = dd.refobjid WHERE dd.classid = "
            "'pg_catalog.pg_policy'::pg_catalog.regclass AND dd.objid = p.oid AND dd.refclassid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND dp.pronamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT CASE dt.typtype WHEN 'd' THEN 'domain ' "
            "ELSE 'type ' END || dt.typname FROM pg_catalog.pg_depend dd JOIN pg_catalog.pg_type dt ON dt.oid = "
            "dd.refobjid WHERE dd.classid = 'pg_catalog.pg_policy'::pg_catalog.regclass AND dd.objid = p.oid AND "
            "dd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dt.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1)) dks), false FROM pg_catalog.pg_policy p JOIN "
            "pg_catalog.pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1)",
            // Operators: before the tables when a default, constraint, index or type uses them.
            "SELECT 'operator', o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE "
            "pg_catalog.format_type(o.oprleft, NULL) END || ', ' || pg_catalog.format_type(o.oprright, NULL) || "
            "')', 'CREATE OPERATOR ' || o.oprname || ' (FUNCTION = ' || o.oprcode::pg_catalog.regproc::text || "
            "CASE WHEN o.oprleft <> 0 THEN ', LEFTARG = ' || pg_catalog.format_type(o.oprleft, NULL) ELSE '' END "
            "|| ', RIGHTARG = ' || pg_catalog.format_type(o.oprright, NULL) || CASE WHEN o.oprcom <> 0 THEN ', "
            "COMMUTATOR = OPERATOR(' || o.oprcom::pg_catalog.regoper::text || ')' ELSE '' END || CASE WHEN "
            "o.oprnegate <> 0 THEN ', NEGATOR = OPERATOR(' || o.oprnegate::pg_catalog.regoper::text || ')' ELSE "
            "'' END || CASE WHEN o.oprrest <> 0 THEN ', RESTRICT = ' || o.oprrest::pg_catalog.regproc::text ELSE "
            "'' END || CASE WHEN o.oprjoin <> 0 THEN ', JOIN = ' || o.oprjoin::pg_catalog.regproc::text ELSE '' "
            "END || CASE WHEN o.oprcanhash THEN ', HASHES' ELSE '' END || CASE WHEN o.oprcanmerge THEN ', "
            "MERGES' ELSE '' END || ');', 'DROP OPERATOR ' || o.oprname || ' (' || CASE WHEN o.oprleft = 0 THEN "
            "'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END || ', ' || pg_catalog.format_type(o.oprright, "
            "NULL) || ');', CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_depend u WHERE u.refclassid = "
            "'pg_catalog.pg_operator'::pg_catalog.regclass AND u.refobjid = o.oid AND u.classid IN "
            "('pg_catalog.pg_attrdef'::pg_catalog.regclass, 'pg_catalog.pg_constraint'::pg_catalog.regclass, "
            "'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_class'::pg_catalog.regclass)) THEN 'b' ELSE "
            "'v' END, " OBJECT_DEPENDENCIES("pg_operator", "o.oid") ", false FROM pg_catalog.pg_operator o WHERE "
            "o.oprnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND o.oprcode <> 0 AND "
            NOT_IN_EXTENSION("pg_operator", "o.oid"),
            // Shell operators, which an operator naming them as its COMMUTATOR or NEGATOR makes (they have no
            // CREATE of their own), and which outlive it: they are dropped, or the types they name cannot be.
            "SELECT 'operator', o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE "
            "pg_catalog.format_type(o.oprleft, NULL) END || ', ' || pg_catalog.format_type(o.oprright, NULL) || "
            "')', '', 'DROP OPERATOR ' || o.oprname || ' (' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE "
            "pg_catalog.format_type(o.oprleft, NULL) END || ', ' || pg_catalog.format_type(o.oprright, NULL) || ');', "
            "'v', " OBJECT_DEPENDENCIES("pg_operator", "o.oid") ", false FROM pg_catalog.pg_operator o WHERE "
            "o.oprnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND o.oprcode = 0 AND "
            NOT_IN_EXTENSION("pg_operator", "o.oid"),
            // Unlogged tables (created logged, then set so).
            "SELECT 'unlogged', c.relname, pg_catalog.format('ALTER TABLE %I SET UNLOGGED;', c.relname), "
            "pg_catalog.format('ALTER TABLE %I SET LOGGED;', c.relname), 'a', NULL, false FROM pg_catalog.pg_class "
            "c WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind = "
            "'r' AND c.relpersistence = 'u' AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // A sequence whose persistence is not what it gets: a table's SET UNLOGGED (or LOGGED) takes
            // the sequences it owns along, so one that stays otherwise is set after its table.
            "SELECT 'sequence_persistence', s.relname, pg_catalog.format('ALTER SEQUENCE %I SET %s;', s.relname, "
            "CASE s.relpersistence WHEN 'u' THEN 'UNLOGGED' ELSE 'LOGGED' END), pg_catalog.format('ALTER SEQUENCE "
            "%I SET %s;', s.relname, CASE WHEN s.relpersistence = 'u' THEN 'LOGGED' ELSE 'UNLOGGED' END), 'a', "
            "CASE WHEN t.relpersistence = 'u' THEN 'unlogged ' || t.relname END, false FROM pg_catalog.pg_class s "
            "LEFT JOIN LATERAL (SELECT o.relname, o.relpersistence FROM pg_catalog.pg_depend d JOIN "
            "pg_catalog.pg_class o ON o.oid = d.refobjid WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
            "AND d.objid = s.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN "
            "('a', 'i') LIMIT 1) t ON true WHERE s.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE "
            "nspname = $1) AND s.relkind = 'S' AND s.relpersistence <> coalesce(t.relpersistence, 'p') AND "
            NOT_IN_EXTENSION("pg_class", "s.oid"),
            // Statistics targets of index expression columns, kept with their index.
            "SELECT 'index_statistics', x.relname || '.' || a.attnum, pg_catalog.format('ALTER INDEX %I ALTER "
            "COLUMN %s SET STATISTICS %s;', x.relname, a.attnum, a.attstattarget), pg_catalog.format('ALTER INDEX "
            "%I ALTER COLUMN %s SET STATISTICS -1;', x.relname, a.attnum), 'a', 'index ' || x.relname, false FROM "
            "pg_catalog.pg_class x JOIN pg_catalog.pg_attribute a ON a.attrelid = x.oid AND a.attnum > 0 WHERE "
            "x.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND x.relkind IN ('i', "
            "'I') AND a.attstattarget >= 0 AND " NOT_IN_EXTENSION("pg_class", "x.oid"),
            // Row-level security.
            "SELECT 'row_security', c.relname, pg_catalog.format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY;', "
            "c.relname) || CASE WHEN c.relforcerowsecurity THEN pg_catalog.format(E'\\nALTER TABLE %I FORCE ROW "
            "LEVEL SECURITY;', c.relname) ELSE '' END, pg_catalog.format('ALTER TABLE %I DISABLE ROW LEVEL "
            "SECURITY;', c.relname) || CASE WHEN c.relforcerowsecurity THEN pg_catalog.format(E'\\nALTER TABLE %I "
            "NO FORCE ROW LEVEL SECURITY;', c.relname) ELSE '' END, 'a', NULL, false FROM pg_catalog.pg_class c "
            "WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind IN "
            "('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND NOT EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = "
            "c.oid AND e.deptype = 'e')",
            // Storage parameters of tables, their TOAST table's as toast.* (as pg_dump writes them).
            "SELECT 'storage_parameters', c.relname, pg_catalog.format('ALTER TABLE %I SET (%s);', c.relname, "
            "pg_catalog.array_to_string(r.options, ', ')), pg_catalog.format('ALTER TABLE %I RESET (%s);', "
            "c.relname, (SELECT pg_catalog.string_agg(pg_catalog.split_part(o, '=', 1), ', ') FROM "
            "pg_catalog.unnest(r.options) o)), 'a', NULL, false FROM pg_catalog.pg_class c, LATERAL (SELECT "
            "coalesce(c.reloptions, '{}') || coalesce((SELECT pg_catalog.array_agg('toast.' "
            "|| o) FROM pg_catalog.pg_class t, pg_catalog.unnest(t.reloptions) o WHERE t.oid = "
            "c.reltoastrelid), '{}') AS options) r WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace "
            "WHERE nspname = $1) AND c.relkind = 'r' AND pg_catalog.cardinality(r.options) > 0 AND NOT EXISTS "
            "(SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND "
            "e.objid = c.oid AND e.deptype = 'e')",
            // Column options, statistics targets, storage and compression (not the server's internal pg_* options), on
            // the table alone (ONLY): a child's, inherited column or not, are its own, as pg_dump writes them.
            "SELECT 'column_options', c.relname || '.' || a.attname, pg_catalog.concat_ws(E'\\n', CASE WHEN "
            "x.opts IS NOT NULL THEN pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I SET (%s);', c.relname, "
            "a.attname, x.opts) END, CASE WHEN a.attstattarget >= 0 THEN pg_catalog.format('ALTER TABLE ONLY %I ALTER "
            "COLUMN %I SET STATISTICS %s;', c.relname, a.attname, a.attstattarget) END, CASE WHEN a.attstorage <> "
            "t.typstorage THEN pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I SET STORAGE %s;', c.relname, "
            "a.attname, CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' "
            "ELSE 'EXTENDED' END) END, CASE WHEN a.attcompression <> '' THEN pg_catalog.format('ALTER TABLE ONLY %I "
            "ALTER COLUMN %I SET COMPRESSION %s;', c.relname, a.attname, CASE a.attcompression WHEN 'p' THEN "
            "'pglz' ELSE 'lz4' END) END), pg_catalog.concat_ws(E'\\n', CASE WHEN x.opts IS NOT NULL THEN "
            "pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I RESET (%s);', c.relname, a.attname, x.names) END, "
            "CASE WHEN a.attstattarget >= 0 THEN pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I SET STATISTICS "
            "-1;', c.relname, a.attname) END, CASE WHEN a.attstorage <> t.typstorage THEN "
            "pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I SET STORAGE %s;', c.relname, a.attname, CASE "
            "t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' "
            "END) END, CASE WHEN a.attcompression <> '' THEN pg_catalog.format('ALTER TABLE ONLY %I ALTER COLUMN %I "
            "SET COMPRESSION DEFAULT;', c.relname, a.attname) END), 'a', NULL, false FROM pg_catalog.pg_class c "
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped JOIN "
            "pg_catalog.pg_type t ON t.oid = a.atttypid, LATERAL (SELECT pg_catalog.string_agg(o, ', ') AS opts, "
            "pg_catalog.string_agg(pg_catalog.split_part(o, '=', 1), ', ') AS names FROM "
            "pg_catalog.unnest(a.attoptions) o WHERE o NOT LIKE 'pg\\_%') x WHERE c.relnamespace = (SELECT oid "
            "FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT "
            "1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND "
            "e.objid = c.oid AND e.deptype = 'e') AND (x.opts IS NOT NULL OR a.attstattarget >= 0 OR a.attstorage "
            "<> t.typstorage OR a.attcompression <> '')",
            // Comments on the objects that tables, columns and enums do not hold (extensions' own are theirs).
            "SELECT 'comment', w.what, pg_catalog.format('COMMENT ON %s IS %L;', w.what, d.description), "
            "pg_catalog.format('COMMENT ON %s IS NULL;', w.what), 'a', w.dep, false FROM (SELECT "
            "pg_catalog.format('%s %I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' "
            "ELSE 'FUNCTION' END, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) AS what, "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AS cls, p.oid, CASE p.prokind WHEN 'p' THEN 'procedure ' "
            "WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || p.proname || '(' || "
            "pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS dep FROM pg_catalog.pg_proc p WHERE "
            "p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT "
            "pg_catalog.format('%s %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname), "
            "'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, CASE t.typtype WHEN 'd' THEN 'domain ' ELSE 'type "
            "' END || t.typname FROM pg_catalog.pg_type t WHERE t.typnamespace = (SELECT oid FROM "
            "pg_catalog.pg_namespace WHERE nspname = $1) AND t.typtype IN ('d', 'e', 'c', 'r') UNION ALL SELECT "
            "pg_catalog.format('TRIGGER %I ON %I', g.tgname, c.relname), "
            "'pg_catalog.pg_trigger'::pg_catalog.regclass, g.oid, 'trigger ' || c.relname || '.' || g.tgname FROM "
            "pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid WHERE c.relnamespace = "
            "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT "
            "pg_catalog.format('POLICY %I ON %I', p.polname, c.relname), "
            "'pg_catalog.pg_policy'::pg_catalog.regclass, p.oid, 'policy ' || c.relname || '.' || p.polname FROM "
            "pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = "
            "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) UNION ALL SELECT pg_catalog.format('%s "
            "%I', CASE c.relkind WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN "
            "'MATERIALIZED VIEW' ELSE 'SEQUENCE' END, c.relname), 'pg_catalog.pg_class'::pg_catalog.regclass, "
            "c.oid, CASE WHEN c.relkind IN ('i', 'I') THEN 'index ' ELSE 'view ' END || c.relname FROM "
            "pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname "
            "= $1) AND c.relkind IN ('i', 'I', 'v', 'm', 'S') UNION ALL SELECT pg_catalog.format('CONSTRAINT %I "
            "ON %s%I', k.conname, CASE WHEN k.contypid <> 0 THEN 'DOMAIN ' ELSE '' END, coalesce(c.relname, "
            "t.typname)), 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid, CASE WHEN k.contypid <> 0 THEN "
            "'domain_constraint ' || t.typname || '.' || k.conname END FROM pg_catalog.pg_constraint k LEFT JOIN "
            "pg_catalog.pg_class c ON c.oid = k.conrelid LEFT JOIN pg_catalog.pg_type t ON t.oid = k.contypid WHERE k.connamespace = (SELECT oid "
            "FROM pg_catalog.pg_namespace WHERE nspname = $1) AND k.conparentid = 0) w JOIN "
            "pg_catalog.pg_description d ON d.classoid = w.cls AND d.objoid = w.oid AND d.objsubid = 0 WHERE NOT "
            "EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = w.cls AND e.objid = w.oid AND "
            "e.deptype = 'e')",
        };
        for (const char* sql : queries) read_object_rows(sql);
        read_schema_level_objects();
        read_table_objects();
        read_code_objects();
        read_more_comments();
        drop_comments_on_objects_left_out();
        read_object_users();
        settle_stages(catalog_.objects);
    }

    // Rows of kind, name, create, drop, stage ('b', 'v' or 'a'), depends_on, replaceable, and
    // optionally the table whose CREATE TABLE makes the object.
    void read_object_rows(const char* sql) {
        for (const auto& row : query(sql)) {
            schema::Object o;
            o.kind = text(row[0]);
            o.name = text(row[1]);
            o.create = text(row[2]);
            o.drop = text(row[3]);
            const std::string stage = text(row[4]);
            o.stage = stage == "b"   ? schema::Stage::BeforeTables
                      : stage == "v" ? schema::Stage::BeforeViews
                                     : schema::Stage::AfterViews;
            o.depends_on = items(row[5]);
            o.replaceable = text(row[6]) == "t";
            if (row.size() > 7) o.made_by_table = text(row[7]);
            catalog_.objects.push_back(std::move(o));
        }
    }

    // Collations, text search dictionaries and configurations, casts,
    // operator families and classes, event triggers, publications, foreign
    // data wrappers, servers and foreign tables. Casts, event triggers,
    // publications, wrappers and servers belong to the database, not to a
    // schema: one is the compared schema's when it uses the schema (a cast's
    // type or function, an event trigger's function, a publication's tables
    // or the schema itself, a server's foreign tables, a wrapper's servers);
    // one that uses no schema (a publication of all tables or of none, a
    // server of no foreign table, a wrapper of no server) always.
    void read_schema_level_objects() {
// An operator's, a function's and a type's Object key.
#define OPERATOR_KEY(o)                                                                                         \
    "'operator ' || " o ".oprname || '(' || CASE WHEN " o ".oprleft = 0 THEN 'NONE' ELSE "                       \
    "pg_catalog.format_type(" o ".oprleft, NULL) END || ', ' || pg_catalog.format_type(" o ".oprright, NULL) || ')'"
#define FUNCTION_KEY(p) \
    "'function ' || " p ".proname || '(' || pg_catalog.pg_get_function_identity_arguments(" p ".oid) || ')'"
#define TYPE_KEY(t) "CASE " t ".typtype WHEN 'd' THEN 'domain ' ELSE 'type ' END || " t ".typname"
// The members of an operator family or class (`owner`: the pg_opfamily or
// pg_opclass row they depend on), as its AS or ADD list; and the operators,
// functions and types of the schema they use, as Object keys.
#define MEMBERS(catalog, owner)                                                                                  \
    "(SELECT pg_catalog.string_agg(m, ', ' ORDER BY k, n, m) FROM (SELECT 1 AS k, o.amopstrategy AS n, "          \
    "pg_catalog.format('OPERATOR %s %s', o.amopstrategy, o.amopopr::pg_catalog.regoperator) || CASE WHEN "       \
    "o.amoppurpose = 'o' THEN pg_catalog.format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname) ELSE '' END AS m " \
    "FROM pg_catalog.pg_amop o JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amop'::pg_catalog.regclass " \
    "AND d.objid = o.oid AND d.refclassid = 'pg_catalog." catalog "'::pg_catalog.regclass AND d.refobjid = " owner   \
    " LEFT JOIN pg_catalog.pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_catalog.pg_namespace sn ON "  \
    "sn.oid = sf.opfnamespace UNION ALL SELECT 2, p.amprocnum, pg_catalog.format('FUNCTION %s (%s, %s) %s', "     \
    "p.amprocnum, pg_catalog.format_type(p.amproclefttype, NULL), pg_catalog.format_type(p.amprocrighttype, "    \
    "NULL), p.amproc::pg_catalog.regprocedure) FROM pg_catalog.pg_amproc p JOIN pg_catalog.pg_depend d ON "       \
    "d.classid = 'pg_catalog.pg_amproc'::pg_catalog.regclass AND d.objid = p.oid AND d.refclassid = "            \
    "'pg_catalog." catalog "'::pg_catalog.regclass AND d.refobjid = " owner ") ms)"
#define MEMBER_DEPENDENCIES(catalog, owner)                                                                      \
    "(SELECT pg_catalog.string_agg(DISTINCT dk, E'\\x1f') FROM (SELECT " OPERATOR_KEY("x") " AS dk FROM "        \
    "pg_catalog.pg_amop o JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amop'::pg_catalog.regclass "   \
    "AND d.objid = o.oid AND d.refclassid = 'pg_catalog." catalog "'::pg_catalog.regclass AND d.refobjid = " owner  \
    " JOIN pg_catalog.pg_operator x ON x.oid = o.amopopr WHERE x.oprnamespace = " SCHEMA_OID " UNION ALL SELECT "  \
    FUNCTION_KEY("f") " FROM pg_catalog.pg_amproc p JOIN pg_catalog.pg_depend d ON d.classid = "                  \
    "'pg_catalog.pg_amproc'::pg_catalog.regclass AND d.objid = p.oid AND d.refclassid = 'pg_catalog." catalog     \
    "'::pg_catalog.regclass AND d.refobjid = " owner " JOIN pg_catalog.pg_proc f ON f.oid = p.amproc WHERE "       \
    "f.pronamespace = " SCHEMA_OID ") dks)"
// Generic options (an array of name=value), as an OPTIONS list.
#define OPTIONS(array)                                                                                          \
    "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(o.option_name) || ' ' || "                           \
    "pg_catalog.quote_literal(o.option_value), ', ') FROM pg_catalog.pg_options_to_table(" array ") o)"
#define SERVER_COMPARED(s)                                                                                      \
    "(EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_class c ON c.oid = f.ftrelid "   \
    "WHERE f.ftserver = " s ".oid AND c.relnamespace = " SCHEMA_OID ") OR NOT EXISTS (SELECT 1 FROM "          \
    "pg_catalog.pg_foreign_table f WHERE f.ftserver = " s ".oid))"
        static const char* const queries[] = {
            // Collations: a column, a domain or an index may use them.
            "SELECT 'collation', c.collname, pg_catalog.format('CREATE COLLATION %I (provider = %s, %s%s);', "
            "c.collname, CASE c.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END, CASE WHEN c.collprovider = 'i' "
            "THEN pg_catalog.format('locale = %L', c.colliculocale) WHEN c.collcollate = c.collctype THEN "
            "pg_catalog.format('locale = %L', c.collcollate) ELSE pg_catalog.format('lc_collate = %L, lc_ctype = "
            "%L', c.collcollate, c.collctype) END, CASE WHEN NOT c.collisdeterministic THEN ', deterministic = "
            "false' ELSE '' END), pg_catalog.format('DROP COLLATION %I;', c.collname), 'b', NULL, false FROM "
            "pg_catalog.pg_collation c WHERE c.collnamespace = " SCHEMA_OID " AND "
            NOT_IN_EXTENSION("pg_collation", "c.oid"),
            // Text search dictionaries (templates are C code's: an extension's, or the built-in ones).
            "SELECT 'text_search_dictionary', d.dictname, pg_catalog.format('CREATE TEXT SEARCH DICTIONARY %I "
            "(TEMPLATE = %s%s);', d.dictname, CASE WHEN tn.nspname = 'pg_catalog' THEN "
            "pg_catalog.quote_ident(t.tmplname) ELSE pg_catalog.format('%I.%I', tn.nspname, t.tmplname) END, "
            "coalesce(', ' || d.dictinitoption, '')), pg_catalog.format('DROP TEXT SEARCH DICTIONARY %I;', "
            "d.dictname), 'b', NULL, false FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_ts_template t ON t.oid "
            "= d.dicttemplate JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace WHERE d.dictnamespace = "
            SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_ts_dict", "d.oid"),
            // Text search configurations: their parser, then a mapping per token type.
            "SELECT 'text_search_configuration', c.cfgname, pg_catalog.format('CREATE TEXT SEARCH CONFIGURATION "
            "%I (PARSER = %I.%I);', c.cfgname, pn.nspname, p.prsname) || coalesce((SELECT "
            "pg_catalog.string_agg(pg_catalog.format(E'\\nALTER TEXT SEARCH CONFIGURATION %I ADD MAPPING FOR %s "
            "WITH %s;', c.cfgname, t.alias, m.dicts), '' ORDER BY t.tokid) FROM (SELECT mm.maptokentype, "
            "pg_catalog.string_agg(mm.mapdict::pg_catalog.regdictionary::pg_catalog.text, ', ' ORDER BY "
            "mm.mapseqno) AS dicts FROM pg_catalog.pg_ts_config_map mm WHERE mm.mapcfg = c.oid GROUP BY "
            "mm.maptokentype) m JOIN pg_catalog.ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype), ''), "
            "pg_catalog.format('DROP TEXT SEARCH CONFIGURATION %I;', c.cfgname), 'b', (SELECT "
            "pg_catalog.string_agg(DISTINCT 'text_search_dictionary ' || d.dictname, E'\\x1f') FROM "
            "pg_catalog.pg_ts_config_map mm JOIN pg_catalog.pg_ts_dict d ON d.oid = mm.mapdict WHERE mm.mapcfg = "
            "c.oid AND d.dictnamespace = " SCHEMA_OID "), false FROM pg_catalog.pg_ts_config c JOIN "
            "pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_catalog.pg_namespace pn ON pn.oid = "
            "p.prsnamespace WHERE c.cfgnamespace = " SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_ts_config", "c.oid"),
            // Casts of a type or by a function of the schema (not those a range type makes to its
            // multirange); after the enums they convert (created with the tables), else before the
            // tables, whose defaults and checks may use them.
            "SELECT 'cast', pg_catalog.format('%s AS %s', pg_catalog.format_type(k.castsource, NULL), "
            "pg_catalog.format_type(k.casttarget, NULL)), pg_catalog.format('CREATE CAST (%s AS %s) %s%s;', "
            "pg_catalog.format_type(k.castsource, NULL), pg_catalog.format_type(k.casttarget, NULL), CASE "
            "k.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || k.castfunc::pg_catalog.regprocedure::pg_catalog.text "
            "WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END, CASE k.castcontext WHEN 'i' THEN ' AS "
            "IMPLICIT' WHEN 'a' THEN ' AS ASSIGNMENT' ELSE '' END), pg_catalog.format('DROP CAST (%s AS %s);', "
            "pg_catalog.format_type(k.castsource, NULL), pg_catalog.format_type(k.casttarget, NULL)), CASE WHEN "
            "s.typtype = 'e' AND s.typnamespace = " SCHEMA_OID " OR t.typtype = 'e' AND t.typnamespace = " SCHEMA_OID
            " THEN 'v' ELSE 'b' END, " OBJECT_DEPENDENCIES("pg_cast", "k.oid") ", false FROM pg_catalog.pg_cast k "
            "JOIN pg_catalog.pg_type s ON s.oid = k.castsource JOIN pg_catalog.pg_type t ON t.oid = k.casttarget "
            "LEFT JOIN pg_catalog.pg_proc f ON f.oid = k.castfunc WHERE " SCHEMA_OID " IN (s.typnamespace, "
            "t.typnamespace, f.pronamespace) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = "
            "'pg_catalog.pg_cast'::pg_catalog.regclass AND i.objid = k.oid AND i.deptype = 'i') AND "
            NOT_IN_EXTENSION("pg_cast", "k.oid"),
            // Operator families, with their loose members (ALTER OPERATOR FAMILY ... ADD).
            "SELECT 'operator_family', f.opfname || ' USING ' || am.amname, pg_catalog.format('CREATE OPERATOR "
            "FAMILY %I USING %I;', f.opfname, am.amname) || coalesce(pg_catalog.format(E'\\nALTER OPERATOR FAMILY "
            "%I USING %I ADD ', f.opfname, am.amname) || " MEMBERS("pg_opfamily", "f.oid") " || ';', ''), "
            "pg_catalog.format('DROP OPERATOR FAMILY %I USING %I;', f.opfname, am.amname), 'b', "
            MEMBER_DEPENDENCIES("pg_opfamily", "f.oid") ", false FROM pg_catalog.pg_opfamily f JOIN "
            "pg_catalog.pg_am am ON am.oid = f.opfmethod WHERE f.opfnamespace = " SCHEMA_OID " AND "
            NOT_IN_EXTENSION("pg_opfamily", "f.oid"),
            // Operator classes, in their family.
            "SELECT 'operator_class', c.opcname || ' USING ' || am.amname, pg_catalog.format('CREATE OPERATOR "
            "CLASS %I %sFOR TYPE %s USING %I FAMILY %s AS %s%s;', c.opcname, CASE WHEN c.opcdefault THEN "
            "'DEFAULT ' ELSE '' END, pg_catalog.format_type(c.opcintype, NULL), am.amname, CASE WHEN "
            "f.opfnamespace = " SCHEMA_OID " THEN pg_catalog.quote_ident(f.opfname) ELSE "
            "pg_catalog.format('%I.%I', fn.nspname, f.opfname) END, " MEMBERS("pg_opclass", "c.oid") ", CASE WHEN "
            "c.opckeytype <> 0 THEN ', STORAGE ' || pg_catalog.format_type(c.opckeytype, NULL) ELSE '' END), "
            "pg_catalog.format('DROP OPERATOR CLASS %I USING %I;', c.opcname, am.amname), 'b', "
            "pg_catalog.concat_ws(E'\\x1f', CASE WHEN f.opfnamespace = " SCHEMA_OID " THEN 'operator_family ' || "
            "f.opfname || ' USING ' || am.amname END, (SELECT " TYPE_KEY("t") " FROM pg_catalog.pg_type t WHERE "
            "t.oid IN (c.opcintype, c.opckeytype) AND t.typnamespace = " SCHEMA_OID " LIMIT 1), "
            MEMBER_DEPENDENCIES("pg_opclass", "c.oid") "), false FROM pg_catalog.pg_opclass c JOIN "
            "pg_catalog.pg_am am ON am.oid = c.opcmethod JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily "
            "JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace WHERE c.opcnamespace = " SCHEMA_OID " AND "
            NOT_IN_EXTENSION("pg_opclass", "c.oid"),
            // Event triggers whose function is the schema's, with their enabled state; created last.
            "SELECT 'event_trigger', et.evtname, pg_catalog.format('CREATE EVENT TRIGGER %I ON %I%s EXECUTE "
            "FUNCTION %s();', et.evtname, et.evtevent, CASE WHEN et.evttags IS NOT NULL THEN ' WHEN TAG IN (' || "
            "(SELECT pg_catalog.string_agg(pg_catalog.quote_literal(g), ', ') FROM pg_catalog.unnest(et.evttags) g) "
            "|| ')' ELSE '' END, et.evtfoid::pg_catalog.regproc) || CASE et.evtenabled WHEN 'D' THEN "
            "pg_catalog.format(E'\\nALTER EVENT TRIGGER %I DISABLE;', et.evtname) WHEN 'R' THEN "
            "pg_catalog.format(E'\\nALTER EVENT TRIGGER %I ENABLE REPLICA;', et.evtname) WHEN 'A' THEN "
            "pg_catalog.format(E'\\nALTER EVENT TRIGGER %I ENABLE ALWAYS;', et.evtname) ELSE '' END, "
            "pg_catalog.format('DROP EVENT TRIGGER %I;', et.evtname), 'a', " FUNCTION_KEY("p") ", false FROM "
            "pg_catalog.pg_event_trigger et JOIN pg_catalog.pg_proc p ON p.oid = et.evtfoid WHERE p.pronamespace = "
            SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_event_trigger", "et.oid"),
            // Publications, after the tables they publish.
            "SELECT 'publication', p.pubname, pg_catalog.format('CREATE PUBLICATION %I%s WITH (publish = %L, "
            "publish_via_partition_root = %s);', p.pubname, CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE "
            "coalesce(' FOR ' || pg_catalog.concat_ws(', ', r.tables, n.schemas), '') END, "
            "pg_catalog.concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN "
            "'update' END, CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END), "
            "CASE WHEN p.pubviaroot THEN 'true' ELSE 'false' END), pg_catalog.format('DROP PUBLICATION %I;', p.pubname), 'a', NULL, false FROM "
            "pg_catalog.pg_publication p, LATERAL (SELECT pg_catalog.string_agg('TABLE ONLY ' || "
            "pr.prrelid::pg_catalog.regclass::pg_catalog.text || coalesce(' (' || (SELECT "
            "pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM "
            "pg_catalog.pg_attribute a WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)) || ')', '') "
            "|| coalesce(' WHERE (' || pg_catalog.pg_get_expr(pr.prqual, pr.prrelid) || ')', ''), ', ' ORDER BY "
            "pr.prrelid::pg_catalog.regclass::pg_catalog.text) AS tables, pg_catalog.bool_or(c.relnamespace = "
            SCHEMA_OID ") AS ours FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_class c ON c.oid = "
            "pr.prrelid WHERE pr.prpubid = p.oid) r, LATERAL (SELECT pg_catalog.string_agg('TABLES IN SCHEMA ' || "
            "pg_catalog.quote_ident(s.nspname), ', ' ORDER BY s.nspname) AS schemas, pg_catalog.bool_or(s.nspname "
            "= $1) AS ours FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_namespace s ON s.oid = "
            "pn.pnnspid WHERE pn.pnpubid = p.oid) n WHERE (p.puballtables OR r.ours OR n.ours OR (r.tables IS NULL "
            "AND n.schemas IS NULL)) AND " NOT_IN_EXTENSION("pg_publication", "p.oid"),
            // Foreign data wrappers (not an extension's) that a compared server uses, or that no server uses.
            "SELECT 'foreign_data_wrapper', w.fdwname, pg_catalog.format('CREATE FOREIGN DATA WRAPPER %I', "
            "w.fdwname) || CASE WHEN w.fdwhandler <> 0 THEN ' HANDLER ' || w.fdwhandler::pg_catalog.regproc::text "
            "ELSE '' END || CASE WHEN w.fdwvalidator <> 0 THEN ' VALIDATOR ' || "
            "w.fdwvalidator::pg_catalog.regproc::text ELSE '' END || coalesce(' OPTIONS (' || " OPTIONS("w.fdwoptions")
            " || ')', '') || ';', pg_catalog.format('DROP FOREIGN DATA WRAPPER %I;', w.fdwname), 'b', "
            OBJECT_DEPENDENCIES("pg_foreign_data_wrapper", "w.oid") ", false FROM pg_catalog.pg_foreign_data_wrapper "
            "w WHERE " NOT_IN_EXTENSION("pg_foreign_data_wrapper", "w.oid") " AND (NOT EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_foreign_server s WHERE s.srvfdw = w.oid) OR EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_foreign_server s WHERE s.srvfdw = w.oid AND " SERVER_COMPARED("s") "))",
            // Foreign servers that a foreign table of the schema uses, or that no foreign table uses (user
            // mappings are not compared: they hold passwords).
            "SELECT 'server', s.srvname, pg_catalog.format('CREATE SERVER %I', s.srvname) || coalesce(' TYPE ' || "
            "pg_catalog.quote_literal(s.srvtype), '') || coalesce(' VERSION ' || "
            "pg_catalog.quote_literal(s.srvversion), '') || pg_catalog.format(' FOREIGN DATA WRAPPER %I', "
            "w.fdwname) || coalesce(' OPTIONS (' || " OPTIONS("s.srvoptions") " || ')', '') || ';', "
            "pg_catalog.format('DROP SERVER %I;', s.srvname), 'b', coalesce((SELECT 'extension ' || x.extname FROM "
            "pg_catalog.pg_depend e JOIN pg_catalog.pg_extension x ON x.oid = e.refobjid WHERE e.classid = "
            "'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND e.objid = w.oid AND e.deptype = 'e'), "
            "'foreign_data_wrapper ' || w.fdwname), false FROM pg_catalog.pg_foreign_server s JOIN "
            "pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw WHERE "
            NOT_IN_EXTENSION("pg_foreign_server", "s.oid") " AND " SERVER_COMPARED("s"),
            // Foreign tables (not partitions), after the tables, before the views that read them.
            "SELECT 'foreign_table', c.relname, pg_catalog.format('CREATE FOREIGN TABLE %I (%s) SERVER %I%s;', "
            "c.relname, pg_catalog.concat_ws(', ', (SELECT pg_catalog.string_agg(pg_catalog.format('%I %s', "
            "a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)) || coalesce(' OPTIONS (' || "
            "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(o.option_name) || ' ' || "
            "pg_catalog.quote_literal(o.option_value), ', ') FROM pg_catalog.pg_options_to_table(a.attfdwoptions) "
            "o) || ')', '') || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' COLLATE ' "
            "|| a.attcollation::pg_catalog.regcollation::text ELSE '' END || CASE WHEN a.attnotnull THEN ' NOT "
            "NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), ''), ', ' "
            "ORDER BY a.attnum) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = "
            "c.oid AND a.attnum > 0 AND NOT a.attisdropped), (SELECT pg_catalog.string_agg(pg_catalog.format("
            "'CONSTRAINT %I %s', k.conname, pg_catalog.pg_get_constraintdef(k.oid)), ', ' ORDER BY k.conname) FROM "
            "pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c')), s.srvname, coalesce(' "
            "OPTIONS (' || " OPTIONS("f.ftoptions") " || ')', '')), pg_catalog.format('DROP FOREIGN TABLE %I;', "
            "c.relname), 'v', pg_catalog.concat_ws(E'\\x1f', 'server ' || s.srvname, "
            OBJECT_DEPENDENCIES("pg_class", "c.oid") "), false FROM pg_catalog.pg_foreign_table f JOIN "
            "pg_catalog.pg_class c ON c.oid = f.ftrelid JOIN pg_catalog.pg_foreign_server s ON s.oid = f.ftserver "
            "WHERE c.relnamespace = " SCHEMA_OID " AND NOT c.relispartition AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Foreign tables that are partitions, after their parent and server, with what they hold beyond what
            // the parent gives them (a default, a not null, a check, column options). One whose own default or
            // not null an ALTER TABLE on the parent passes down over is created again after it
            // ('column_settings parent').
            "SELECT 'foreign_table', c.relname, pg_catalog.format('CREATE FOREIGN TABLE %I PARTITION OF %s%s %s SERVER "
            "%I%s;', c.relname, CASE WHEN p.relnamespace = c.relnamespace THEN pg_catalog.quote_ident(p.relname) ELSE "
            "p.oid::pg_catalog.regclass::text END, coalesce(' (' || NULLIF(pg_catalog.concat_ws(', ', "
            "own.columns, (SELECT pg_catalog.string_agg(pg_catalog.format('CONSTRAINT %I %s', k.conname, "
            "pg_catalog.pg_get_constraintdef(k.oid)), ', ' ORDER BY k.conname) FROM pg_catalog.pg_constraint k WHERE "
            "k.conrelid = c.oid AND k.contype = 'c' AND k.conislocal)), '') || ')', ''), pg_catalog.pg_get_expr("
            "c.relpartbound, c.oid), s.srvname, coalesce(' OPTIONS (' || " OPTIONS("f.ftoptions") " || ')', '')) || "
            "coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nALTER FOREIGN TABLE %I ALTER COLUMN %I "
            "OPTIONS (%s);', c.relname, a.attname, " OPTIONS("a.attfdwoptions") "), '' ORDER BY a.attnum) FROM "
            "pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND "
            "a.attfdwoptions IS NOT NULL), ''), pg_catalog.format('DROP FOREIGN TABLE %I;', c.relname), 'v', "
            "pg_catalog.concat_ws(E'\\x1f', 'server ' || s.srvname, 'table ' || p.relname, 'column_settings ' || "
            "CASE WHEN own.columns IS NOT NULL THEN p.relname END, " OBJECT_DEPENDENCIES("pg_class", "c.oid") "), "
            "false FROM pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_class c ON c.oid = f.ftrelid JOIN "
            "pg_catalog.pg_foreign_server s ON s.oid = f.ftserver JOIN pg_catalog.pg_inherits h ON h.inhrelid = "
            "c.oid JOIN pg_catalog.pg_class p ON p.oid = h.inhparent, LATERAL (SELECT pg_catalog.string_agg("
            "pg_catalog.format('%I WITH OPTIONS', a.attname) || CASE WHEN i.dflt IS DISTINCT FROM "
            "pg_catalog.pg_get_expr(d.adbin, d.adrelid) THEN ' DEFAULT ' || coalesce(pg_catalog.pg_get_expr("
            "d.adbin, d.adrelid), 'NULL') ELSE '' END || CASE WHEN a.attnotnull AND NOT i.notnull THEN ' NOT NULL' "
            "ELSE '' END, ', ' ORDER BY a.attnum) AS columns FROM pg_catalog.pg_attribute a LEFT JOIN "
            "pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum, LATERAL (SELECT "
            "pa.attnotnull AS notnull, pg_catalog.pg_get_expr(pd.adbin, pd.adrelid) AS dflt FROM "
            "pg_catalog.pg_attribute pa LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum "
            "= pa.attnum WHERE pa.attrelid = p.oid AND pa.attname = a.attname) i WHERE a.attrelid = c.oid AND "
            "a.attnum > 0 AND NOT a.attisdropped AND (i.dflt IS DISTINCT FROM pg_catalog.pg_get_expr(d.adbin, "
            "d.adrelid) OR (a.attnotnull AND NOT i.notnull))) own WHERE c.relnamespace = " SCHEMA_OID " AND "
            "c.relispartition AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Comments on those of the schema's own.
            "SELECT 'comment', w.what, pg_catalog.format('COMMENT ON %s IS %L;', w.what, d.description), "
            "pg_catalog.format('COMMENT ON %s IS NULL;', w.what), 'a', w.dep, false FROM (SELECT "
            "pg_catalog.format('COLLATION %I', c.collname) AS what, 'pg_catalog.pg_collation'::pg_catalog.regclass "
            "AS cls, c.oid, 'collation ' || c.collname AS dep FROM pg_catalog.pg_collation c WHERE c.collnamespace "
            "= " SCHEMA_OID " UNION ALL SELECT pg_catalog.format('TEXT SEARCH DICTIONARY %I', t.dictname), "
            "'pg_catalog.pg_ts_dict'::pg_catalog.regclass, t.oid, 'text_search_dictionary ' || t.dictname FROM "
            "pg_catalog.pg_ts_dict t WHERE t.dictnamespace = " SCHEMA_OID " UNION ALL SELECT "
            "pg_catalog.format('TEXT SEARCH CONFIGURATION %I', t.cfgname), "
            "'pg_catalog.pg_ts_config'::pg_catalog.regclass, t.oid, 'text_search_configuration ' || t.cfgname FROM "
            "pg_catalog.pg_ts_config t WHERE t.cfgnamespace = " SCHEMA_OID " UNION ALL SELECT "
            "pg_catalog.format('OPERATOR FAMILY %I USING %I', f.opfname, am.amname), "
            "'pg_catalog.pg_opfamily'::pg_catalog.regclass, f.oid, 'operator_family ' || f.opfname || ' USING ' || "
            "am.amname FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod WHERE "
            "f.opfnamespace = " SCHEMA_OID " UNION ALL SELECT pg_catalog.format('OPERATOR CLASS %I USING %I', "
            "c.opcname, am.amname), 'pg_catalog.pg_opclass'::pg_catalog.regclass, c.oid, 'operator_class ' || "
            "c.opcname || ' USING ' || am.amname FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_am am ON am.oid = "
            "c.opcmethod WHERE c.opcnamespace = " SCHEMA_OID " UNION ALL SELECT pg_catalog.format('EVENT TRIGGER "
            "%I', et.evtname), 'pg_catalog.pg_event_trigger'::pg_catalog.regclass, et.oid, 'event_trigger ' || "
            "et.evtname FROM pg_catalog.pg_event_trigger et JOIN pg_catalog.pg_proc p ON p.oid = et.evtfoid WHERE "
            "p.pronamespace = " SCHEMA_OID " UNION ALL SELECT pg_catalog.format('FOREIGN TABLE %I', c.relname), "
            "'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 'foreign_table ' || c.relname FROM "
            "pg_catalog.pg_class c WHERE c.relnamespace = " SCHEMA_OID " AND c.relkind = 'f') w JOIN pg_catalog.pg_description d ON d.classoid = w.cls AND d.objoid = w.oid AND "
            "d.objsubid = 0 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = w.cls AND "
            "e.objid = w.oid AND e.deptype = 'e')",
        };
#undef SERVER_COMPARED
#undef OPTIONS
#undef MEMBER_DEPENDENCIES
#undef MEMBERS
#undef TYPE_KEY
#undef FUNCTION_KEY
#undef OPERATOR_KEY
        for (const char* sql : queries) read_object_rows(sql);
    }

    // Objects made of built-in or C functions: conversions, text search
    // templates and parsers (the schema's), access methods, procedural
    // languages and transforms (the database's). An access method or a
    // language is the compared schema's when its handler is, or is built in
    // (pg_catalog's), and it is neither built in nor an extension's; a
    // transform when its type or one of its functions is the schema's.
    // Then what is created after them: routines in such a language,
    // dictionaries and configurations on the schema's templates and parsers,
    // operator families and classes of such an access method.
    void read_code_objects() {
#define HANDLER_COMPARED(fn)                                                                                     \
    "EXISTS (SELECT 1 FROM pg_catalog.pg_proc h JOIN pg_catalog.pg_namespace hn ON hn.oid = h.pronamespace "     \
    "WHERE h.oid = " fn " AND (hn.oid = " SCHEMA_OID " OR hn.nspname = 'pg_catalog'))"
#define AM_COMPARED(a) \
    "(" a ".oid >= 16384 AND " NOT_IN_EXTENSION("pg_am", a ".oid") " AND " HANDLER_COMPARED(a ".amhandler") ")"
#define LANGUAGE_COMPARED(l)                                                                                    \
    "(" l ".lanispl AND " l ".oid >= 16384 AND " NOT_IN_EXTENSION("pg_language", l ".oid") " AND "             \
    HANDLER_COMPARED(l ".lanplcallfoid") ")"
#define TRANSFORM_COMPARED(t, ty)                                                                               \
    "(" SCHEMA_OID " IN (" ty ".typnamespace, (SELECT f.pronamespace FROM pg_catalog.pg_proc f WHERE f.oid = " t \
    ".trffromsql), (SELECT f.pronamespace FROM pg_catalog.pg_proc f WHERE f.oid = " t ".trftosql)) AND "         \
    NOT_IN_EXTENSION("pg_transform", t ".oid") ")"
#define TRANSFORM_NAME(ty, l) "pg_catalog.format_type(" ty ".oid, NULL) || ' LANGUAGE ' || " l ".lanname"
        static const char* const queries[] = {
            // Conversions.
            "SELECT 'conversion', c.conname, pg_catalog.format('CREATE %sCONVERSION %I FOR %L TO %L FROM %s;', "
            "CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END, c.conname, "
            "pg_catalog.pg_encoding_to_char(c.conforencoding), pg_catalog.pg_encoding_to_char(c.contoencoding), "
            "c.conproc), pg_catalog.format('DROP CONVERSION %I;', c.conname), 'b', "
            OBJECT_DEPENDENCIES("pg_conversion", "c.oid") ", false FROM pg_catalog.pg_conversion c WHERE "
            "c.connamespace = " SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_conversion", "c.oid"),
            // Text search templates.
            "SELECT 'text_search_template', t.tmplname, pg_catalog.format('CREATE TEXT SEARCH TEMPLATE %I (%sLEXIZE "
            "= %s);', t.tmplname, CASE WHEN t.tmplinit <> 0 THEN 'INIT = ' || t.tmplinit::pg_catalog.text || ', ' "
            "ELSE '' END, t.tmpllexize), pg_catalog.format('DROP TEXT SEARCH TEMPLATE %I;', t.tmplname), 'b', "
            OBJECT_DEPENDENCIES("pg_ts_template", "t.oid") ", false FROM pg_catalog.pg_ts_template t WHERE "
            "t.tmplnamespace = " SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_ts_template", "t.oid"),
            // Text search parsers.
            "SELECT 'text_search_parser', p.prsname, pg_catalog.format('CREATE TEXT SEARCH PARSER %I (START = %s, "
            "GETTOKEN = %s, END = %s, LEXTYPES = %s%s);', p.prsname, p.prsstart, p.prstoken, p.prsend, "
            "p.prslextype, CASE WHEN p.prsheadline <> 0 THEN ', HEADLINE = ' || p.prsheadline::pg_catalog.text "
            "ELSE '' END), pg_catalog.format('DROP TEXT SEARCH PARSER %I;', p.prsname), 'b', "
            OBJECT_DEPENDENCIES("pg_ts_parser", "p.oid") ", false FROM pg_catalog.pg_ts_parser p WHERE "
            "p.prsnamespace = " SCHEMA_OID " AND " NOT_IN_EXTENSION("pg_ts_parser", "p.oid"),
            // Access methods: before the tables, indexes and operator classes that use them.
            "SELECT 'access_method', a.amname, pg_catalog.format('CREATE ACCESS METHOD %I TYPE %s HANDLER %s;', "
            "a.amname, CASE a.amtype WHEN 't' THEN 'TABLE' ELSE 'INDEX' END, a.amhandler), "
            "pg_catalog.format('DROP ACCESS METHOD %I;', a.amname), 'b', " OBJECT_DEPENDENCIES("pg_am", "a.oid")
            ", false FROM pg_catalog.pg_am a WHERE " AM_COMPARED("a"),
            // Procedural languages: before the routines written in them.
            "SELECT 'language', l.lanname, pg_catalog.format('CREATE %sLANGUAGE %I HANDLER %s%s%s;', CASE WHEN "
            "l.lanpltrusted THEN 'TRUSTED ' ELSE '' END, l.lanname, l.lanplcallfoid::pg_catalog.regproc, CASE WHEN "
            "l.laninline <> 0 THEN ' INLINE ' || l.laninline::pg_catalog.regproc::pg_catalog.text ELSE '' END, "
            "CASE WHEN l.lanvalidator <> 0 THEN ' VALIDATOR ' || l.lanvalidator::pg_catalog.regproc::pg_catalog.text "
            "ELSE '' END), pg_catalog.format('DROP LANGUAGE %I;', l.lanname), 'b', "
            OBJECT_DEPENDENCIES("pg_language", "l.oid") ", false FROM pg_catalog.pg_language l WHERE "
            LANGUAGE_COMPARED("l"),
            // Transforms, after their type, language and functions.
            "SELECT 'transform', " TRANSFORM_NAME("ty", "l") ", pg_catalog.format('CREATE TRANSFORM FOR %s "
            "LANGUAGE %I (%s);', pg_catalog.format_type(ty.oid, NULL), l.lanname, pg_catalog.concat_ws(', ', CASE "
            "WHEN t.trffromsql <> 0 THEN 'FROM SQL WITH FUNCTION ' || "
            "t.trffromsql::pg_catalog.oid::pg_catalog.regprocedure::pg_catalog.text END, CASE WHEN t.trftosql <> 0 "
            "THEN 'TO SQL WITH FUNCTION ' || t.trftosql::pg_catalog.oid::pg_catalog.regprocedure::pg_catalog.text "
            "END)), pg_catalog.format('DROP TRANSFORM FOR %s LANGUAGE %I;', pg_catalog.format_type(ty.oid, NULL), "
            "l.lanname), 'b', pg_catalog.concat_ws(" SEPARATOR ", CASE WHEN " LANGUAGE_COMPARED("l") " THEN "
            "'language ' || l.lanname END, " OBJECT_DEPENDENCIES("pg_transform", "t.oid") "), false FROM "
            "pg_catalog.pg_transform t JOIN pg_catalog.pg_type ty ON ty.oid = t.trftype JOIN pg_catalog.pg_language "
            "l ON l.oid = t.trflang WHERE " TRANSFORM_COMPARED("t", "ty"),
            // Comments on them.
            "SELECT 'comment', w.what, pg_catalog.format('COMMENT ON %s IS %L;', w.what, d.description), "
            "pg_catalog.format('COMMENT ON %s IS NULL;', w.what), 'a', w.dep, false FROM (SELECT "
            "pg_catalog.format('CONVERSION %I', c.conname) AS what, 'pg_catalog.pg_conversion'::pg_catalog.regclass "
            "AS cls, c.oid, 'conversion ' || c.conname AS dep FROM pg_catalog.pg_conversion c WHERE c.connamespace "
            "= " SCHEMA_OID " UNION ALL SELECT pg_catalog.format('TEXT SEARCH TEMPLATE %I', t.tmplname), "
            "'pg_catalog.pg_ts_template'::pg_catalog.regclass, t.oid, 'text_search_template ' || t.tmplname FROM "
            "pg_catalog.pg_ts_template t WHERE t.tmplnamespace = " SCHEMA_OID " UNION ALL SELECT "
            "pg_catalog.format('TEXT SEARCH PARSER %I', p.prsname), 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, "
            "p.oid, 'text_search_parser ' || p.prsname FROM pg_catalog.pg_ts_parser p WHERE p.prsnamespace = "
            SCHEMA_OID " UNION ALL SELECT pg_catalog.format('ACCESS METHOD %I', a.amname), "
            "'pg_catalog.pg_am'::pg_catalog.regclass, a.oid, 'access_method ' || a.amname FROM pg_catalog.pg_am a "
            "UNION ALL SELECT pg_catalog.format('LANGUAGE %I', l.lanname), "
            "'pg_catalog.pg_language'::pg_catalog.regclass, l.oid, 'language ' || l.lanname FROM "
            "pg_catalog.pg_language l UNION ALL SELECT pg_catalog.format('TRANSFORM "
            "FOR %s LANGUAGE %I', pg_catalog.format_type(ty.oid, NULL), l.lanname), "
            "'pg_catalog.pg_transform'::pg_catalog.regclass, t.oid, 'transform ' || " TRANSFORM_NAME("ty", "l")
            " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_type ty ON ty.oid = t.trftype JOIN "
            "pg_catalog.pg_language l ON l.oid = t.trflang) w JOIN "
            "pg_catalog.pg_description d ON d.classoid = w.cls AND d.objoid = w.oid AND d.objsubid = 0 WHERE NOT "
            "EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = w.cls AND e.objid = w.oid AND "
            "e.deptype = 'e')",
        };
        // Rows of an object's key and the key of one it needs.
        static const char* const dependencies[] = {
            "SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END || "
            "p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', 'language ' || "
            "l.lanname FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE "
            "p.pronamespace = " SCHEMA_OID " AND " LANGUAGE_COMPARED("l"),
            "SELECT 'text_search_dictionary ' || d.dictname, 'text_search_template ' || t.tmplname FROM "
            "pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate WHERE "
            "d.dictnamespace = " SCHEMA_OID " AND t.tmplnamespace = " SCHEMA_OID,
            "SELECT 'text_search_configuration ' || c.cfgname, 'text_search_parser ' || p.prsname FROM "
            "pg_catalog.pg_ts_config c JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser WHERE c.cfgnamespace = "
            SCHEMA_OID " AND p.prsnamespace = " SCHEMA_OID,
            "SELECT 'operator_family ' || f.opfname || ' USING ' || a.amname, 'access_method ' || a.amname FROM "
            "pg_catalog.pg_opfamily f JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod WHERE f.opfnamespace = "
            SCHEMA_OID " AND " AM_COMPARED("a"),
            "SELECT 'operator_class ' || c.opcname || ' USING ' || a.amname, 'access_method ' || a.amname FROM "
            "pg_catalog.pg_opclass c JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod WHERE c.opcnamespace = "
            SCHEMA_OID " AND " AM_COMPARED("a"),
        };
#undef TRANSFORM_NAME
#undef TRANSFORM_COMPARED
#undef LANGUAGE_COMPARED
#undef AM_COMPARED
#undef HANDLER_COMPARED
        for (const char* sql : queries) read_object_rows(sql);
        std::map<std::string, schema::Object*> by_key;
        for (auto& o : catalog_.objects) by_key[o.key()] = &o;
        for (const char* sql : dependencies)
            for (const auto& row : query(sql)) {
                auto it = by_key.find(text(row[0]));
                if (it != by_key.end()) it->second->depends_on.push_back(text(row[1]));
            }
    }

    // What hangs on tables beyond their columns and constraints: inheritance,
    // rules, extended statistics, replica identity, a typed table's type, the
    // index CLUSTER uses.
    // Those that name a table or view depend on "table t" or "view v", so a
    // change that disturbs it (a dropped or retyped column) re-creates them.
    void read_table_objects() {
        static const char* const queries[] = {
            // A parent of INHERITS (not a partition's): CREATE TABLE makes it with a new table; a kept
            // table gains it after its columns and constraints, loses it before they go.
            "SELECT 'inheritance', c.relname || '.' || p.name, pg_catalog.format('ALTER TABLE %I INHERIT %s;', "
            "c.relname, p.name), pg_catalog.format('ALTER TABLE %I NO INHERIT %s;', c.relname, p.name), 'a', NULL, "
            "false, c.relname FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class c ON c.oid = h.inhrelid, "
            "LATERAL (SELECT CASE WHEN x.relnamespace = c.relnamespace THEN pg_catalog.quote_ident(x.relname) ELSE "
            "x.oid::pg_catalog.regclass::text END AS name FROM pg_catalog.pg_class x WHERE x.oid = h.inhparent) p "
            "WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind = "
            "'r' AND NOT c.relispartition AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Rules (not a view's _RETURN), after the tables and views they name.
            "SELECT 'rule', c.relname || '.' || r.rulename, pg_catalog.pg_get_ruledef(r.oid, true) || CASE "
            "r.ev_enabled WHEN 'D' THEN pg_catalog.format(E'\\nALTER TABLE %I DISABLE RULE %I;', c.relname, "
            "r.rulename) WHEN 'R' THEN pg_catalog.format(E'\\nALTER TABLE %I ENABLE REPLICA RULE %I;', c.relname, "
            "r.rulename) WHEN 'A' THEN pg_catalog.format(E'\\nALTER TABLE %I ENABLE ALWAYS RULE %I;', c.relname, "
            "r.rulename) ELSE '' END, "
            "pg_catalog.format('DROP RULE %I ON %I;', r.rulename, c.relname), 'a', pg_catalog.concat_ws(" SEPARATOR
            ", (SELECT pg_catalog.string_agg(DISTINCT CASE WHEN d.relkind IN ('v', 'm') THEN 'view ' ELSE 'table ' "
            "END || d.relname, " SEPARATOR ") FROM pg_catalog.pg_depend u JOIN pg_catalog.pg_class d ON d.oid = "
            "u.refobjid WHERE u.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND u.objid = r.oid AND "
            "u.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass), " OBJECT_DEPENDENCIES("pg_rewrite", "r.oid")
            "), false FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class WHERE "
            "c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND r.rulename <> "
            "'_RETURN' AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Extended statistics, written unqualified (pg_get_statisticsobjdef names the schema), the kinds
            // always listed (all three are the default), but for one expression, which takes none.
            "SELECT 'statistics', s.stxname, pg_catalog.format('CREATE STATISTICS %I%s ON %s FROM %I;', "
            "s.stxname, coalesce(' (' || (SELECT pg_catalog.string_agg(CASE k WHEN 'd' THEN 'ndistinct' WHEN 'f' "
            "THEN 'dependencies' ELSE 'mcv' END, ', ' ORDER BY k) FROM pg_catalog.unnest(s.stxkind) k WHERE k "
            "<> 'e') || ')', ''), pg_catalog.pg_get_statisticsobjdef_columns(s.oid), c.relname) || CASE WHEN "
            "s.stxstattarget >= 0 THEN pg_catalog.format(E'\\nALTER STATISTICS %I SET STATISTICS %s;', s.stxname, "
            "s.stxstattarget) ELSE '' END, pg_catalog.format('DROP STATISTICS %I;', s.stxname), 'a', "
            "pg_catalog.concat_ws(" SEPARATOR ", 'table ' || c.relname, " OBJECT_DEPENDENCIES("pg_statistic_ext",
            "s.oid") "), false FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid "
            "WHERE s.stxnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND "
            NOT_IN_EXTENSION("pg_statistic_ext", "s.oid"),
            // Replica identities other than the default, after the index they use.
            "SELECT 'replica_identity', c.relname, pg_catalog.format('ALTER TABLE %I REPLICA IDENTITY %s;', "
            "c.relname, CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING' ELSE 'USING INDEX ' || "
            "pg_catalog.quote_ident(x.relname) END), pg_catalog.format('ALTER TABLE %I REPLICA IDENTITY DEFAULT;', "
            "c.relname), 'a', 'index ' || x.relname, false FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_index "
            "i ON i.indrelid = c.oid AND i.indisreplident LEFT JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid "
            "WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind IN "
            "('r', 'p', 'm') AND c.relreplident <> 'd' AND (c.relreplident <> 'i' OR x.oid IS NOT NULL) AND "
            NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Typed tables (CREATE TABLE ... OF type): created with their columns, then tied to the type.
            "SELECT 'typed_table', c.relname, pg_catalog.format('ALTER TABLE %I OF %s;', c.relname, "
            "pg_catalog.format_type(c.reloftype, NULL)), pg_catalog.format('ALTER TABLE %I NOT OF;', c.relname), "
            "'a', " OBJECT_DEPENDENCIES("pg_class", "c.oid") ", false FROM pg_catalog.pg_class c WHERE "
            "c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind = 'r' AND "
            "c.reloftype <> 0 AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
            // Defaults of view columns (for INSERTs through the view), after the view; a re-created view
            // gets them again.
            "SELECT 'view_default', c.relname || '.' || a.attname, pg_catalog.format('ALTER VIEW %I ALTER COLUMN %I "
            "SET DEFAULT %s;', c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)), "
            "pg_catalog.format('ALTER VIEW %I ALTER COLUMN %I DROP DEFAULT;', c.relname, a.attname), 'a', "
            "pg_catalog.concat_ws(" SEPARATOR ", 'view ' || c.relname, " OBJECT_DEPENDENCIES("pg_attrdef", "d.oid")
            "), false FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid JOIN "
            "pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE c.relnamespace = "
            "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind = 'v' AND "
            NOT_IN_EXTENSION("pg_class", "c.oid"),
            // The index CLUSTER uses.
            "SELECT 'cluster_on', c.relname, pg_catalog.format('ALTER TABLE %I CLUSTER ON %I;', c.relname, "
            "x.relname), pg_catalog.format('ALTER TABLE %I SET WITHOUT CLUSTER;', c.relname), 'a', 'index ' || "
            "x.relname, false FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN "
            "pg_catalog.pg_class x ON x.oid = i.indexrelid WHERE i.indisclustered AND c.relnamespace = (SELECT oid "
            "FROM pg_catalog.pg_namespace WHERE nspname = $1) AND " NOT_IN_EXTENSION("pg_class", "c.oid"),
        };
        for (const char* sql : queries) read_object_rows(sql);
    }

    // Comments on the schema itself, its extensions, operators, casts, rules,
    // statistics, publications, wrappers and servers, and on the columns of
    // views, composite types and foreign tables (those on database-wide
    // objects the diff leaves out go: drop_comments_on_objects_left_out).
    void read_more_comments() {
        static const char* const sql =
            "SELECT 'comment', w.what, pg_catalog.format('COMMENT ON %s IS %L;', w.what, d.description), "
            "pg_catalog.format('COMMENT ON %s IS NULL;', w.what), 'a', w.dep, false FROM (SELECT "
            "pg_catalog.format('SCHEMA %I', n.nspname) AS what, 'pg_catalog.pg_namespace'::pg_catalog.regclass AS "
            "cls, n.oid, 0 AS sub, NULL AS dep FROM pg_catalog.pg_namespace n WHERE n.nspname = $1 UNION ALL SELECT "
            "pg_catalog.format('EXTENSION %I', x.extname), 'pg_catalog.pg_extension'::pg_catalog.regclass, x.oid, "
            "0, 'extension ' || x.extname FROM pg_catalog.pg_extension x WHERE x.extnamespace = " SCHEMA_OID " AND "
            "x.extname <> 'migrate' UNION ALL SELECT pg_catalog.format('OPERATOR %s (%s, %s)', o.oprname, CASE WHEN "
            "o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END, "
            "pg_catalog.format_type(o.oprright, NULL)), 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, 0, "
            "'operator ' || o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE "
            "pg_catalog.format_type(o.oprleft, NULL) END || ', ' || pg_catalog.format_type(o.oprright, NULL) || ')' "
            "FROM pg_catalog.pg_operator o WHERE o.oprnamespace = " SCHEMA_OID " AND "
            NOT_IN_EXTENSION("pg_operator", "o.oid") " UNION ALL SELECT pg_catalog.format('CAST (%s AS %s)', "
            "pg_catalog.format_type(k.castsource, NULL), pg_catalog.format_type(k.casttarget, NULL)), "
            "'pg_catalog.pg_cast'::pg_catalog.regclass, k.oid, 0, pg_catalog.format('cast %s AS %s', "
            "pg_catalog.format_type(k.castsource, NULL), pg_catalog.format_type(k.casttarget, NULL)) FROM "
            "pg_catalog.pg_cast k UNION ALL SELECT pg_catalog.format('RULE %I ON %I', r.rulename, c.relname), "
            "'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid, 0, 'rule ' || c.relname || '.' || r.rulename FROM "
            "pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class WHERE c.relnamespace = "
            SCHEMA_OID " AND r.rulename <> '_RETURN' UNION ALL SELECT pg_catalog.format('STATISTICS %I', s.stxname), "
            "'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid, 0, 'statistics ' || s.stxname FROM "
            "pg_catalog.pg_statistic_ext s WHERE s.stxnamespace = " SCHEMA_OID " UNION ALL SELECT "
            "pg_catalog.format('PUBLICATION %I', p.pubname), 'pg_catalog.pg_publication'::pg_catalog.regclass, "
            "p.oid, 0, 'publication ' || p.pubname FROM pg_catalog.pg_publication p UNION ALL SELECT "
            "pg_catalog.format('FOREIGN DATA WRAPPER %I', f.fdwname), "
            "'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass, f.oid, 0, 'foreign_data_wrapper ' || "
            "f.fdwname FROM pg_catalog.pg_foreign_data_wrapper f UNION ALL SELECT pg_catalog.format('SERVER %I', "
            "s.srvname), 'pg_catalog.pg_foreign_server'::pg_catalog.regclass, s.oid, 0, 'server ' || s.srvname FROM "
            "pg_catalog.pg_foreign_server s UNION ALL SELECT pg_catalog.format('COLUMN %I.%I', c.relname, "
            "a.attname), 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, a.attnum, CASE c.relkind WHEN 'c' THEN "
            "'type ' WHEN 'f' THEN 'foreign_table ' ELSE 'view ' END || c.relname FROM pg_catalog.pg_class c JOIN "
            "pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped WHERE "
            "c.relnamespace = " SCHEMA_OID " AND c.relkind IN ('v', 'm', 'c', 'f')) w JOIN "
            "pg_catalog.pg_description d ON d.classoid = w.cls AND d.objoid = w.oid AND d.objsubid = w.sub WHERE "
            "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = w.cls AND e.objid = w.oid AND "
            "e.deptype = 'e')";
        read_object_rows(sql);
    }

    // Comments on database-wide objects (casts, publications, wrappers,
    // servers, access methods, languages, transforms) are read for all of
    // them: one on an object the diff leaves out is left out with it.
    void drop_comments_on_objects_left_out() {
        std::set<std::string> known;
        for (const auto& o : catalog_.objects) known.insert(o.key());
        static const char* const database_wide[] = {"cast ",        "publication ", "foreign_data_wrapper ",
                                                    "server ",      "access_method ", "language ",
                                                    "transform "};
        auto left_out = [&](const schema::Object& o) {
            if (o.kind != "comment" || o.depends_on.empty() || known.count(o.depends_on.front())) return false;
            for (const char* kind : database_wide)
                if (o.depends_on.front().rfind(kind, 0) == 0) return true;
            return false;
        };
        auto& objects = catalog_.objects;
        objects.erase(std::remove_if(objects.begin(), objects.end(), left_out), objects.end());
    }

    // The columns and indexes that use a collation or an operator class of
    // the schema, which PostgreSQL will not drop under them (Object::used_by).
    void read_object_users() {
        const char* sql =
            "SELECT 'collation ' || co.collname, 'column ' || c.relname || '.' || a.attname FROM "
            "pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_collation "
            "co ON co.oid = a.attcollation WHERE co.collnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE "
            "nspname = $1) AND c.relkind IN ('r', 'p', 'f', 'm') AND a.attnum > 0 AND NOT a.attisdropped UNION ALL "
            "SELECT coalesce('collation ' || co.collname, 'operator_class ' || oc.opcname || ' USING ' || am.amname), "
            "'index ' || x.relname FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class x ON x.oid = d.objid AND "
            "x.relkind IN ('i', 'I') LEFT JOIN pg_catalog.pg_collation co ON d.refclassid = "
            "'pg_catalog.pg_collation'::pg_catalog.regclass AND co.oid = d.refobjid LEFT JOIN pg_catalog.pg_opclass "
            "oc ON d.refclassid = 'pg_catalog.pg_opclass'::pg_catalog.regclass AND oc.oid = d.refobjid LEFT JOIN "
            "pg_catalog.pg_am am ON am.oid = oc.opcmethod WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
            "AND coalesce(co.collnamespace, oc.opcnamespace) = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname "
            "= $1) ORDER BY 1, 2";
        std::map<std::string, schema::Object*> objects;
        for (auto& o : catalog_.objects) objects[o.key()] = &o;
        for (const auto& row : query(sql)) {
            auto it = objects.find(text(row[0]));
            if (it != objects.end()) it->second->used_by.push_back(text(row[1]));
        }
    }

    void read_enums() {
        const char* sql =
            "SELECT t.typname, (SELECT pg_catalog.string_agg(v.enumlabel::pg_catalog.text, " SEPARATOR " ORDER BY v.enumsortorder) "
            "FROM pg_enum v WHERE v.enumtypid = t.oid) FROM pg_type t WHERE t.typnamespace = (SELECT oid FROM "
            "pg_namespace WHERE nspname = $1) AND t.typtype = 'e' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE "
            "e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e') ORDER BY t.typname";
        for (const auto& row : query(sql)) catalog_.enums.push_back({text(row[0]), items(row[1])});
    }

    // Not an identity column's sequence (an 'i' dependency); a serial
    // column's (read_columns found them) apart, which a diff alters when its
    // column stops being serial for the sequence's settings.
    void read_sequences() {
        const char* sql =
            "SELECT s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, "
            "q.seqcache, q.seqcycle, "
            "(SELECT t.relname || '.' || a.attname FROM pg_depend o JOIN pg_class t ON t.oid = o.refobjid "
            " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = o.refobjsubid WHERE o.classid = "
            " 'pg_class'::regclass AND o.objid = s.oid AND o.refclassid = 'pg_class'::regclass AND o.deptype = 'a' "
            " AND o.refobjsubid > 0 LIMIT 1) "
            "FROM pg_class s JOIN pg_sequence q ON q.seqrelid = s.oid WHERE " IN_SCHEMA("s", "pg_class") " AND "
            "s.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND "
            "i.objid = s.oid AND i.deptype = 'i') ORDER BY s.relname";
        for (const auto& row : query(sql)) {
            schema::Sequence s;
            s.name = text(row[0]);
            s.data_type = text(row[1]);
            s.start = text(row[2]);
            s.increment = text(row[3]);
            s.min_value = text(row[4]);
            s.max_value = text(row[5]);
            s.cache = text(row[6]);
            s.cycle = text(row[7]) == "t";
            s.owned_by = text(row[8]);
            (serial_sequences_.count(s.name) ? catalog_.serial_sequences : catalog_.sequences).push_back(std::move(s));
        }
    }

    Database& db_;
    const std::string schema_;
    Catalog catalog_;
    std::map<std::string, std::size_t> tables_;  // name -> position in catalog_.tables
    std::set<std::string> serial_sequences_;
};

}  // namespace

schema::Catalog read_pg_catalog(Database& db, const std::string& schema) { return Reader(db, schema).read(); }

}  // namespace migrate::pg
