#include "schema_diff.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <type_traits>

#include "schema_engine.hpp"
#include "text.hpp"

namespace migrate::schema {
namespace {

// ---- descriptions ---------------------------------------------------------

// Python's repr() of a string, so that the lines read back with
// ast.literal_eval and look like Alembic's.
std::string py(const std::string& s) {
    const char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    for (char c : s) {
        if (c == '\\' || c == quote) out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out + quote;
}

std::string py(const char* s) { return py(std::string(s)); }  // not py(bool)
std::string py(const std::optional<std::string>& s) { return s ? py(*s) : "None"; }
std::string py(bool b) { return b ? "True" : "False"; }
std::string py(const std::vector<std::string>& items) {
    return "[" + join(items, ", ", [](const std::string& s) { return py(s); }) + "]";
}

std::string tuple(std::vector<std::string> items) {
    std::string out = "(" + join(items, ", ");
    return out + (items.size() == 1 ? ",)" : ")");
}

const char* constraint_kind(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::PrimaryKey: return "primary key";
        case ConstraintKind::Unique: return "unique";
        case ConstraintKind::Check: return "check";
        case ConstraintKind::ForeignKey: return "foreign key";
        case ConstraintKind::Exclude: return "exclude";
    }
    return "";
}

// Alembic's add_fk/remove_fk and add_constraint/remove_constraint, with the
// constraint's name last when the engine reports one.
std::string describe_constraint(const std::string& verb, const Table& table, const Constraint& c) {
    std::vector<std::string> items;
    if (c.kind == ConstraintKind::ForeignKey)
        items = {py(verb + "_fk"), py(table.name), py(c.columns), py(c.ref_table), py(c.ref_columns)};
    else
        items = {py(verb + "_constraint"), py(table.name), py(constraint_kind(c.kind)),
                 c.kind == ConstraintKind::Check ? py(c.expression) : py(c.columns)};
    if (!c.name.empty()) items.push_back(py(c.name));
    return tuple(items);
}

// ---- matching -------------------------------------------------------------

template <typename T>
std::map<std::string, const T*> by_key(const Catalog& catalog, const std::vector<T>& items) {
    std::map<std::string, const T*> out;
    for (const T& item : items) out.emplace(catalog.key(item.name), &item);
    return out;
}

std::vector<std::string> keys_of(const Catalog& catalog, const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(catalog.key(n));
    return out;
}

// Every field a constraint is compared on; equal signatures, equal constraints.
// Built in one string: every kept table's constraints get one each diff.
std::string signature(const Catalog& catalog, const Constraint& c) {
    std::string out = std::to_string(static_cast<int>(c.kind));
    auto field = [&](const std::string& value) { (out += '\x1f') += value; };
    auto keys = [&](const std::vector<std::string>& names) {
        out += '\x1f';
        for (std::size_t i = 0; i < names.size(); ++i) (out += i ? "," : "") += catalog.key(names[i]);
    };
    field(c.name);
    keys(c.columns);
    field(c.expression);
    field(catalog.key(c.ref_table));
    keys(c.ref_columns);
    field(c.on_update);
    field(c.on_delete);
    field(c.match);
    field(catalog.key(c.column));
    field(c.definition_key);
    return out;
}

// Whether a column's type text names `type`, maybe quoted, maybe as an array.
bool names_type(std::string column_type, const std::string& type) {
    while (column_type.size() > 2 && column_type.compare(column_type.size() - 2, 2, "[]") == 0)
        column_type.resize(column_type.size() - 2);
    if (column_type.size() > 1 && column_type.front() == '"' && column_type.back() == '"') {
        std::string unquoted;
        for (std::size_t i = 1; i + 1 < column_type.size(); ++i) {
            unquoted += column_type[i];
            if (column_type[i] == '"') ++i;  // "" is one quote
        }
        column_type = unquoted;
    }
    return column_type == type;
}

// `retyped`: the types re-created under their old name (ReplaceEnum), which
// a column of that type must be converted to.
unsigned column_changes(const Column& from, const Column& to, const std::set<std::string>& retyped) {
    unsigned changes = 0;
    if (from.type != to.type) changes |= kType;
    for (const auto& type : retyped)
        if (!(changes & kType) && names_type(to.type, type)) changes |= kRetyped;
    if (from.nullable != to.nullable) changes |= kNullable;
    // A column owning the sequence its default draws from (PostgreSQL) reads
    // as serial or as a plain column by that sequence's settings, which the
    // sequences compare (compare_types): no change of the column itself.
    const bool same_sequence = !from.sequence.empty() && from.sequence == to.sequence;
    if (from.default_value != to.default_value && !same_sequence) changes |= kDefault;
    if (from.comment != to.comment) changes |= kComment;
    if ((from.definition_key != to.definition_key && !same_sequence) || from.generated != to.generated)
        changes |= kDefinition;
    return changes;
}

bool same_index(const Catalog& fc, const Index& a, const Catalog& tc, const Index& b) {
    return fc.key(a.table) == tc.key(b.table) && a.unique == b.unique && a.columns == b.columns && a.where == b.where &&
           a.definition_key == b.definition_key;
}

bool same_sequence(const Sequence& a, const Sequence& b) {
    return a.data_type == b.data_type && a.start == b.start && a.increment == b.increment &&
           a.min_value == b.min_value && a.max_value == b.max_value && a.cache == b.cache && a.cycle == b.cycle &&
           a.owned_by == b.owned_by;
}

bool is_subsequence(const std::vector<std::string>& small, const std::vector<std::string>& big) {
    std::size_t j = 0;
    for (const auto& v : big)
        if (j < small.size() && small[j] == v) ++j;
    return j == small.size();
}

// Whether a table keeps a parent (PostgreSQL: INHERITS, or the partitioned
// table it is a partition of).
bool keeps_parent(const Catalog& fc, const Table& from, const Catalog& tc, const Table& to) {
    if (!to.parent.empty() && fc.key(from.parent) == tc.key(to.parent)) return true;
    return std::any_of(to.inherits.begin(), to.inherits.end(), [&](const std::string& p) {
        return std::any_of(from.inherits.begin(), from.inherits.end(),
                           [&](const std::string& q) { return fc.key(q) == tc.key(p); });
    });
}

std::vector<std::string> parents_of(const Table& t) {
    std::vector<std::string> out(t.inherits);
    if (!t.parent.empty()) out.push_back(t.parent);
    return out;
}

// What differs between two versions of one table, in the order it is done.
std::vector<Operation> table_changes(const Catalog& fc, const Table& from, const Catalog& tc, const Table& to,
                                     const std::set<std::string>& retyped) {
    std::vector<Operation> added, altered, dropped, constraints_dropped, constraints_added, table_level;
    // Under a parent it keeps (PostgreSQL's INHERITS or partition's), a
    // table's inherited columns change with the parent's: ALTER TABLE on the
    // parent does it (their own settings: compare_inherited_columns).
    const bool kept_parent = keeps_parent(fc, from, tc, to);
    std::map<std::string, const Column*> old_columns;
    for (const auto& c : from.columns) old_columns.emplace(fc.key(c.name), &c);
    std::set<std::string> new_columns;
    for (const auto& c : to.columns) {
        new_columns.insert(tc.key(c.name));
        auto it = old_columns.find(tc.key(c.name));
        const bool from_parent = kept_parent && c.inherited;
        if (it == old_columns.end()) {
            if (from_parent) continue;
            Operation op{OpKind::AddColumn};
            op.table = &to;
            op.column = &c;
            added.push_back(op);
        } else if (unsigned changes = column_changes(*it->second, c, retyped) &
                                      (from_parent && it->second->inherited ? kComment : ~0u)) {
            Operation op{OpKind::AlterColumn};
            op.table = &to;
            op.old_table = &from;
            op.column = &c;
            op.old_column = it->second;
            op.column_changes = changes;
            altered.push_back(op);
        }
    }
    // Generated columns go first: the columns they are computed from cannot go before them.
    for (bool generated : {true, false})
        for (const auto& c : from.columns) {
            if (new_columns.count(fc.key(c.name)) || (kept_parent && c.inherited)) continue;
            if ((c.generated != Generated::No) != generated) continue;
            Operation op{OpKind::DropColumn};
            op.table = &from;
            op.column = &c;
            dropped.push_back(op);
        }

    std::vector<std::string> from_signatures, to_signatures;
    for (const auto& c : from.constraints) from_signatures.push_back(signature(fc, c));
    for (const auto& c : to.constraints) to_signatures.push_back(signature(tc, c));
    std::multiset<std::string> old_signatures(from_signatures.begin(), from_signatures.end()),
        new_signatures(to_signatures.begin(), to_signatures.end());
    for (std::size_t i = 0; i < from.constraints.size(); ++i) {
        const Constraint& c = from.constraints[i];
        auto it = new_signatures.find(from_signatures[i]);
        if (it != new_signatures.end()) {
            new_signatures.erase(it);
            continue;
        }
        Operation op{OpKind::DropConstraint};
        op.table = &from;
        op.constraint = &c;
        constraints_dropped.push_back(op);
    }
    for (std::size_t i = 0; i < to.constraints.size(); ++i) {
        const Constraint& c = to.constraints[i];
        auto it = old_signatures.find(to_signatures[i]);
        if (it != old_signatures.end()) {
            old_signatures.erase(it);
            continue;
        }
        Operation op{OpKind::AddConstraint};
        op.table = &to;
        op.constraint = &c;
        constraints_added.push_back(op);
    }
    if (from.comment != to.comment) {
        Operation op{OpKind::SetTableComment};
        op.table = &to;
        op.old_table = &from;
        table_level.push_back(op);
    }
    if (from.definition_key != to.definition_key || from.access_method != to.access_method) {
        Operation op{OpKind::ChangeTableDefinition};
        op.table = &to;
        op.old_table = &from;
        table_level.push_back(op);
    }

    std::vector<Operation> out;
    for (auto* group : {&constraints_dropped, &added, &altered, &dropped, &table_level, &constraints_added})
        out.insert(out.end(), group->begin(), group->end());
    return out;
}

// Kahn's algorithm over names, ties and cycles broken by name: `deps(key)`
// are the keys that must come before `key`.
std::vector<std::string> dependency_order(const std::vector<std::string>& keys,
                                          const std::function<std::vector<std::string>(const std::string&)>& deps) {
    std::set<std::string> pending(keys.begin(), keys.end());
    std::vector<std::string> out;
    while (!pending.empty()) {
        bool progressed = false;
        for (auto it = pending.begin(); it != pending.end();) {
            bool ready = true;
            for (const auto& d : deps(*it))
                if (d != *it && pending.count(d)) ready = false;
            if (ready) {
                out.push_back(*it);
                it = pending.erase(it);
                progressed = true;
            } else {
                ++it;
            }
        }
        if (!progressed) {  // a cycle: take the first name and go on
            out.push_back(*pending.begin());
            pending.erase(pending.begin());
        }
    }
    return out;
}

std::vector<std::string> referenced_tables(const Catalog& catalog, const Table& table) {
    std::vector<std::string> out;
    if (!table.parent.empty()) out.push_back(catalog.key(table.parent));
    for (const auto& p : table.inherits) out.push_back(catalog.key(p));
    for (const auto& c : table.constraints)
        if (c.kind == ConstraintKind::ForeignKey) out.push_back(catalog.key(c.ref_table));
    return out;
}

// Parents before children among `tables` (keys of `catalog`).
std::vector<std::string> tables_in_dependency_order(const Catalog& catalog,
                                                    const std::map<std::string, const Table*>& all,
                                                    const std::vector<std::string>& tables) {
    return dependency_order(tables, [&](const std::string& key) { return referenced_tables(catalog, *all.at(key)); });
}

// The objects of `objects` created before the views (Stage::BeforeViews)
// that read a view, themselves or through another such object: a routine
// whose SQL-standard body (BEGIN ATOMIC) selects from a view.
std::set<std::string> objects_reading_views(const std::map<std::string, const Object*>& objects) {
    std::set<std::string> out;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [key, o] : objects) {
            if (o->stage != Stage::BeforeViews || out.count(key)) continue;
            for (const auto& d : o->depends_on)
                if (d.rfind("view ", 0) == 0 || out.count(d)) {
                    out.insert(key);
                    grew = true;
                    break;
                }
        }
    }
    return out;
}

