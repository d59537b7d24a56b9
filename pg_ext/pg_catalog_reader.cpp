#include "pg_catalog_reader.hpp"

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

// A relation or type of `schema` ($1) that no extension owns.
#define IN_SCHEMA(alias, catalog)                                                                         \
    alias ".relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND NOT EXISTS (SELECT 1 " \
          "FROM pg_depend e WHERE e.classid = '" catalog "'::regclass AND e.objid = " alias               \
          ".oid AND e.deptype = 'e')"
#define TABLE_IN_SCHEMA(alias) \
    IN_SCHEMA(alias, "pg_class") " AND " alias ".relkind = 'r' AND NOT " alias ".relispartition"

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

class Reader {
public:
    Reader(Database& db, const std::string& schema) : db_(db), schema_(schema) {}

    Catalog read() {
        read_tables();
        read_columns();
        read_constraints();
        read_indexes();
        read_views();
        read_enums();
        read_sequences();
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
            "SELECT c.relname, d.description FROM pg_class c LEFT JOIN pg_description d ON d.objoid = c.oid "
            "AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 WHERE " TABLE_IN_SCHEMA("c") " ORDER BY c.relname";
        for (const auto& row : query(sql)) {
            tables_.emplace(text(row[0]), catalog_.tables.size());
            Table t;
            t.name = text(row[0]);
            t.comment = row[1];
            catalog_.tables.push_back(std::move(t));
        }
    }

    // The serial sequence: owned by the column (an 'a' dependency), named by
    // its default, with the settings `serial` gives it.
    void read_columns() {
        const char* sql =
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> 0 "
            "AND a.attcollation <> t.typcollation THEN ' COLLATE ' || pg_catalog.quote_ident(co.collname::pg_catalog.text) ELSE '' END, "
            "a.attnotnull, pg_get_expr(d.adbin, d.adrelid, true), cd.description, a.attidentity, "
            "a.attgenerated, serial.relname "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
            "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
            "LEFT JOIN pg_description cd ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass "
            "AND cd.objsubid = a.attnum "
            "LEFT JOIN LATERAL (SELECT s.relname FROM pg_depend o JOIN pg_class s ON s.oid = o.objid "
            "  JOIN pg_sequence q ON q.seqrelid = s.oid "
            "  WHERE o.classid = 'pg_class'::regclass AND o.refclassid = 'pg_class'::regclass AND o.refobjid = c.oid "
            "  AND o.refobjsubid = a.attnum AND o.deptype = 'a' AND q.seqtypid = a.atttypid AND q.seqstart = 1 "
            "  AND q.seqincrement = 1 AND q.seqmin = 1 AND q.seqcache = 1 AND NOT q.seqcycle "
            "  AND q.seqmax = CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 "
            "  ELSE 9223372036854775807 END "
            "  AND pg_get_expr(d.adbin, d.adrelid) = 'nextval(' || quote_literal(s.oid::regclass::text) || "
            "'::regclass)') serial ON a.attgenerated = '' "
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
            if (identity == "a") c.default_value = "GENERATED ALWAYS AS IDENTITY";
            if (identity == "d") c.default_value = "GENERATED BY DEFAULT AS IDENTITY";
            if (generated == "s") {
                c.generated = schema::Generated::Stored;
                c.definition_key = "GENERATED ALWAYS AS (" + text(row[4]) + ") STORED";
                c.default_value.reset();
            }
            if (row[8]) {
                c.definition_key = "serial";
                c.sequence = *row[8];
                c.default_value.reset();
                serial_sequences_.insert(*row[8]);
            }
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
            "WHERE " TABLE_IN_SCHEMA("c") " AND k.contype IN ('p', 'u', 'c', 'f') ORDER BY c.relname, k.conname";
        for (const auto& row : query(sql)) {
            Table* t = table(row[0]);
            if (!t) continue;
            Constraint k;
            const std::string type = text(row[2]);
            k.kind = type == "p"   ? ConstraintKind::PrimaryKey
                     : type == "u" ? ConstraintKind::Unique
                     : type == "c" ? ConstraintKind::Check
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
            "pg_get_indexdef(i.indexrelid, 0, true) AS def, pg_get_expr(i.indpred, i.indrelid, true) AS predicate, "
            "(SELECT pg_catalog.string_agg(coalesce(pg_catalog.quote_ident(a.attname::pg_catalog.text), pg_get_indexdef(i.indexrelid, k, true)), " SEPARATOR
            " ORDER BY k) FROM pg_catalog.generate_series(1, i.indnkeyatts::pg_catalog.int4) k LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
            " AND a.attnum = i.indkey[k - 1]) AS keys "
            "FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
            "WHERE " TABLE_IN_SCHEMA("c") " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
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
            " AND r.relnamespace = c.relnamespace) "
            "FROM pg_class c WHERE " IN_SCHEMA("c", "pg_class") " AND c.relkind = 'v' ORDER BY c.relname";
        for (const auto& row : query(sql)) {
            schema::View view;
            view.name = text(row[0]);
            view.definition = text(row[1]);
            view.definition_key = view.definition;
            view.depends_on = items(row[2]);
            catalog_.views.push_back(std::move(view));
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

    // Not an identity column's sequence (an 'i' dependency) nor a serial
    // column's, which read_columns found.
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
            if (serial_sequences_.count(text(row[0]))) continue;
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
            catalog_.sequences.push_back(std::move(s));
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
