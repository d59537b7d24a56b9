#include "sqlite_catalog.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "sql_text.hpp"
#include "sql_tokens.hpp"
#include "sqlite_database.hpp"
#include "text.hpp"

namespace migrate::sqlite {
namespace {

using schema::Catalog;
using schema::Column;
using schema::Constraint;
using schema::ConstraintKind;
using schema::Table;
using sql::Tokens;

std::string text(const Value& v) { return v.value_or(""); }

std::string normalized(const Tokens& tokens, std::size_t begin, std::size_t end) {
    return sql::normalize(tokens, begin, end, true);
}

// Adds the CHECK constraints among tokens [begin, end) (`[CONSTRAINT name]
// CHECK (expr)`) to the table and returns the other tokens' normalized text:
// a check is compared as a constraint, not again as part of its clause.
std::string take_checks(const Tokens& tokens, std::size_t begin, std::size_t end, const std::string& column,
                        Table& table) {
    Tokens rest;
    for (std::size_t i = begin; i < end; ++i) {
        if (!(sql::is_keyword(tokens[i], "check") && i + 1 < end && tokens[i + 1].text == "(")) {
            rest.push_back(tokens[i]);
            continue;
        }
        std::size_t close = sql::closing_paren(tokens, i + 1);
        Constraint c;
        c.kind = ConstraintKind::Check;
        c.expression = normalized(tokens, i + 2, close);
        if (i >= begin + 2 && sql::is_keyword(tokens[i - 2], "constraint")) {
            c.name = sql::name_of(tokens[i - 1]);
            rest.resize(rest.size() - 2);
        }
        c.column = column;
        table.constraints.push_back(std::move(c));
        i = close;
    }
    return normalized(rest, 0, rest.size());
}

// The tokens [begin, end) of a column definition without its PRIMARY KEY,
// UNIQUE and REFERENCES clauses (and their CONSTRAINT names): the pragmas
// report those as constraints, whether written inline or table-level, so
// both forms compare the same. AUTOINCREMENT, which only the column can
// say, stays.
Tokens without_key_clauses(const Tokens& tokens, std::size_t begin, std::size_t end) {
    auto word = [&](std::size_t i, const char* w) { return i < end && sql::is_keyword(tokens[i], w); };
    auto key_clause = [&](std::size_t i) { return word(i, "primary") || word(i, "unique") || word(i, "references"); };
    auto skip_on_conflict = [&](std::size_t i) { return word(i, "on") && word(i + 1, "conflict") ? i + 3 : i; };
    Tokens out;
    for (std::size_t i = begin; i < end;) {
        if (tokens[i].text == "(") {
            std::size_t close = std::min(sql::closing_paren(tokens, i), end - 1);
            out.insert(out.end(), tokens.begin() + i, tokens.begin() + close + 1);
            i = close + 1;
            continue;
        }
        if (word(i, "constraint") && key_clause(i + 2)) i += 2;
        if (word(i, "primary") && word(i + 1, "key")) {
            i += 2;
            if (word(i, "asc") || word(i, "desc")) ++i;
            i = skip_on_conflict(i);
        } else if (word(i, "unique")) {
            i = skip_on_conflict(i + 1);
        } else if (word(i, "references")) {
            i += 2;
            if (i < end && tokens[i].text == "(") i = sql::closing_paren(tokens, i) + 1;
            for (bool more = true; more && i < end;) {
                if (word(i, "on") && (word(i + 1, "delete") || word(i + 1, "update")))
                    i += word(i + 2, "set") || word(i + 2, "no") ? 4 : 3;
                else if (word(i, "match"))
                    i += 2;
                else if (word(i, "not") && word(i + 1, "deferrable"))
                    i += 2;
                else if (word(i, "deferrable"))
                    i += 1;
                else if (word(i, "initially"))
                    i += 2;
                else
                    more = false;
            }
        } else {
            out.push_back(tokens[i++]);
        }
    }
    return out;
}

// Whether a table-level clause is a PRIMARY KEY, UNIQUE or FOREIGN KEY one.
bool is_key_clause(const Tokens& tokens, std::size_t begin, std::size_t end) {
    std::size_t i = begin + 1 < end && sql::is_keyword(tokens[begin], "constraint") ? begin + 2 : begin;
    return i < end && (sql::is_keyword(tokens[i], "primary") || sql::is_keyword(tokens[i], "unique") ||
                       sql::is_keyword(tokens[i], "foreign"));
}

bool starts_table_constraint(const sql::Token& t) {
    for (const char* word : {"constraint", "primary", "unique", "check", "foreign"})
        if (sql::is_keyword(t, word)) return true;
    return false;
}

// The names of `CONSTRAINT name PRIMARY KEY|UNIQUE|FOREIGN KEY (columns)`
// clauses, and of `CONSTRAINT name PRIMARY KEY|UNIQUE|REFERENCES` inside
// `column`'s definition, given to the constraint the pragmas report for the
// same columns (the pragmas report no names).
void name_constraints(const Tokens& tokens, std::size_t begin, std::size_t end, const std::string& column,
                      Table& table) {
    for (std::size_t i = begin; i + 2 < end; ++i) {
        if (!sql::is_keyword(tokens[i], "constraint")) continue;
        const sql::Token& kind_token = tokens[i + 2];
        ConstraintKind kind;
        if (sql::is_keyword(kind_token, "primary"))
            kind = ConstraintKind::PrimaryKey;
        else if (sql::is_keyword(kind_token, "unique"))
            kind = ConstraintKind::Unique;
        else if (sql::is_keyword(kind_token, "foreign") || sql::is_keyword(kind_token, "references"))
            kind = ConstraintKind::ForeignKey;
        else
            continue;
        std::vector<std::string> columns;
        if (!column.empty()) {
            columns.push_back(lower(column));
        } else {
            std::size_t open = i + 3;
            while (open < end && tokens[open].text != "(") ++open;
            std::size_t close = sql::closing_paren(tokens, open);
            if (close >= end) continue;
            for (const auto& item : sql::split_top_level(tokens, open + 1, close))
                columns.push_back(lower(sql::name_of(tokens[item.begin])));
        }
        for (auto& c : table.constraints) {
            if (c.kind != kind || !c.name.empty() || c.columns.size() != columns.size()) continue;
            bool same = true;
            for (std::size_t k = 0; k < columns.size(); ++k) same = same && lower(c.columns[k]) == columns[k];
            if (same) {
                c.name = sql::name_of(tokens[i + 1]);
                break;
            }
        }
    }
}

// Splits CREATE TABLE into column definitions and table-level clauses. The
// columns are matched by name only: SQLite's ADD COLUMN appends after the
// table constraints, so positions say nothing.
void read_definition(Table& table) {
    Tokens tokens = sql::tokenize(table.definition);
    auto header = sql::create_header(tokens);
    if (!header) return;
    std::size_t open = header->name_end;
    bool is_virtual = tokens.size() > 1 && sql::is_keyword(tokens[1], "virtual");
    if (is_virtual || open >= tokens.size() || tokens[open].text != "(") {
        table.definition_key = normalized(tokens, open, tokens.size());
        return;
    }
    std::size_t close = sql::closing_paren(tokens, open);
    std::map<std::string, Column*> columns;
    for (auto& c : table.columns) columns.emplace(lower(c.name), &c);
    std::vector<std::string> clauses;
    for (const auto& item : sql::split_top_level(tokens, open + 1, close)) {
        const sql::Token& first = tokens[item.begin];
        auto column = columns.end();
        if (first.kind == sql::TokenKind::Identifier || !starts_table_constraint(first))
            column = columns.find(lower(sql::name_of(first)));
        if (column == columns.end()) {
            name_constraints(tokens, item.begin, item.end, "", table);
            if (is_key_clause(tokens, item.begin, item.end)) continue;
            std::string clause = take_checks(tokens, item.begin, item.end, "", table);
            if (!clause.empty()) clauses.push_back(std::move(clause));
            continue;
        }
        column->second->definition = std::string(sql::source(table.definition, tokens, item.begin, item.end));
        name_constraints(tokens, item.begin, item.end, column->second->name, table);
        Tokens rest = without_key_clauses(tokens, item.begin, item.end);
        column->second->definition_key = take_checks(rest, 0, rest.size(), column->second->name, table);
    }
    std::sort(clauses.begin(), clauses.end());
    table.definition_key = join(clauses, ", ");
    std::string options = normalized(tokens, close + 1, tokens.size());
    if (!options.empty()) table.definition_key += (table.definition_key.empty() ? "" : " ") + options;
}

// CREATE INDEX: the indexed terms and the predicate, from the text, as the
// pragmas name no expression.
void read_index(schema::Index& index) {
    Tokens tokens = sql::tokenize(index.definition);
    auto header = sql::create_header(tokens);
    if (!header) return;
    index.unique = tokens.size() > 1 && sql::is_keyword(tokens[1], "unique");
    std::size_t open = header->name_end;
    while (open < tokens.size() && tokens[open].text != "(") ++open;
    std::size_t close = sql::closing_paren(tokens, open);
    if (close >= tokens.size()) return;
    for (const auto& item : sql::split_top_level(tokens, open + 1, close))
        index.columns.push_back(normalized(tokens, item.begin, item.end));
    if (close + 1 < tokens.size() && sql::is_keyword(tokens[close + 1], "where"))
        index.where = normalized(tokens, close + 2, tokens.size());
}

// Views and triggers: compared from their name on (so that IF NOT EXISTS
// or a schema prefix does not count); `depends_on` is every table or view
// whose name appears in the text, a superset that is safe to re-create.
template <typename Object>
void read_body(Object& object, const std::set<std::string>& relations) {
    Tokens tokens = sql::tokenize(object.definition);
    auto header = sql::create_header(tokens);
    std::size_t from = header ? header->name_end : 0;
    object.definition_key = normalized(tokens, from, tokens.size());
    std::set<std::string> names;  // the relations named, in order
    const std::string own = lower(object.name);
    for (std::size_t i = from; i < tokens.size(); ++i) {
        if (tokens[i].kind != sql::TokenKind::Word && tokens[i].kind != sql::TokenKind::Identifier) continue;
        std::string name = lower(sql::name_of(tokens[i]));
        if (name != own && relations.count(name)) names.insert(std::move(name));
    }
    object.depends_on.assign(names.begin(), names.end());
}

// One connection's catalog: its objects from sqlite_master, then the details
// (pragmas, and what is read from the CREATE texts) of those asked for.
class Side {
public:
    explicit Side(sqlite3* db) : conn_(db) {
        catalog_.case_insensitive = true;
        read_objects();
    }