template <typename T>
Operation on(OpKind kind, const T* object) {
    Operation op(kind);
    if constexpr (std::is_same_v<T, Table>) op.table = object;
    if constexpr (std::is_same_v<T, Index>) op.index = object;
    if constexpr (std::is_same_v<T, View>) op.view = object;
    if constexpr (std::is_same_v<T, Trigger>) op.trigger = object;
    if constexpr (std::is_same_v<T, EnumType>) op.enum_type = object;
    if constexpr (std::is_same_v<T, Sequence>) op.sequence = object;
    if constexpr (std::is_same_v<T, Object>) op.object = object;
    return op;
}

// One diff: first what differs (compare), then which tables are rebuilt and
// which views and triggers must be re-created around the changes (plan),
// then everything in dependency order (operations).
class Differ {
public:
    Differ(const Catalog& from, const Catalog& to)
        : fc_(from),
          tc_(to),
          from_tables_(by_key(from, from.tables)),
          to_tables_(by_key(to, to.tables)),
          from_indexes_(by_key(from, from.indexes)),
          to_indexes_(by_key(to, to.indexes)),
          from_views_(by_key(from, from.views)),
          to_views_(by_key(to, to.views)),
          from_triggers_(by_key(from, from.triggers)),
          to_triggers_(by_key(to, to.triggers)) {}

