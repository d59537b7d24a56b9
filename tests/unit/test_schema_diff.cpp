// The engine-neutral schema diff: what it finds, the order it does it in, and
// the reverse diff; over catalogs built in memory and a dialect that renders
// each operation as its description.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "schema_diff.hpp"
#include "schema_engine.hpp"
#include "sql_tokens.hpp"
#include "text.hpp"

using namespace migrate::schema;

namespace {

// Renders an operation as its first description line; alters in place
// unless told to rebuild (as SQLite does for what ALTER cannot do).
class FakeEngine : public SchemaEngine {
public:
    explicit FakeEngine(bool in_place = true) : in_place_(in_place) {}
    Catalogs read(const std::vector<SchemaFile>&) override { return {}; }
    bool alters_in_place(const Table&, const Table&, const std::vector<Operation>&) const override { return in_place_; }
    std::string render(const Operation& op) const override { return op.describe().front(); }

private:
    bool in_place_;
};

Column col(std::string name, std::string type, bool nullable = true) {
    Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    return c;
}

Table table(std::string name, std::vector<Column> columns) {
    Table t;
    t.name = std::move(name);
    t.columns = std::move(columns);
    Constraint pk;
    pk.kind = ConstraintKind::PrimaryKey;
    pk.columns = {t.columns.front().name};
    t.constraints.push_back(pk);
    return t;
}

Table& references(Table& t, std::string column, std::string parent) {
    Constraint fk;
    fk.kind = ConstraintKind::ForeignKey;
    fk.columns = {std::move(column)};
    fk.ref_table = std::move(parent);
    fk.ref_columns = {"id"};
    t.constraints.push_back(fk);
    return t;
}

Index index(std::string name, std::string on, std::vector<std::string> columns) {
    Index i;
    i.name = std::move(name);
    i.table = std::move(on);
    i.columns = std::move(columns);
    return i;
}

View view(std::string name, std::string definition, std::vector<std::string> depends_on) {
    return {std::move(name), definition, definition, std::move(depends_on)};
}

std::vector<std::string> plan(const Catalog& from, const Catalog& to, bool in_place = true) {
    FakeEngine engine(in_place);
    std::vector<std::string> out;
    for (const auto& op : diff_schemas(from, to, engine).operations) out.push_back(engine.render(op));
    return out;
}

std::vector<std::string> changes(const Catalog& from, const Catalog& to) {
    FakeEngine engine;
    auto text = describe_changes(diff_schemas(from, to, engine).changes);
    std::vector<std::string> out;
    for (auto line : migrate::lines(text)) out.emplace_back(line);
    return out;
}

std::size_t position(const std::vector<std::string>& ops, const std::string& op) {
    auto it = std::find(ops.begin(), ops.end(), op);
    INFO("operation " << op);
    REQUIRE(it != ops.end());
    return static_cast<std::size_t>(it - ops.begin());
}

}  // namespace

TEST_CASE("equal catalogs have no diff") {
    Catalog c;
    c.tables = {table("account", {col("id", "integer"), col("name", "text", false)})};
    c.indexes = {index("ix_account_name", "account", {"name"})};
    c.views = {view("v", "select name from account", {"account"})};
    CHECK(plan(c, c).empty());
    CHECK(changes(c, c).empty());
}

TEST_CASE("new tables are created parents first, dropped children first") {
    Catalog empty, full;
    Table zone = table("zone", {col("id", "integer")});
    Table address = table("address", {col("id", "integer"), col("zone_id", "integer")});
    references(address, "zone_id", "zone");
    full.tables = {address, zone};  // name order is the wrong order

    auto up = plan(empty, full);
    CHECK(position(up, "('add_table', 'zone')") < position(up, "('add_table', 'address')"));
    auto down = plan(full, empty);
    CHECK(position(down, "('remove_table', 'address')") < position(down, "('remove_table', 'zone')"));
}

TEST_CASE("a foreign key to a new table is added after the table exists") {
    Catalog from, to;
    from.tables = {table("account", {col("id", "integer"), col("region_id", "integer")})};
    Table account = from.tables[0];
    references(account, "region_id", "region");
    to.tables = {account, table("region", {col("id", "integer")})};
    auto up = plan(from, to);
    CHECK(position(up, "('add_table', 'region')") <
          position(up, "('add_fk', 'account', ['region_id'], 'region', ['id'])"));
}