    Catalog& catalog() { return catalog_; }
    const std::set<std::string>& relations() const { return relations_; }

    Table* table(const std::string& name) {
        auto it = tables_.find(lower(name));
        return it == tables_.end() ? nullptr : &catalog_.tables[it->second];
    }

    // Columns, keys and clauses of the tables named (lowercase keys).
    void read_tables(const std::set<std::string>& keys) {
        if (keys.empty()) return;
        std::vector<std::string> names;
        for (const auto& key : keys) names.push_back(quote_literal(table(key)->name));
        const std::string in = " AND m.name IN (" + join(names, ", ") + ")";
        read_columns(in);
        read_unique_constraints(in);
        read_foreign_keys(in);
        for (const auto& key : keys) read_definition(*table(key));
    }

private:
    // SELECT `columns` FROM the user tables of `in` joined with `pragmas`
    // [WHERE `condition`] ORDER BY `order`.
    std::vector<Row> per_table(const std::string& columns, const std::string& pragmas, const std::string& condition,
                               const std::string& in, const std::string& order) {
        return conn_.query(fmt::format("SELECT {} FROM main.sqlite_master AS m, {} WHERE m.type = 'table'{}{} "
                                       "ORDER BY {}",
                                       columns, pragmas, condition.empty() ? "" : " AND " + condition, in, order));
    }