    void compare() {
        compare_types();
        compare_tables();
        compare_inherited_columns();
        compare_indexes();
        compare_views_and_triggers();
        compare_objects();
    }
    std::vector<Operation> changes() const;
    void plan(const SchemaEngine& engine);
    std::vector<Operation> operations() const;

private:
    void compare_types();
    const Sequence* kept_serial_sequence(const std::map<std::string, const Sequence*>& serial, const std::string& key,
                                         const Sequence& s) const;
    void compare_tables();
    void compare_inherited_columns();
    bool passed_down(const Table& table, const std::string& column, unsigned changes, int depth = 0) const;
    void compare_indexes();
    void compare_views_and_triggers();
    void compare_objects();
    void recreate_objects_needing(const std::set<std::string>& dropped, bool views = false);
    std::vector<const Object*> objects_in_order(bool creating) const;
    void add_views(std::vector<Operation>& out, bool creating) const;
    void add_objects(std::vector<Operation>& out, Stage stage, bool creating,
                     std::optional<bool> recreated = std::nullopt) const;
    bool gone_before_objects(const std::string& user) const;
    template <typename T>
    void compare_texts(const std::map<std::string, const T*>& from, const std::map<std::string, const T*>& to,
                       std::set<std::string>& dropped, std::set<std::string>& created) const;
    bool in_place(const std::string& table) const { return altered_.count(table) && !rebuilt_.count(table); }
    void add_table_ops(std::vector<Operation>& out, const std::function<bool(const Operation&)>& keep) const;
    bool changes_key(const std::string& table, OpKind kind) const;

    const Catalog& fc_;
    const Catalog& tc_;
    const std::map<std::string, const Table*> from_tables_, to_tables_;
    const std::map<std::string, const Index*> from_indexes_, to_indexes_;
    const std::map<std::string, const View*> from_views_, to_views_;
    const std::map<std::string, const Trigger*> from_triggers_, to_triggers_;

    std::vector<Operation> type_ops_, type_drops_;  // enums and sequences
    std::set<std::string> replaced_types_;           // ReplaceEnum's, by their names in the target
    std::vector<std::string> created_tables_, dropped_tables_;
    std::map<std::string, std::vector<Operation>> altered_;  // kept tables' changes
    // Inherited columns' own settings (Operation::only), set after the
    // parents' changes; those that change, for changes().
    std::vector<Operation> inherited_ops_, inherited_changes_;
    std::vector<const Index*> indexes_dropped_, indexes_created_;
    std::set<std::string> views_dropped_, views_created_, triggers_dropped_, triggers_created_;
    std::set<std::string> rebuilt_;
    std::map<std::string, const Object*> from_objects_, to_objects_;  // by Object::key()
    std::set<std::string> objects_created_, objects_dropped_, objects_replaced_;
    std::set<std::string> from_reading_views_, to_reading_views_;  // keys of objects that go among the views
};

void Differ::compare_types() {
    const auto from_enums = by_key(fc_, fc_.enums), to_enums = by_key(tc_, tc_.enums);
    for (const auto& [key, e] : to_enums) {
        auto it = from_enums.find(key);
        if (it == from_enums.end()) {
            type_ops_.push_back(on(OpKind::CreateEnum, e));
            continue;
        }
        const auto& old_values = it->second->values;
        if (old_values == e->values) continue;
        if (!is_subsequence(old_values, e->values)) {
            Operation op = on(OpKind::ReplaceEnum, e);
            op.old_enum = it->second;
            type_ops_.push_back(op);
            replaced_types_.insert(e->name);
            continue;
        }
        auto is_old = [&](const std::string& v) {
            return std::find(old_values.begin(), old_values.end(), v) != old_values.end();
        };
        for (std::size_t i = 0; i < e->values.size(); ++i) {
            if (is_old(e->values[i])) continue;
            Operation op = on(OpKind::AddEnumValue, e);
            op.old_enum = it->second;
            op.value = e->values[i];
            if (i > 0) op.after = e->values[i - 1];  // added in order, so already there
            for (std::size_t j = i + 1; j < e->values.size() && op.before.empty(); ++j)
                if (is_old(e->values[j])) op.before = e->values[j];
            type_ops_.push_back(op);
        }
    }
    for (const auto& [key, e] : from_enums)
        if (!to_enums.count(key)) type_drops_.push_back(on(OpKind::DropEnum, e));

    const auto from_sequences = by_key(fc_, fc_.sequences), to_sequences = by_key(tc_, tc_.sequences);
    const auto from_serial = by_key(fc_, fc_.serial_sequences), to_serial = by_key(tc_, tc_.serial_sequences);
    auto alter = [&](const Sequence* from, const Sequence* to) {
        Operation op = on(OpKind::AlterSequence, to);
        op.old_sequence = from;
        type_ops_.push_back(op);
    };
    for (const auto& [key, s] : to_sequences) {
        auto it = from_sequences.find(key);
        if (it != from_sequences.end()) {
            if (!same_sequence(*it->second, *s)) alter(it->second, s);
        } else if (const Sequence* serial = kept_serial_sequence(from_serial, key, *s)) {
            alter(serial, s);
        } else {
            type_ops_.push_back(on(OpKind::CreateSequence, s));
        }
    }
    for (const auto& [key, s] : from_sequences) {
        if (to_sequences.count(key)) continue;
        if (const Sequence* serial = kept_serial_sequence(to_serial, key, *s))
            alter(s, serial);
        else
            type_drops_.push_back(on(OpKind::DropSequence, s));
    }
}