TEST_CASE("a view over a column whose type changes is dropped before and created after") {
    Catalog from, to;
    from.tables = {table("wallet", {col("id", "integer"), col("balance", "integer")})};
    from.views = {view("rich", "select id from wallet where balance > 100", {"wallet"}),
                  view("richest", "select id from rich", {"rich"})};
    to = from;
    to.tables[0].columns[1].type = "real";

    auto up = plan(from, to);
    REQUIRE(up.size() == 5);
    CHECK(up[0] == "('remove_view', 'richest')");  // dependents first
    CHECK(up[1] == "('remove_view', 'rich')");
    CHECK(up[2] == "('modify_type', 'wallet', 'balance', 'integer', 'real')");
    CHECK(up[3] == "('add_view', 'rich')");
    CHECK(up[4] == "('add_view', 'richest')");
    // The views did not change: only the column is reported.
    CHECK(changes(from, to) == std::vector<std::string>{"('modify_type', 'wallet', 'balance', 'integer', 'real')"});
}

TEST_CASE("a view is left alone when its table only gains a column") {
    Catalog from, to;
    from.tables = {table("wallet", {col("id", "integer")})};
    from.views = {view("all_wallets", "select id from wallet", {"wallet"})};
    to = from;
    to.tables[0].columns.push_back(col("owner", "text"));
    CHECK(plan(from, to) == std::vector<std::string>{"('add_column', 'wallet', 'owner')"});
}

TEST_CASE("a table the engine cannot alter is rebuilt with its indexes and triggers") {
    Catalog from, to;
    from.tables = {table("event", {col("id", "integer"), col("kind", "integer")}),
                   table("audit", {col("id", "integer")})};
    from.indexes = {index("ix_event_kind", "event", {"kind"}), index("ix_audit", "audit", {"id"})};
    from.triggers = {{"event_audit", "event", "after insert on event ...", "k", {"event", "audit"}}};
    to = from;
    to.tables[0].columns[1].type = "text";

    auto up = plan(from, to, false);
    CHECK(up == std::vector<std::string>{
                    "('remove_trigger', 'event', 'event_audit')",
                    "('rebuild_table', 'event')",
                    "('add_index', 'event', 'ix_event_kind')",
                    "('add_trigger', 'event', 'event_audit')",
                });
    CHECK(changes(from, to) == std::vector<std::string>{"('modify_type', 'event', 'kind', 'integer', 'text')"});
}

TEST_CASE("the downgrade is the diff the other way") {
    Catalog from, to;
    from.tables = {table("account", {col("id", "integer")})};
    to = from;
    to.tables[0].columns.push_back(col("email", "text"));
    to.indexes = {index("ix_account_email", "account", {"email"})};

    CHECK(plan(from, to) == std::vector<std::string>{"('add_column', 'account', 'email')",
                                                     "('add_index', 'account', 'ix_account_email')"});
    CHECK(plan(to, from) == std::vector<std::string>{"('remove_index', 'account', 'ix_account_email')",
                                                     "('remove_column', 'account', 'email')"});
}

TEST_CASE("an index of a dropped table whose name is reused is dropped first") {
    Catalog from, to;
    from.tables = {table("old", {col("id", "integer")}), table("new", {col("id", "integer")})};
    from.indexes = {index("ix_id", "old", {"id"})};
    to.tables = {table("new", {col("id", "integer")})};
    to.indexes = {index("ix_id", "new", {"id"})};
    auto up = plan(from, to);
    CHECK(position(up, "('remove_index', 'old', 'ix_id')") < position(up, "('add_index', 'new', 'ix_id')"));
    CHECK(position(up, "('add_index', 'new', 'ix_id')") < position(up, "('remove_table', 'old')"));
}

TEST_CASE("constraints are matched by content, not position") {
    Catalog from, to;
    Table t = table("book", {col("id", "integer"), col("author_id", "integer"), col("editor_id", "integer")});
    references(t, "author_id", "person");
    references(t, "editor_id", "person");
    from.tables = {t};
    std::reverse(t.constraints.begin(), t.constraints.end());
    to.tables = {t};
    CHECK(plan(from, to).empty());

    to.tables[0].constraints[0].on_delete = "CASCADE";  // editor_id's
    CHECK(changes(from, to) == std::vector<std::string>{
                                   "('remove_fk', 'book', ['editor_id'], 'person', ['id'])",
                                   "('add_fk', 'book', ['editor_id'], 'person', ['id'])",
                               });
}

TEST_CASE("case-insensitive catalogs match names without regard to case") {
    Catalog from, to;
    from.case_insensitive = to.case_insensitive = true;
    from.tables = {table("Account", {col("ID", "integer")})};
    to.tables = {table("account", {col("id", "integer")})};
    CHECK(plan(from, to).empty());
    to.case_insensitive = from.case_insensitive = false;
    CHECK(plan(from, to).size() == 2);
}

