#include "sqlite_ddl.hpp"

#include "sqlite_api.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "error.hpp"
#include "sql_text.hpp"
#include "sql_tokens.hpp"
#include "text.hpp"

namespace migrate::sqlite {
namespace {

using schema::Column;
using schema::ConstraintKind;
using schema::Operation;
using schema::OpKind;
using schema::Table;

std::string q(const std::string& name) { return quote_identifier_ansi(name); }

bool in_constraint(const Table& table, const Column& column, std::initializer_list<ConstraintKind> kinds) {
    for (const auto& c : table.constraints) {
        if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) continue;
        for (const auto& name : c.columns)
            if (lower(name) == lower(column.name)) return true;
    }
    return false;
}

bool mentioned(const std::string& normalized_text, const std::string& name) {
    return sql::mentions(sql::tokenize(normalized_text), name, true);
}

// The rules of ALTER TABLE ADD COLUMN.
bool addable(const Column& column, const Table& table) {
    if (column.definition.empty() || column.generated == schema::Generated::Stored) return false;
    if (in_constraint(table, column, {ConstraintKind::PrimaryKey, ConstraintKind::Unique})) return false;
    const std::string value = column.default_value.value_or("null");
    if (value.empty() || value.front() == '(' || value == "current_time" || value == "current_date" ||
        value == "current_timestamp")
        return false;
    if (!column.nullable && value == "null") return false;
    // With foreign keys enforced a REFERENCES column must default to NULL.
    if (in_constraint(table, column, {ConstraintKind::ForeignKey}) && value != "null") return false;
    return true;
}

// The rules of ALTER TABLE DROP COLUMN: nothing else in the table may name
// the column (views and triggers are dropped around it by the plan, indexes
// on it are dropped first).
bool droppable(const Column& column, const Table& table) {
    if (column.definition.empty() || sqlite3_libversion_number() < 3035000) return false;  // DROP COLUMN: 3.35
    if (in_constraint(table, column, {ConstraintKind::PrimaryKey, ConstraintKind::Unique, ConstraintKind::ForeignKey}))
        return false;
    for (const auto& other : table.columns)
        if (&other != &column && mentioned(other.definition_key, column.name)) return false;
    for (const auto& c : table.constraints)
        if (lower(c.column) != lower(column.name) && mentioned(c.expression, column.name)) return false;
    return !mentioned(table.definition_key, column.name);
}

bool contains(const std::set<std::string>& names, const std::vector<std::string>& columns) {
    if (columns.empty()) return false;
    for (const auto& c : columns)
        if (!names.count(lower(c))) return false;
    return true;
}

// An object's stored CREATE text without a trailing comment, which would
// swallow the ';' appended to it.
std::string statement(const std::string& definition) {
    auto tokens = sql::tokenize(definition);
    return std::string(sql::source(definition, tokens, 0, tokens.size())) + ";";
}

bool has_autoincrement(const Table& table) {
    for (const auto& token : sql::tokenize(table.definition))
        if (sql::is_keyword(token, "autoincrement")) return true;
    return false;
}

std::string rebuild(const Table& from, const Table& to) {
    const std::string temp = "_migrate_new_" + to.name;
    auto tokens = sql::tokenize(to.definition);
    auto header = sql::create_header(tokens);
    if (!header)
        throw Error(ErrorKind::Internal, fmt::format("cannot rebuild table {}: its definition is not a CREATE TABLE "
                                                     "statement",
                                                     to.name));
    std::string create = fmt::format("{} {} {}", sql::source(to.definition, tokens, 0, header->name_begin), q(temp),
                                     sql::source(to.definition, tokens, header->name_end, tokens.size()));

    std::vector<std::string> into, select;
    for (const auto& c : to.columns) {
        if (c.generated != schema::Generated::No) continue;
        auto old = std::find_if(from.columns.begin(), from.columns.end(),
                                [&](const Column& o) { return lower(o.name) == lower(c.name); });
        if (old == from.columns.end() || old->generated != schema::Generated::No) continue;
        into.push_back(q(c.name));
        select.push_back(q(old->name));
    }
    std::string out =
        fmt::format("-- rebuild table {}: SQLite cannot ALTER these changes\n{};\n", printable(to.name), create);
    if (!into.empty())
        out += fmt::format("INSERT INTO {} ({}) SELECT {} FROM {};\n", q(temp), join(into, ", "), join(select, ", "),
                           q(from.name));
    // The AUTOINCREMENT counter goes on from where it was, not from the
    // largest key copied: ids of deleted rows are not handed out again.
    if (has_autoincrement(from) && has_autoincrement(to))
        out += fmt::format(
            "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ({0}, {1})) "
            "WHERE name = {1};\nINSERT INTO sqlite_sequence (name, seq) SELECT {1}, seq FROM sqlite_sequence WHERE "
            "name = {0} AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = {1});\n",
            quote_literal(from.name), quote_literal(temp));
    out += fmt::format("DROP TABLE {};\nALTER TABLE {} RENAME TO {};", q(from.name), q(temp), q(to.name));
    return out;
}

}  // namespace

bool alters_in_place(const Table& from, const Table& to, const std::vector<Operation>& changes) {
    std::set<std::string> added, dropped;
    for (const auto& op : changes) {
        if (op.kind == OpKind::AddColumn) added.insert(lower(op.column->name));
        if (op.kind == OpKind::DropColumn) dropped.insert(lower(op.column->name));
    }
    for (const auto& op : changes) {
        switch (op.kind) {
            case OpKind::AddColumn:
                if (!addable(*op.column, to)) return false;
                break;
            case OpKind::DropColumn:
                if (!droppable(*op.column, from)) return false;
                break;
            case OpKind::AddConstraint: {
                // Carried by an added column's own text: REFERENCES or CHECK.
                const auto& c = *op.constraint;
                bool carried = (c.kind == ConstraintKind::ForeignKey && contains(added, c.columns)) ||
                               (c.kind == ConstraintKind::Check && added.count(lower(c.column)));
                if (!carried) return false;
                break;
            }
            case OpKind::DropConstraint:
                if (!(op.constraint->kind == ConstraintKind::Check && dropped.count(lower(op.constraint->column))))
                    return false;
                break;
            default: return false;
        }
    }
    return true;
}

std::string render_operation(const Operation& op) {
    switch (op.kind) {
        case OpKind::CreateTable: return statement(op.table->definition);
        case OpKind::DropTable: return fmt::format("DROP TABLE {};", q(op.table->name));
        case OpKind::RebuildTable: return rebuild(*op.old_table, *op.table);
        case OpKind::AddColumn:
            return fmt::format("ALTER TABLE {} ADD COLUMN {};", q(op.table->name), op.column->definition);
        case OpKind::DropColumn:
            return fmt::format("ALTER TABLE {} DROP COLUMN {};", q(op.table->name), q(op.column->name));
        case OpKind::AddConstraint:
        case OpKind::DropConstraint: return "";  // in the column's own definition (alters_in_place)
        case OpKind::CreateIndex: return statement(op.index->definition);
        case OpKind::DropIndex: return fmt::format("DROP INDEX {};", q(op.index->name));
        case OpKind::CreateView: return statement(op.view->definition);
        case OpKind::DropView: return fmt::format("DROP VIEW {};", q(op.view->name));
        case OpKind::CreateTrigger: return statement(op.trigger->definition);
        case OpKind::DropTrigger: return fmt::format("DROP TRIGGER {};", q(op.trigger->name));
        default:
            throw Error(ErrorKind::Internal, fmt::format("SQLite has no statement for {}", join(op.describe(), "; ")));
    }
}

}  // namespace migrate::sqlite