// The serial sequence of `serial` named `key` when `s` is the same sequence
// with settings of its own: owned by the same column, which both catalogs
// hold and which draws its default from it (column_changes sees no change of
// that column). Altering it keeps its current value and the column's default.
const Sequence* Differ::kept_serial_sequence(const std::map<std::string, const Sequence*>& serial,
                                              const std::string& key, const Sequence& s) const {
    auto it = serial.find(key);
    if (it == serial.end() || it->second->owned_by != s.owned_by) return nullptr;
    auto owns = [&](const Catalog& c, const std::map<std::string, const Table*>& tables) {
        const auto dot = s.owned_by.rfind('.');
        if (dot == std::string::npos) return false;
        auto t = tables.find(c.key(s.owned_by.substr(0, dot)));
        if (t == tables.end()) return false;
        for (const auto& column : t->second->columns)
            if (c.key(column.name) == c.key(s.owned_by.substr(dot + 1))) return c.key(column.sequence) == key;
        return false;
    };
    return owns(fc_, from_tables_) && owns(tc_, to_tables_) ? it->second : nullptr;
}

void Differ::compare_tables() {
    for (const auto& [key, t] : to_tables_) {
        auto it = from_tables_.find(key);
        if (it == from_tables_.end()) {
            created_tables_.push_back(key);
            continue;
        }
        auto ops = table_changes(fc_, *it->second, tc_, *t, replaced_types_);
        if (!ops.empty()) altered_.emplace(key, std::move(ops));
    }
    for (const auto& [key, t] : from_tables_)
        if (!to_tables_.count(key)) dropped_tables_.push_back(key);
}

// An inherited column's own default and nullability (PostgreSQL: ALTER
// TABLE ONLY) are set after the parents' ALTER TABLE, which passes theirs
// down over them; set again when it does. A column that only follows its
// parents changes with them, or with its parent's own setting (parents
// first). A new table gets its parents' and then its own.
void Differ::compare_inherited_columns() {
    std::set<std::pair<std::string, unsigned>> applied;  // "table\x1fcolumn" keys and the bit set on them
    std::vector<std::string> keys;
    for (const auto& [key, t] : to_tables_) keys.push_back(key);
    for (const auto& key : tables_in_dependency_order(tc_, to_tables_, keys)) {
        const Table* t = to_tables_.at(key);
        auto from = from_tables_.find(key);
        const Table* old_table = nullptr;
        if (from != from_tables_.end()) {
            if (!keeps_parent(fc_, *from->second, tc_, *t)) continue;  // its columns are compared as its own
            old_table = from->second;
        }
        for (const auto& c : t->columns) {
            if (!c.inherited) continue;
            const Column* old = nullptr;
            if (old_table)
                for (const auto& o : old_table->columns)
                    if (o.inherited && fc_.key(o.name) == tc_.key(c.name)) old = &o;
            unsigned changes = 0, reported = 0;
            auto own = [&](bool to_own, bool old_own, bool same, unsigned bit, unsigned passes) {
                const auto parents = parents_of(*t);
                const bool parent_set = std::any_of(parents.begin(), parents.end(), [&](const std::string& p) {
                    return applied.count({tc_.key(p) + '\x1f' + tc_.key(c.name), bit}) > 0;
                });
                if (to_own ? !old_own || !same || passed_down(*t, c.name, passes) : old_own || parent_set)
                    changes |= bit;
                if (old && (to_own != old_own || (to_own && !same))) reported |= bit;
            };
            own(c.own_default, old && old->own_default, old && old->default_value == c.default_value, kDefault,
                kDefault | kType | kRetyped | kDefinition);
            own(c.own_nullability, old && old->own_nullability, old && old->nullable == c.nullable, kNullable,
                kNullable);
            if (!changes) continue;
            for (unsigned bit : {kDefault, kNullable})
                if (changes & bit) applied.insert({key + '\x1f' + tc_.key(c.name), bit});
            Operation op{OpKind::AlterColumn};
            op.table = t;
            op.old_table = old_table;
            op.column = &c;
            op.old_column = old ? old : &c;
            op.column_changes = changes;
            op.only = true;
            inherited_ops_.push_back(op);
            if (!reported) continue;
            op.column_changes = reported;
            inherited_changes_.push_back(op);
        }
    }
}

// Whether an ALTER TABLE on an ancestor of `table` (in the target) passes a
// change of `column` (one of `changes`) down to it.
bool Differ::passed_down(const Table& table, const std::string& column, unsigned changes, int depth) const {
    for (const auto& p : parents_of(table)) {
        auto parent = to_tables_.find(tc_.key(p));
        if (parent == to_tables_.end()) continue;
        auto it = altered_.find(parent->first);
        if (it != altered_.end())
            for (const auto& op : it->second)
                if (op.kind == OpKind::AlterColumn && (op.column_changes & changes) &&
                    tc_.key(op.column->name) == tc_.key(column))
                    return true;
        if (depth < 64 && passed_down(*parent->second, column, changes, depth + 1)) return true;  // bounded anyway
    }
    return false;
}

void Differ::compare_indexes() {
    for (const auto& [key, i] : from_indexes_) {
        auto it = to_indexes_.find(key);
        if (it == to_indexes_.end() || !same_index(fc_, *i, tc_, *it->second)) indexes_dropped_.push_back(i);
    }
    for (const auto& [key, i] : to_indexes_) {
        auto it = from_indexes_.find(key);
        if (it == from_indexes_.end() || !same_index(fc_, *it->second, tc_, *i)) indexes_created_.push_back(i);
    }
}

template <typename T>
void Differ::compare_texts(const std::map<std::string, const T*>& from, const std::map<std::string, const T*>& to,
                           std::set<std::string>& dropped, std::set<std::string>& created) const {
    auto same = [&](const T& a, const T& b) {
        if (a.definition_key != b.definition_key) return false;
        if constexpr (std::is_same_v<T, Trigger>) return fc_.key(a.table) == tc_.key(b.table);
        return true;
    };
    for (const auto& [key, x] : from) {
        auto it = to.find(key);
        if (it == to.end() || !same(*x, *it->second)) dropped.insert(key);
    }
    for (const auto& [key, x] : to) {
        auto it = from.find(key);
        if (it == from.end() || !same(*it->second, *x)) created.insert(key);
    }
}