TEST_CASE("enum values are added in place when the old ones keep their order") {
    Catalog from, to;
    from.enums = {{"mood", {"sad", "happy"}}};
    to.enums = {{"mood", {"angry", "sad", "ok", "happy", "ecstatic"}}};
    FakeEngine engine;
    auto diff = diff_schemas(from, to, engine);
    REQUIRE(diff.operations.size() == 3);
    const Operation& first = diff.operations[0];
    CHECK(first.kind == OpKind::AddEnumValue);
    CHECK(first.value == "angry");
    CHECK(first.after.empty());
    CHECK(first.before == "sad");
    CHECK(diff.operations[1].value == "ok");
    CHECK(diff.operations[1].after == "sad");
    CHECK(diff.operations[2].value == "ecstatic");
    CHECK(diff.operations[2].after == "happy");
    CHECK(diff.operations[2].before.empty());

    to.enums = {{"mood", {"happy", "sad"}}};
    auto reordered = diff_schemas(from, to, engine);
    REQUIRE(reordered.operations.size() == 2);
    CHECK(reordered.operations[0].kind == OpKind::ReplaceEnum);
    CHECK(reordered.operations[1].kind == OpKind::DropEnum);
    CHECK(reordered.operations[1].old_enum == &from.enums[0]);
}

TEST_CASE("a foreign-key cycle among new tables is closed after both exist, and opened before they go") {
    Catalog empty, full;
    Table a = table("a", {col("id", "integer"), col("b_id", "integer")});
    Table b = table("b", {col("id", "integer"), col("a_id", "integer")});
    references(a, "b_id", "b");
    references(b, "a_id", "a");
    full.tables = {a, b};
    FakeEngine engine;

    auto up = diff_schemas(empty, full, engine).operations;
    REQUIRE(up.size() == 3);
    CHECK(up[0].kind == OpKind::CreateTable);
    CHECK(up[1].kind == OpKind::CreateTable);
    // The first table's key to the second waits; the second's is inline.
    REQUIRE(up[0].deferred.size() == 1);
    CHECK(up[0].deferred[0]->ref_table == up[1].table->name);
    CHECK(up[1].deferred.empty());
    CHECK(up[2].kind == OpKind::AddConstraint);
    CHECK(up[2].constraint == up[0].deferred[0]);

    auto down = plan(full, empty);
    REQUIRE(down.size() == 3);
    CHECK(down[0].rfind("('remove_fk', 'a', ['b_id'], 'b'", 0) == 0);
    CHECK(down[1] == "('remove_table', 'b')");
    CHECK(down[2] == "('remove_table', 'a')");
    // A self-reference is no cycle.
    Catalog self;
    Table node = table("node", {col("id", "integer"), col("parent_id", "integer")});
    self.tables = {references(node, "parent_id", "node")};
    auto ops = diff_schemas(empty, self, engine).operations;
    REQUIRE(ops.size() == 1);
    CHECK(ops[0].deferred.empty());
}

TEST_CASE("a new or dropped table's key to a key a kept table gains or loses waits for it or goes first") {
    Catalog from, to;
    from.tables = {table("parent", {col("id", "integer"), col("code", "text")})};
    to = from;
    Constraint unique;
    unique.columns = {"code"};
    to.tables[0].constraints.push_back(unique);
    Table child = table("child", {col("id", "integer"), col("parent_code", "text")});
    references(child, "parent_code", "parent");
    to.tables.push_back(child);
    auto up = plan(from, to);
    CHECK(position(up, "('add_table', 'child')") < position(up, "('add_constraint', 'parent', 'unique', ['code'])"));
    CHECK(position(up, "('add_constraint', 'parent', 'unique', ['code'])") <
          position(up, "('add_fk', 'child', ['parent_code'], 'parent', ['id'])"));
    // And the other way: the key goes before the key it references.
    auto down = plan(to, from);
    CHECK(position(down, "('remove_fk', 'child', ['parent_code'], 'parent', ['id'])") <
          position(down, "('remove_constraint', 'parent', 'unique', ['code'])"));
    CHECK(position(down, "('remove_constraint', 'parent', 'unique', ['code'])") <
          position(down, "('remove_table', 'child')"));
}

TEST_CASE("an enum that loses values is re-created and its columns converted") {
    Catalog from, to;
    from.enums = {{"mood", {"sad", "ok", "happy"}}};
    from.tables = {table("person", {col("id", "integer"), col("mood", "mood"), col("history", "mood[]"),
                                    col("name", "text")}),
                   table("gone", {col("id", "integer"), col("mood", "mood")})};
    from.views = {view("moods", "select mood from person", {"person"})};
    to = from;
    to.enums[0].values = {"sad", "happy"};
    to.tables.pop_back();

    auto up = plan(from, to);
    CHECK(up == std::vector<std::string>{
                    "('remove_view', 'moods')",
                    "('modify_enum', 'mood', ['sad', 'ok', 'happy'], ['sad', 'happy'])",
                    "('convert_column', 'person', 'mood', 'mood', 'mood')",
                    "('convert_column', 'person', 'history', 'mood[]', 'mood[]')",
                    "('remove_table', 'gone')",
                    "('remove_enum', 'mood')",  // the old type, renamed aside, once unused
                    "('add_view', 'moods')",
                });
    FakeEngine engine;
    auto ops = diff_schemas(from, to, engine).operations;
    CHECK(ops[5].old_enum == &from.enums[0]);
    // The conversions are how, not what: migrate_check lists the type change only.
    CHECK(changes(from, to) == std::vector<std::string>{
                                   "('modify_enum', 'mood', ['sad', 'ok', 'happy'], ['sad', 'happy'])",
                                   "('remove_table', 'gone')",
                               });
}