    Table* table(const Value& name) { return table(text(name)); }

    void read_objects() {
        const auto rows = conn_.query("SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE sql IS NOT "
                                      "NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        // A virtual table's own storage, named since SQLite 3.37. Only asked
        // when there is a virtual table: pragma_table_list compiles every view.
        std::set<std::string> shadow;
        bool has_virtual = std::any_of(rows.begin(), rows.end(), [](const Row& row) {
            return text(row[0]) == "table" && starts_with_ascii_ci(text(row[3]), "create virtual");
        });
        if (has_virtual && sqlite3_libversion_number() >= 3037000)
            for (const auto& row :
                 conn_.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"))
                shadow.insert(lower(text(row[0])));
        for (const auto& row : rows) {
            std::string type = text(row[0]), name = text(row[1]), table = text(row[2]), definition = text(row[3]);
            if (type == "table" && !shadow.count(lower(name))) {
                tables_.emplace(lower(name), catalog_.tables.size());
                relations_.insert(lower(name));
                catalog_.tables.push_back({name, {}, {}, std::nullopt, definition, "", "", "", {}, ""});
            } else if (type == "index" && !shadow.count(lower(table))) {
                schema::Index index;
                index.name = name;
                index.table = table;
                index.definition = definition;
                catalog_.indexes.push_back(std::move(index));
            } else if (type == "view") {
                catalog_.views.push_back({name, definition, "", {}, false, {}});
                relations_.insert(lower(name));
            } else if (type == "trigger") {
                catalog_.triggers.push_back({name, table, definition, "", {}});
            }
        }
    }

    void read_columns(const std::string& in) {
        std::map<Table*, std::vector<std::pair<int, std::string>>> primary_keys;
        for (const auto& row : per_table("m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden",
                                         "pragma_table_xinfo(m.name, 'main') AS p", "", in, "m.name, p.cid")) {
            Table* t = table(row[0]);
            int hidden = std::stoi(text(row[6]));
            if (!t || hidden == 1) continue;  // 1: a virtual table's hidden column
            Column c;
            c.name = text(row[1]);
            c.type = sql::normalize(text(row[2]), true);
            c.nullable = text(row[3]) == "0";
            if (row[4]) c.default_value = sql::normalize(*row[4], true);
            c.generated = hidden == 2   ? schema::Generated::Virtual
                          : hidden == 3 ? schema::Generated::Stored
                                        : schema::Generated::No;
            int pk = std::stoi(text(row[5]));
            if (pk > 0) primary_keys[t].emplace_back(pk, c.name);
            t->columns.push_back(std::move(c));
        }
        for (auto& [t, columns] : primary_keys) {
            std::sort(columns.begin(), columns.end());
            Constraint pk;
            pk.kind = ConstraintKind::PrimaryKey;
            for (const auto& [position, name] : columns) pk.columns.push_back(name);
            t->constraints.push_back(std::move(pk));
        }
    }

    // The LIKE filters (SQLite's LIKE ignores ASCII case) spare a pragma call
    // per table that cannot have what it reports.
    void read_unique_constraints(const std::string& in) {
        std::string current;
        for (const auto& row :
             per_table("m.name, il.name, ii.name",
                       "pragma_index_list(m.name, 'main') AS il, pragma_index_info(il.name, 'main') AS ii",
                       "m.sql LIKE '%unique%' AND il.origin = 'u'", in, "m.name, il.name, ii.seqno")) {
            Table* t = table(row[0]);
            if (!t) continue;
            if (text(row[1]) != current) {
                current = text(row[1]);
                t->constraints.push_back({});  // a Unique constraint
            }
            t->constraints.back().columns.push_back(text(row[2]));
        }
    }

    void read_foreign_keys(const std::string& in) {
        std::string current;
        for (const auto& row : per_table("m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, "
                                         "fk.on_delete, fk.\"match\"",
                                         "pragma_foreign_key_list(m.name, 'main') AS fk", "m.sql LIKE '%references%'",
                                         in, "m.name, fk.id, fk.seq")) {
            Table* t = table(row[0]);
            if (!t) continue;
            std::string id = text(row[0]) + "\x1f" + text(row[1]);
            if (id != current) {
                current = id;
                Constraint c;
                c.kind = ConstraintKind::ForeignKey;
                c.ref_table = text(row[2]);
                c.on_update = text(row[5]);
                c.on_delete = text(row[6]);
                c.match = text(row[7]);
                t->constraints.push_back(std::move(c));
            }
            Constraint& fk = t->constraints.back();
            fk.columns.push_back(text(row[3]));
            if (row[4]) fk.ref_columns.push_back(*row[4]);  // NULL: the parent's primary key
        }
    }

    SqliteDatabase conn_;
    Catalog catalog_;
    std::map<std::string, std::size_t> tables_;  // lowercase name -> position in catalog_.tables
    std::set<std::string> relations_;            // tables and views, lowercase
};

// The objects of `to` that `from` has too, under the same name (and table)
// with the same CREATE text, by their position in `to`; everything read
// about one follows from that text.
template <typename Object>
std::vector<const Object*> repeated(const std::vector<Object>& from, const std::vector<Object>& to) {
    std::map<std::string_view, const Object*> by_text;
    for (const auto& o : from) by_text.emplace(o.definition, &o);
    std::vector<const Object*> out;
    for (const auto& o : to) {
        auto it = by_text.find(o.definition);
        bool same = it != by_text.end() && it->second->name == o.name;
        if constexpr (std::is_same_v<Object, schema::Index> || std::is_same_v<Object, schema::Trigger>)
            same = same && it->second->table == o.table;
        out.push_back(same ? it->second : nullptr);
    }
    return out;
}

void read_object(schema::View& view, const std::set<std::string>& relations) { read_body(view, relations); }

void read_object(schema::Trigger& trigger, const std::set<std::string>& relations) {
    read_body(trigger, relations);
    std::string own = lower(trigger.table);
    if (std::find(trigger.depends_on.begin(), trigger.depends_on.end(), own) == trigger.depends_on.end())
        trigger.depends_on.push_back(own);
}

// Views or triggers: those that differ are read on their side; those the
// target repeats (`same`, by position in `target`) only when `repeated_too`,
// once, on the live side, unless each side has other relations to name.
template <typename Object>
void read_objects(std::vector<Object>& live, std::vector<Object>& target, const std::vector<const Object*>& same,
                  const Side& live_side, const Side& target_side, bool repeated_too) {
    const std::set<const Object*> shared(same.begin(), same.end());
    const bool same_relations = live_side.relations() == target_side.relations();
    for (auto& o : live)
        if (repeated_too || !shared.count(&o)) read_object(o, live_side.relations());
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (same[i] && !repeated_too) continue;
        if (same[i] && same_relations)
            target[i] = *same[i];
        else
            read_object(target[i], target_side.relations());
    }
}

}  // namespace

schema::Catalogs read_catalogs(sqlite3* live_db, sqlite3* scratch_db) {
    Side live(live_db), target(scratch_db);
    Catalog &from = live.catalog(), &to = target.catalog();

    // Tables: those that differ are read on their side; of those the target
    // repeats, only the ones a differing table's foreign key references, once.
    const auto same_tables = repeated(from.tables, to.tables);
    std::set<std::string> shared, live_own, target_own;
    for (std::size_t i = 0; i < to.tables.size(); ++i)
        (same_tables[i] ? shared : target_own).insert(lower(to.tables[i].name));
    for (const auto& t : from.tables)
        if (!shared.count(lower(t.name))) live_own.insert(lower(t.name));
    live.read_tables(live_own);
    target.read_tables(target_own);
    std::set<std::string> referenced;
    for (auto [side, own] : {std::pair{&live, &live_own}, std::pair{&target, &target_own}})
        for (const auto& key : *own)
            for (const auto& c : side->table(key)->constraints)
                if (c.kind == ConstraintKind::ForeignKey && shared.count(lower(c.ref_table)))
                    referenced.insert(lower(c.ref_table));
    live.read_tables(referenced);
    for (const auto& key : referenced) *target.table(key) = *live.table(key);

    const auto same_indexes = repeated(from.indexes, to.indexes);
    std::set<const schema::Index*> shared_indexes(same_indexes.begin(), same_indexes.end());
    for (auto& index : from.indexes)
        if (!shared_indexes.count(&index)) read_index(index);
    for (std::size_t i = 0; i < to.indexes.size(); ++i)
        if (!same_indexes[i]) read_index(to.indexes[i]);

    // A repeated view or trigger is compared by its text alone; its
    // dependencies count once a table or view differs, which may disturb it.
    const auto same_views = repeated(from.views, to.views);
    const auto same_triggers = repeated(from.triggers, to.triggers);
    const bool all_repeated =
        live_own.empty() && target_own.empty() && from.views.size() == to.views.size() &&
        std::find(same_views.begin(), same_views.end(), nullptr) == same_views.end();
    read_objects(from.views, to.views, same_views, live, target, !all_repeated);
    read_objects(from.triggers, to.triggers, same_triggers, live, target, !all_repeated);
    return {std::move(from), std::move(to)};
}

}  // namespace migrate::sqlite