void Differ::compare_views_and_triggers() {
    compare_texts(from_views_, to_views_, views_dropped_, views_created_);
    compare_texts(from_triggers_, to_triggers_, triggers_dropped_, triggers_created_);
}

void Differ::compare_objects() {
    for (const auto& o : fc_.objects) from_objects_.emplace(o.key(), &o);
    for (const auto& o : tc_.objects) to_objects_.emplace(o.key(), &o);
    from_reading_views_ = objects_reading_views(from_objects_);
    to_reading_views_ = objects_reading_views(to_objects_);
    for (const auto& [key, o] : from_objects_) {
        auto it = to_objects_.find(key);
        if (it == to_objects_.end()) {
            objects_dropped_.insert(key);
        } else if (it->second->create != o->create) {
            if (o->replaceable && it->second->replaceable) {
                objects_replaced_.insert(key);
            } else {
                objects_dropped_.insert(key);
                objects_created_.insert(key);
            }
        }
    }
    for (const auto& [key, o] : to_objects_)
        if (!from_objects_.count(key)) objects_created_.insert(key);
    // What a table's CREATE TABLE makes comes and goes with the table.
    auto with_table = [&](std::set<std::string>& keys, const std::map<std::string, const Object*>& all,
                          const Catalog& catalog, const std::vector<std::string>& tables) {
        for (auto it = keys.begin(); it != keys.end();) {
            const std::string& table = all.at(*it)->made_by_table;
            bool made = !table.empty() &&
                        std::find(tables.begin(), tables.end(), catalog.key(table)) != tables.end();
            it = made ? keys.erase(it) : std::next(it);
        }
    };
    with_table(objects_created_, to_objects_, tc_, created_tables_);
    with_table(objects_dropped_, from_objects_, fc_, dropped_tables_);
    recreate_objects_needing(objects_dropped_);
}

// What needs an object that is dropped (`dropped`, keys) goes before it,
// and comes back after: objects, and (`views`, once the changes are listed)
// the views that call a dropped routine or read such a view, with what needs
// those views in turn.
void Differ::recreate_objects_needing(const std::set<std::string>& dropped, bool views) {
    std::set<std::string> gone = dropped;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [key, o] : from_objects_) {
            if (objects_dropped_.count(key)) continue;
            for (const auto& d : o->depends_on)
                if (gone.count(d) || objects_dropped_.count(d)) {
                    objects_dropped_.insert(key);
                    if (to_objects_.count(key)) objects_created_.insert(key);
                    grew = true;
                    break;
                }
        }
        for (const auto& [key, v] : from_views_) {
            if (!views || views_dropped_.count(key)) continue;
            bool needs = std::any_of(v->calls.begin(), v->calls.end(),
                                     [&](const std::string& k) { return objects_dropped_.count(k) > 0; }) ||
                         std::any_of(v->depends_on.begin(), v->depends_on.end(), [&](const std::string& name) {
                             return gone.count("view " + name) > 0;
                         });
            if (!needs) continue;
            views_dropped_.insert(key);
            if (to_views_.count(key)) views_created_.insert(key);
            gone.insert("view " + v->name);
            grew = true;
        }
    }
}

std::vector<const Object*> Differ::objects_in_order(bool creating) const {
    const auto& all = creating ? to_objects_ : from_objects_;
    const auto& keys = creating ? objects_created_ : objects_dropped_;
    std::vector<const Object*> out;
    for (const auto& key : dependency_order({keys.begin(), keys.end()},
                                            [&](const std::string& k) { return all.at(k)->depends_on; }))
        out.push_back(all.at(key));
    if (!creating) std::reverse(out.begin(), out.end());
    return out;
}

// Objects of one stage: those dropped (needing ones first), or those created
// and replaced (needed ones first). Extensions come before what they provide.
// `recreated`: of the dropped ones, only those created again (true) or only
// the others (false).
void Differ::add_objects(std::vector<Operation>& out, Stage stage, bool creating,
                         std::optional<bool> recreated) const {
    const auto list = objects_in_order(creating);
    auto early = [&](const Object* o) { return (o->kind == "extension") == creating; };
    auto wanted = [&](const Object* o) {
        return creating || !recreated || (objects_created_.count(o->key()) > 0) == *recreated;
    };
    const auto& among_views = creating ? to_reading_views_ : from_reading_views_;
    for (bool pass : {true, false})
        for (const Object* o : list)
            if (o->stage == stage && early(o) == pass && wanted(o) && !among_views.count(o->key())) {
                Operation op = on(creating ? OpKind::CreateObject : OpKind::DropObject, o);
                if (!creating && objects_created_.count(o->key()))
                    for (const auto& user : o->used_by)
                        if (!gone_before_objects(user)) op.blocked_by.push_back(user);
                out.push_back(op);
            }
    if (!creating) return;
    for (const auto& o : tc_.objects)
        if (o.stage == stage && objects_replaced_.count(o.key()) && !among_views.count(o.key()))
            out.push_back(on(OpKind::ReplaceObject, &o));
}

// The views created (or dropped: `creating` false, in the reverse order),
// with the objects that read views among them: one comes after the views it
// reads, and a view that calls it after it.
void Differ::add_views(std::vector<Operation>& out, bool creating) const {
    const auto& views = creating ? to_views_ : from_views_;
    const auto& objects = creating ? to_objects_ : from_objects_;
    const auto& among_views = creating ? to_reading_views_ : from_reading_views_;
    const Catalog& catalog = creating ? tc_ : fc_;
    std::map<std::string, Operation> nodes;
    for (const auto& key : creating ? views_created_ : views_dropped_) {
        const View* v = views.at(key);
        nodes.emplace("view " + v->name, on(creating ? OpKind::CreateView : OpKind::DropView, v));
    }
    for (const auto& key : creating ? objects_created_ : objects_dropped_)
        if (among_views.count(key))
            nodes.emplace(key, on(creating ? OpKind::CreateObject : OpKind::DropObject, objects.at(key)));
    if (creating)
        for (const auto& key : objects_replaced_)
            if (among_views.count(key)) nodes.emplace(key, on(OpKind::ReplaceObject, objects.at(key)));
    auto needs = [&](const std::string& key) {
        const Operation& op = nodes.at(key);
        if (op.object) return op.object->depends_on;
        std::vector<std::string> keys = op.view->calls;
        for (const auto& name : op.view->depends_on) {
            auto it = views.find(catalog.key(name));
            if (it != views.end()) keys.push_back("view " + it->second->name);
        }
        return keys;
    };
    std::vector<std::string> keys;
    for (const auto& [key, op] : nodes) keys.push_back(key);
    auto order = dependency_order(keys, needs);
    if (!creating) std::reverse(order.begin(), order.end());
    for (const auto& key : order) out.push_back(nodes.at(key));
}