TEST_CASE("types and sequences come before the tables that use them and go after") {
    Catalog from, to;
    from.enums = {{"old_kind", {"a"}}};
    from.sequences = {{"old_seq", "bigint", "1", "1", "1", "100", "1", false, ""}};
    from.tables = {table("legacy", {col("id", "integer")})};
    to.enums = {{"kind", {"a"}}};
    to.sequences = {{"seq", "bigint", "1", "1", "1", "100", "1", false, ""}};
    to.tables = {table("item", {col("id", "integer")})};
    auto up = plan(from, to);
    CHECK(position(up, "('add_enum', 'kind', ['a'])") < position(up, "('add_table', 'item')"));
    CHECK(position(up, "('add_sequence', 'seq')") < position(up, "('add_table', 'item')"));
    CHECK(position(up, "('remove_table', 'legacy')") < position(up, "('remove_enum', 'old_kind')"));
    CHECK(position(up, "('remove_table', 'legacy')") < position(up, "('remove_sequence', 'old_seq')"));
}

TEST_CASE("column changes are described one per attribute, in Python's repr") {
    Catalog from, to;
    from.tables = {table("ticket", {col("id", "integer"), col("status", "text")})};
    from.tables[0].columns[1].default_value = "'new'";
    to = from;
    to.tables[0].columns[1].nullable = false;
    to.tables[0].columns[1].default_value.reset();
    CHECK(changes(from, to) == std::vector<std::string>{
                                   "('modify_nullable', 'ticket', 'status', True, False)",
                                   "('modify_default', 'ticket', 'status', \"'new'\", None)",
                               });
}

TEST_CASE("remove_tables leaves the version table out with its indexes and triggers") {
    Catalog c;
    c.tables = {table("alembic_version", {col("version_num", "varchar(32)")}),
                table("account", {col("id", "integer")})};
    c.indexes = {index("ix_v", "alembic_version", {"version_num"}), index("ix_a", "account", {"id"})};
    c.triggers = {{"t", "alembic_version", "...", "...", {"alembic_version"}}};
    remove_tables(c, {"alembic_version", "alembic_version_log"});
    REQUIRE(c.tables.size() == 1);
    CHECK(c.tables[0].name == "account");
    REQUIRE(c.indexes.size() == 1);
    CHECK(c.indexes[0].name == "ix_a");
    CHECK(c.triggers.empty());
}

TEST_CASE("SQL text normalizes white space, case, quoting and comments away") {
    using migrate::sql::normalize;
    CHECK(normalize("VARCHAR( 50 )", true) == "varchar(50)");
    CHECK(normalize("\"Name\"   TEXT  -- note\n NOT NULL", true) == "name text not null");
    CHECK(normalize("[a b] `c` /* x */ 'Keep Case'", true) == "\"a b\" c 'Keep Case'");
    CHECK(normalize("\"Name\"", false) == "\"Name\"");
    CHECK(normalize("x'00FF' || 'it''s'", true) == "x'00FF' || 'it''s'");
    CHECK(normalize("check(a>=0)", true) == normalize("CHECK ( a >= 0 )", true));
    CHECK(normalize("$fn$ select 1; $fn$", false) == "$fn$ select 1; $fn$");
}

TEST_CASE("SQL tokens split lists at top level and find a CREATE statement's name") {
    using namespace migrate::sql;
    std::string text = "CREATE TABLE IF NOT EXISTS main.\"t x\" (a INT, b NUMERIC(10, 2), CHECK (f(a, b)))";
    Tokens tokens = tokenize(text);
    auto header = create_header(tokens);
    REQUIRE(header);
    CHECK(source(text, tokens, header->name_begin, header->name_end) == "main.\"t x\"");
    std::size_t open = header->name_end;
    std::size_t close = closing_paren(tokens, open);
    CHECK(close == tokens.size() - 1);
    auto items = split_top_level(tokens, open + 1, close);
    REQUIRE(items.size() == 3);
    CHECK(source(text, tokens, items[1].begin, items[1].end) == "b NUMERIC(10, 2)");
    CHECK(mentions(tokens, "A", true));
    CHECK_FALSE(mentions(tokens, "A", false));
    CHECK_FALSE(mentions(tokens, "c", true));
}