// Whether a user of an object (Object::used_by) is gone when the objects
// that change are dropped: a dropped view's column, a dropped index (but one
// that goes with its dropped table, later).
bool Differ::gone_before_objects(const std::string& user) const {
    const auto space = user.find(' ');
    const std::string kind = user.substr(0, space), name = user.substr(space + 1);
    if (kind == "column") return views_dropped_.count(fc_.key(name.substr(0, name.rfind('.')))) > 0;
    if (kind != "index") return false;
    return std::any_of(indexes_dropped_.begin(), indexes_dropped_.end(), [&](const Index* i) {
        const std::string table = fc_.key(i->table);
        return fc_.key(i->name) == fc_.key(name) && (from_views_.count(table) || to_tables_.count(table));
    });
}

std::vector<Operation> Differ::changes() const {
    std::vector<Operation> out(type_ops_);
    for (const auto& key : created_tables_) out.push_back(on(OpKind::CreateTable, to_tables_.at(key)));
    for (const auto& key : dropped_tables_) out.push_back(on(OpKind::DropTable, from_tables_.at(key)));
    for (const auto& [key, ops] : altered_) {
        // Constraint changes already say why the table-level clauses differ.
        bool constraints = std::any_of(ops.begin(), ops.end(), [](const Operation& op) {
            return op.kind == OpKind::AddConstraint || op.kind == OpKind::DropConstraint;
        });
        for (const auto& op : ops) {
            if (constraints && op.kind == OpKind::ChangeTableDefinition) continue;
            // A column converted to its re-created type: the ReplaceEnum says why.
            if (op.kind == OpKind::AlterColumn && op.column_changes == kRetyped) continue;
            out.push_back(op);
        }
    }
    out.insert(out.end(), inherited_changes_.begin(), inherited_changes_.end());
    for (const Index* i : indexes_dropped_)
        if (to_tables_.count(fc_.key(i->table))) out.push_back(on(OpKind::DropIndex, i));  // else gone with its table
    for (const Index* i : indexes_created_) out.push_back(on(OpKind::CreateIndex, i));
    for (const auto& key : views_dropped_) out.push_back(on(OpKind::DropView, from_views_.at(key)));
    for (const auto& key : views_created_) out.push_back(on(OpKind::CreateView, to_views_.at(key)));
    for (const auto& key : triggers_dropped_) out.push_back(on(OpKind::DropTrigger, from_triggers_.at(key)));
    for (const auto& key : triggers_created_) out.push_back(on(OpKind::CreateTrigger, to_triggers_.at(key)));
    out.insert(out.end(), type_drops_.begin(), type_drops_.end());
    for (const Object* o : objects_in_order(false)) out.push_back(on(OpKind::DropObject, o));
    for (const Object* o : objects_in_order(true)) out.push_back(on(OpKind::CreateObject, o));
    for (const auto& o : tc_.objects)
        if (objects_replaced_.count(o.key())) out.push_back(on(OpKind::ReplaceObject, &o));
    return out;
}

void Differ::plan(const SchemaEngine& engine) {
    for (const auto& [key, ops] : altered_)
        if (!engine.alters_in_place(*from_tables_.at(key), *to_tables_.at(key), ops)) rebuilt_.insert(key);

    // What views and triggers must not see change under them: engines refuse
    // to drop or retype a column, or to drop or rename a table, that a view or
    // trigger uses. They are dropped before and created again after.
    std::set<std::string> disturbed(dropped_tables_.begin(), dropped_tables_.end());
    disturbed.insert(rebuilt_.begin(), rebuilt_.end());
    for (const auto& [key, ops] : altered_)
        for (const auto& op : ops)
            if (op.kind == OpKind::DropColumn ||
                (op.kind == OpKind::AlterColumn && (op.column_changes & (kType | kRetyped))))
                disturbed.insert(key);
    disturbed.insert(views_dropped_.begin(), views_dropped_.end());
    auto uses_disturbed = [&](const std::vector<std::string>& names) {
        return std::any_of(names.begin(), names.end(),
                           [&](const std::string& n) { return disturbed.count(fc_.key(n)); });
    };
    for (bool grew = true; grew;) {  // views over views
        grew = false;
        for (const auto& [key, v] : from_views_)
            if (!views_dropped_.count(key) && uses_disturbed(v->depends_on)) {
                views_dropped_.insert(key);
                disturbed.insert(key);
                if (to_views_.count(key)) views_created_.insert(key);
                grew = true;
            }
    }
    for (const auto& [key, t] : from_triggers_)
        if (!triggers_dropped_.count(key) && (uses_disturbed(t->depends_on) || disturbed.count(fc_.key(t->table)))) {
            triggers_dropped_.insert(key);
            if (to_triggers_.count(key)) triggers_created_.insert(key);
        }
    // A re-created view or index loses what is attached to it (a comment);
    // what names a disturbed table (a rule) goes before it changes.
    std::set<std::string> gone;
    for (const auto& key : disturbed) gone.insert("table " + key);
    for (const auto& key : views_dropped_) gone.insert("view " + from_views_.at(key)->name);
    for (const Index* i : indexes_dropped_) gone.insert("index " + i->name);
    // What a table's ALTER COLUMN passes down over (a foreign partition's own default or not null).
    const unsigned passed = kDefault | kNullable | kType | kRetyped | kDefinition;
    for (const auto& [key, ops] : altered_)
        for (const auto& op : ops)
            if (op.kind == OpKind::AlterColumn && (op.column_changes & passed)) gone.insert("column_settings " + key);
    recreate_objects_needing(gone, true);
}

// Whether a kept table gains (kind AddConstraint) or loses (DropConstraint)
// a primary key or unique constraint, which a new or dropped table's foreign
// key may reference.
bool Differ::changes_key(const std::string& table, OpKind kind) const {
    auto it = altered_.find(table);
    if (it == altered_.end() || !in_place(table)) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Operation& op) {
        return op.kind == kind && op.constraint->kind != ConstraintKind::ForeignKey;
    });
}

// The foreign keys of `order`'s tables (new or dropped ones, parents first)
// that reference a table further on in `order` (a cycle, which can be neither
// created nor dropped table by table) or one for which `also` holds. `kind`
// is the operation on them.
std::vector<Operation> forward_keys(const Catalog& catalog, const std::map<std::string, const Table*>& all,
                                    const std::vector<std::string>& order, OpKind kind,
                                    const std::function<bool(const std::string&, const Constraint&)>& also) {
    std::set<std::string> later(order.begin(), order.end());
    std::vector<Operation> out;
    for (const auto& key : order) {
        later.erase(key);
        const Table* t = all.at(key);
        for (const auto& c : t->constraints) {
            if (c.kind != ConstraintKind::ForeignKey) continue;
            std::string ref = catalog.key(c.ref_table);
            if (ref == key || !(later.count(ref) || also(ref, c))) continue;
            Operation op(kind);
            op.table = t;
            op.constraint = &c;
            out.push_back(op);
        }
    }
    return out;
}

// Whether a foreign key references a primary key or unique constraint of its
// table in `catalog` (not a unique index only), or a table outside it.
bool references_constraint(const Catalog& catalog, const std::map<std::string, const Table*>& tables,
                           const Constraint& fk) {
    auto it = tables.find(catalog.key(fk.ref_table));
    if (it == tables.end()) return true;
    auto columns = keys_of(catalog, fk.ref_columns);
    std::sort(columns.begin(), columns.end());
    for (const auto& c : it->second->constraints) {
        if (c.kind != ConstraintKind::PrimaryKey && c.kind != ConstraintKind::Unique) continue;
        auto key = keys_of(catalog, c.columns);
        std::sort(key.begin(), key.end());
        if (key == columns || columns.empty()) return true;
    }
    return false;
}

void Differ::add_table_ops(std::vector<Operation>& out, const std::function<bool(const Operation&)>& keep) const {
    for (const auto& [key, ops] : altered_)
        if (in_place(key))
            for (const auto& op : ops)
                if (keep(op)) out.push_back(op);
}

std::vector<Operation> Differ::operations() const {
    std::vector<Operation> out;
    auto fk = [](const Operation& op) { return op.constraint->kind == ConstraintKind::ForeignKey; };
    const auto created = tables_in_dependency_order(tc_, to_tables_, created_tables_);
    const auto dropped = tables_in_dependency_order(fc_, from_tables_, dropped_tables_);
    // Engines that check references when a table is created or dropped
    // (PostgreSQL) need these keys added after, or dropped before, the tables.
    // So do keys that reference a unique index rather than a constraint:
    // indexes are created after the tables.
    const auto late_keys = forward_keys(tc_, to_tables_, created, OpKind::AddConstraint,
                                        [&](const std::string& ref, const Constraint& fk) {
                                            return changes_key(ref, OpKind::AddConstraint) ||
                                                   !references_constraint(tc_, to_tables_, fk);
                                        });
    const auto early_keys = forward_keys(
        fc_, from_tables_, dropped, OpKind::DropConstraint,
        [&](const std::string& ref, const Constraint&) { return changes_key(ref, OpKind::DropConstraint); });

    // Out of the way: what uses the objects that change, then the
    // constraints and indexes that go.
    add_objects(out, Stage::AfterViews, false);
    for (const auto& key : triggers_dropped_) out.push_back(on(OpKind::DropTrigger, from_triggers_.at(key)));
    add_views(out, false);
    add_objects(out, Stage::BeforeViews, false);
    add_table_ops(out, [&](const Operation& op) { return op.kind == OpKind::DropConstraint && fk(op); });
    out.insert(out.end(), early_keys.begin(), early_keys.end());
    // A rebuilt or dropped table takes its indexes along; a dropped table's
    // index goes first only when its name is wanted again.
    for (const Index* i : indexes_dropped_) {
        std::string table = fc_.key(i->table);
        bool wanted = from_views_.count(table)     ? !views_dropped_.count(table)  // a materialized view's
                      : to_tables_.count(table) ? !rebuilt_.count(table)
                                                : to_indexes_.count(fc_.key(i->name)) > 0;
        if (wanted) out.push_back(on(OpKind::DropIndex, i));
    }
    add_table_ops(out, [&](const Operation& op) { return op.kind == OpKind::DropConstraint && !fk(op); });

    // Types, tables and columns, parents before children; an object they
    // use that changes is dropped before it is created again.
    add_objects(out, Stage::BeforeTables, false, true);
    add_objects(out, Stage::BeforeTables, true);
    out.insert(out.end(), type_ops_.begin(), type_ops_.end());
    for (const auto& key : created) {
        Operation op = on(OpKind::CreateTable, to_tables_.at(key));
        for (const auto& late : late_keys)
            if (late.table == op.table) op.deferred.push_back(late.constraint);
        out.push_back(op);
    }
    for (const auto& [key, ops] : altered_) {
        if (rebuilt_.count(key)) {
            Operation op = on(OpKind::RebuildTable, to_tables_.at(key));
            op.old_table = from_tables_.at(key);
            out.push_back(op);
            continue;
        }
        for (const auto& op : ops)
            if (op.kind != OpKind::AddConstraint && op.kind != OpKind::DropConstraint) out.push_back(op);
    }
    out.insert(out.end(), inherited_ops_.begin(), inherited_ops_.end());
    for (const auto& op : type_ops_)
        if (op.kind == OpKind::CreateSequence && !op.sequence->owned_by.empty())
            out.push_back(on(OpKind::SetSequenceOwner, op.sequence));
    add_table_ops(out, [&](const Operation& op) { return op.kind == OpKind::AddConstraint && !fk(op); });
    auto index_created = [&](const Index* i) {
        return std::find(indexes_created_.begin(), indexes_created_.end(), i) != indexes_created_.end();
    };
    for (const auto& [key, i] : to_indexes_)
        if (!to_views_.count(tc_.key(i->table)) && (index_created(i) || rebuilt_.count(tc_.key(i->table))))
            out.push_back(on(OpKind::CreateIndex, i));
    add_table_ops(out, [&](const Operation& op) { return op.kind == OpKind::AddConstraint && fk(op); });
    out.insert(out.end(), late_keys.begin(), late_keys.end());

    // What is gone, children before parents; then what uses the new shape.
    for (auto it = dropped.rbegin(); it != dropped.rend(); ++it)
        out.push_back(on(OpKind::DropTable, from_tables_.at(*it)));
    add_objects(out, Stage::BeforeTables, false, false);
    out.insert(out.end(), type_drops_.begin(), type_drops_.end());
    for (const auto& op : type_ops_) {
        if (op.kind != OpKind::ReplaceEnum) continue;
        Operation drop = on(OpKind::DropEnum, op.enum_type);
        drop.old_enum = op.old_enum;
        out.push_back(drop);
    }
    add_objects(out, Stage::BeforeViews, true);
    add_views(out, true);
    for (const auto& [key, i] : to_indexes_)  // materialized views'
        if (to_views_.count(tc_.key(i->table)) && (index_created(i) || views_created_.count(tc_.key(i->table))))
            out.push_back(on(OpKind::CreateIndex, i));
    for (const auto& key : triggers_created_) out.push_back(on(OpKind::CreateTrigger, to_triggers_.at(key)));
    add_objects(out, Stage::AfterViews, true);
    return out;
}

}  // namespace

std::vector<std::string> Operation::describe() const {
    switch (kind) {
        case OpKind::CreateTable: return {tuple({py("add_table"), py(table->name)})};
        case OpKind::DropTable: return {tuple({py("remove_table"), py(table->name)})};
        case OpKind::RebuildTable: return {tuple({py("rebuild_table"), py(table->name)})};
        case OpKind::AddColumn: return {tuple({py("add_column"), py(table->name), py(column->name)})};
        case OpKind::DropColumn: return {tuple({py("remove_column"), py(table->name), py(column->name)})};
        case OpKind::AlterColumn: {
            std::vector<std::string> out;
            auto change = [&](const char* what, const std::string& before, const std::string& after) {
                out.push_back(tuple({py(what), py(table->name), py(column->name), before, after}));
            };
            if (column_changes & kType) change("modify_type", py(old_column->type), py(column->type));
            if (column_changes & kNullable) change("modify_nullable", py(old_column->nullable), py(column->nullable));
            if (column_changes & kDefault)
                change("modify_default", py(old_column->default_value), py(column->default_value));
            if (column_changes & kComment) change("modify_comment", py(old_column->comment), py(column->comment));
            if (out.empty() && (column_changes & kDefinition))
                change("modify_column", py(old_column->definition_key), py(column->definition_key));
            if (out.empty()) change("convert_column", py(old_column->type), py(column->type));  // kRetyped
            return out;
        }
        case OpKind::AddConstraint: return {describe_constraint("add", *table, *constraint)};
        case OpKind::DropConstraint: return {describe_constraint("remove", *table, *constraint)};
        case OpKind::SetTableComment:
            return {tuple({py("modify_table_comment"), py(table->name), py(old_table->comment), py(table->comment)})};
        case OpKind::ChangeTableDefinition: {
            auto clauses = [](const Table& t) {
                if (t.access_method.empty()) return t.definition_key;
                return (t.definition_key.empty() ? "" : t.definition_key + " ") + "USING " + t.access_method;
            };
            return {tuple({py("modify_table"), py(table->name), py(clauses(*old_table)), py(clauses(*table))})};
        }
        case OpKind::CreateIndex: return {tuple({py("add_index"), py(index->table), py(index->name)})};
        case OpKind::DropIndex: return {tuple({py("remove_index"), py(index->table), py(index->name)})};
        case OpKind::CreateView: return {tuple({py("add_view"), py(view->name)})};
        case OpKind::DropView: return {tuple({py("remove_view"), py(view->name)})};
        case OpKind::CreateTrigger: return {tuple({py("add_trigger"), py(trigger->table), py(trigger->name)})};
        case OpKind::DropTrigger: return {tuple({py("remove_trigger"), py(trigger->table), py(trigger->name)})};
        case OpKind::CreateEnum: return {tuple({py("add_enum"), py(enum_type->name), py(enum_type->values)})};
        case OpKind::DropEnum: return {tuple({py("remove_enum"), py(enum_type->name)})};
        case OpKind::AddEnumValue: return {tuple({py("add_enum_value"), py(enum_type->name), py(value)})};
        case OpKind::ReplaceEnum:
            return {tuple({py("modify_enum"), py(enum_type->name), py(old_enum->values), py(enum_type->values)})};
        case OpKind::CreateSequence: return {tuple({py("add_sequence"), py(sequence->name)})};
        case OpKind::DropSequence: return {tuple({py("remove_sequence"), py(sequence->name)})};
        case OpKind::AlterSequence:
        case OpKind::SetSequenceOwner: return {tuple({py("modify_sequence"), py(sequence->name)})};
        case OpKind::CreateObject: return {tuple({py("add_" + object->kind), py(object->name)})};
        case OpKind::DropObject: return {tuple({py("remove_" + object->kind), py(object->name)})};
        case OpKind::ReplaceObject: return {tuple({py("modify_" + object->kind), py(object->name)})};
    }
    return {};
}

SchemaDiff diff_schemas(const Catalog& from, const Catalog& to, const SchemaEngine& engine) {
    Differ differ(from, to);
    differ.compare();
    SchemaDiff out;
    out.changes = differ.changes();  // before plan() adds what is only re-created
    differ.plan(engine);
    out.operations = differ.operations();
    return out;
}

std::string render_operations(const std::vector<Operation>& operations, const SchemaEngine& engine) {
    std::string out;
    for (const auto& op : operations) {
        std::string sql = engine.render(op);
        if (sql.empty()) continue;
        if (!out.empty()) out += '\n';
        out += sql;
    }
    return out;
}

std::string describe_changes(const std::vector<Operation>& changes) {
    std::vector<std::string> lines;
    for (const auto& op : changes)
        for (auto& line : op.describe()) lines.push_back(std::move(line));
    return join(lines, "\n");
}

void remove_tables(Catalog& catalog, const std::vector<std::string>& names) {
    std::set<std::string> keys;
    for (const auto& n : names) keys.insert(catalog.key(n));
    auto named = [&](const std::string& name) { return keys.count(catalog.key(name)) > 0; };
    auto& t = catalog.tables;
    t.erase(std::remove_if(t.begin(), t.end(), [&](const Table& x) { return named(x.name); }), t.end());
    auto& i = catalog.indexes;
    i.erase(std::remove_if(i.begin(), i.end(), [&](const Index& x) { return named(x.table); }), i.end());
    auto& g = catalog.triggers;
    g.erase(std::remove_if(g.begin(), g.end(), [&](const Trigger& x) { return named(x.table); }), g.end());
}

}  // namespace migrate::schema
