#include "pg_scratch.hpp"

#include <cstring>
#include <vector>

#include "pg_guard.hpp"

#include "pg_headers.hpp"
extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/transam.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_cast.h"
#include "catalog/pg_event_trigger.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_language.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_opclass.h"
#include "catalog/pg_publication.h"
#include "catalog/pg_subscription.h"
#include "catalog/pg_transform.h"
#include "catalog/pg_type.h"
#include "commands/comment.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/scanner.h"
#include "tcop/utility.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
}

namespace migrate::pg {
namespace {

ProcessUtility_hook_type previous_utility_hook = nullptr;
// While a target file runs: the schemas the scratch created empty, which the
// target's own CREATE SCHEMA finds there already.
bool loading = false;
NameData created[2];
int created_count = 0;

bool precreated(const char* name) {
    for (int i = 0; i < created_count; ++i)
        if (std::strcmp(NameStr(created[i]), name) == 0) return true;
    return false;
}

// A statement that cannot run inside a transaction block runs in its
// transactional form: the catalog it leaves is the same.
void scratch_utility(PlannedStmt* pstmt, const char* query, bool read_only_tree, ProcessUtilityContext context,
                     ParamListInfo params, QueryEnvironment* env, DestReceiver* dest, QueryCompletion* qc) {
    if (loading) {
        Node* stmt = pstmt->utilityStmt;
        bool concurrent = (IsA(stmt, IndexStmt) && castNode(IndexStmt, stmt)->concurrent) ||
                          (IsA(stmt, DropStmt) && castNode(DropStmt, stmt)->concurrent);
        bool schema = IsA(stmt, CreateSchemaStmt) && castNode(CreateSchemaStmt, stmt)->schemaname &&
                      castNode(CreateSchemaStmt, stmt)->schemaElts == NIL &&
                      precreated(castNode(CreateSchemaStmt, stmt)->schemaname);
        if (concurrent || schema) {
            pstmt = static_cast<PlannedStmt*>(copyObjectImpl(pstmt));
            read_only_tree = false;
            stmt = pstmt->utilityStmt;
            if (IsA(stmt, IndexStmt)) castNode(IndexStmt, stmt)->concurrent = false;
            if (IsA(stmt, DropStmt)) castNode(DropStmt, stmt)->concurrent = false;
            if (schema) castNode(CreateSchemaStmt, stmt)->if_not_exists = true;
        }
    }
    if (previous_utility_hook)
        previous_utility_hook(pstmt, query, read_only_tree, context, params, env, dest, qc);
    else
        standard_ProcessUtility(pstmt, query, read_only_tree, context, params, env, dest, qc);
}

bool is_user_schema(const char* name) {
    return std::strncmp(name, "pg_", 3) != 0 && std::strcmp(name, "information_schema") != 0;
}

// Renames the rows of pg_namespace (user schemas) or pg_extension (but those
// installed in pg_catalog, as plpgsql is in a fresh database) to
// migrate_live_<oid>, a name no target uses.
void rename_aside(Oid catalog) {
    Relation rel = table_open(catalog, RowExclusiveLock);
    SysScanDesc scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
    List* rows = NIL;
    HeapTuple tuple;
    while ((tuple = systable_getnext(scan)) != NULL) {
        bool aside = catalog == NamespaceRelationId
                         ? is_user_schema(NameStr(((Form_pg_namespace)GETSTRUCT(tuple))->nspname))
                         : ((Form_pg_extension)GETSTRUCT(tuple))->extnamespace != PG_CATALOG_NAMESPACE;
        if (aside) rows = lappend(rows, heap_copytuple(tuple));
    }
    systable_endscan(scan);
    ListCell* cell;
    foreach (cell, rows) {
        HeapTuple row = static_cast<HeapTuple>(lfirst(cell));
        Oid oid;
        NameData* name;
        if (catalog == NamespaceRelationId) {
            oid = ((Form_pg_namespace)GETSTRUCT(row))->oid;
            name = &((Form_pg_namespace)GETSTRUCT(row))->nspname;
        } else {
            oid = ((Form_pg_extension)GETSTRUCT(row))->oid;
            name = &((Form_pg_extension)GETSTRUCT(row))->extname;
        }
        char aside[NAMEDATALEN];
        snprintf(aside, sizeof aside, "migrate_live_%u", oid);
        namestrcpy(name, aside);
        CatalogTupleUpdate(rel, &row->t_self, row);
    }
    table_close(rel, RowExclusiveLock);
}

// Default operator classes are found by access method and type, whatever
// their schema: those of the schemas moved aside stop being defaults, so that
// an extension the target creates again (btree_gist) can make its own.
void undefault_operator_classes() {
    Relation rel = table_open(OperatorClassRelationId, RowExclusiveLock);
    SysScanDesc scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
    List* rows = NIL;
    HeapTuple tuple;
    while ((tuple = systable_getnext(scan)) != NULL) {
        Form_pg_opclass opclass = (Form_pg_opclass)GETSTRUCT(tuple);
        if (!opclass->opcdefault) continue;
        char* schema = get_namespace_name(opclass->opcnamespace);
        if (schema && is_user_schema(schema)) rows = lappend(rows, heap_copytuple(tuple));
    }
    systable_endscan(scan);
    ListCell* cell;
    foreach (cell, rows) {
        HeapTuple row = static_cast<HeapTuple>(lfirst(cell));
        ((Form_pg_opclass)GETSTRUCT(row))->opcdefault = false;
        CatalogTupleUpdate(rel, &row->t_self, row);
    }
    table_close(rel, RowExclusiveLock);
}

bool type_in_user_schema(Oid type) {
    HeapTuple tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
    if (!HeapTupleIsValid(tuple)) return false;
    Oid schema = ((Form_pg_type)GETSTRUCT(tuple))->typnamespace;
    ReleaseSysCache(tuple);
    const char* name = get_namespace_name(schema);
    return name && is_user_schema(name);
}

// An object of an extension that stays in the scratch: one installed in
// pg_catalog (plpgsql), which rename_aside leaves.
bool of_staying_extension(Oid catalog, Oid object) {
    Oid extension = getExtensionOfObject(catalog, object);
    if (!OidIsValid(extension)) return false;
    Relation rel = table_open(ExtensionRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(extension));
    SysScanDesc scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
    HeapTuple tuple = systable_getnext(scan);
    bool stays = HeapTupleIsValid(tuple) && ((Form_pg_extension)GETSTRUCT(tuple))->extnamespace == PG_CATALOG_NAMESPACE;
    systable_endscan(scan);
    table_close(rel, AccessShareLock);
    return stays;
}

// Whether a live row of `catalog` is taken out of the scratch.
bool taken_out(Oid catalog, HeapTuple tuple) {
    // pg_subscription is shared: this database's rows only.
    if (catalog == SubscriptionRelationId) return ((Form_pg_subscription)GETSTRUCT(tuple))->subdbid == MyDatabaseId;
    // A cast or transform of a type of a schema moved aside meets none of
    // the target's (its types are others); built-in ones stay.
    if (catalog == CastRelationId) {
        Form_pg_cast cast = (Form_pg_cast)GETSTRUCT(tuple);
        return cast->oid >= FirstNormalObjectId && !type_in_user_schema(cast->castsource) &&
               !type_in_user_schema(cast->casttarget);
    }
    if (catalog == TransformRelationId) {
        Form_pg_transform transform = (Form_pg_transform)GETSTRUCT(tuple);
        return transform->oid >= FirstNormalObjectId && !type_in_user_schema(transform->trftype);
    }
    // Access methods and languages, but the built-in ones and those of
    // extensions that stay; those of extensions moved aside go, so that the
    // target can create their extension again.
    if (catalog == AccessMethodRelationId) {
        Oid oid = ((Form_pg_am)GETSTRUCT(tuple))->oid;
        return oid >= FirstNormalObjectId && !of_staying_extension(catalog, oid);
    }
    if (catalog == LanguageRelationId) {
        Oid oid = ((Form_pg_language)GETSTRUCT(tuple))->oid;
        return oid >= FirstNormalObjectId && !of_staying_extension(catalog, oid);
    }
    return true;
}

// Event triggers, publications, subscriptions, casts, foreign data wrappers
// and servers, access methods, languages and transforms belong to the database, not to a
// schema, and have no schema to move aside with: their live rows are deleted
// (the rollback brings them back), so that the target's own do not collide
// with them (`CREATE EXTENSION postgres_fdw` makes its wrapper again), and
// the live event triggers do not fire on the target's statements. What
// depends on them (pg_publication_rel rows, user mappings, the moved
// schemas' tables and functions) is left: the scratch reads from their rows
// on.
void take_out(Oid catalog) {
    Relation rel = table_open(catalog, RowExclusiveLock);
    SysScanDesc scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
    List* rows = NIL;
    HeapTuple tuple;
    while ((tuple = systable_getnext(scan)) != NULL)
        if (taken_out(catalog, tuple)) rows = lappend(rows, heap_copytuple(tuple));
    systable_endscan(scan);
    ListCell* cell;
    foreach (cell, rows) CatalogTupleDelete(rel, &static_cast<HeapTuple>(lfirst(cell))->t_self);
    table_close(rel, RowExclusiveLock);
}

void create_schema(const char* name) {
    Oid oid = NamespaceCreate(name, GetUserId(), false);
    namestrcpy(&created[created_count++], name);
    // As a fresh database's public schema is: the target's own COMMENT ON
    // SCHEMA public changes or clears it.
    if (std::strcmp(name, "public") == 0) CreateComments(oid, NamespaceRelationId, 0, "standard public schema");
}

}  // namespace

Scratch::Scratch(Database& db, const std::string& schema) : db_(db) {
    sub_.begin();
    try {
        const char* name = schema.c_str();
        pg_call([&] {
            created_count = 0;
            undefault_operator_classes();
            take_out(EventTriggerRelationId);
            take_out(PublicationRelationId);
            take_out(SubscriptionRelationId);
            take_out(CastRelationId);
            take_out(ForeignDataWrapperRelationId);
            take_out(ForeignServerRelationId);
            take_out(AccessMethodRelationId);
            take_out(LanguageRelationId);
            take_out(TransformRelationId);
            rename_aside(NamespaceRelationId);
            rename_aside(ExtensionRelationId);
            CommandCounterIncrement();
            create_schema("public");
            if (std::strcmp(name, "public") != 0) create_schema(name);
            CommandCounterIncrement();
        });
    } catch (...) {
        sub_.rollback();
        throw;
    }
}

Scratch::~Scratch() {
    loading = false;
    sub_.rollback();
}

void Scratch::run(const std::string& sql) {
    struct Loading {  // off again whatever happens
        Loading() { loading = true; }
        ~Loading() { loading = false; }
    } on;
    db_.execute_user_sql(without_meta_commands(sql));
}

std::string without_meta_commands(const std::string& sql) {
    const char* text = sql.c_str();
    List* backslashes = NIL;
    try {
        pg_call([&] {
            core_yy_extra_type extra;
            core_yyscan_t scanner = scanner_init(text, &extra, &ScanKeywords, ScanKeywordTokens);
            core_YYSTYPE value;
            YYLTYPE location;
            int token;
            while ((token = core_yylex(&value, &location, scanner)) != 0)
                if (token == '\\') backslashes = lappend_int(backslashes, location);
            scanner_finish(scanner);
        });
    } catch (const Error&) {
        // Text the scanner rejects: lines starting with a backslash, as
        // pg_dump writes its meta-commands; the server reports the rest.
        std::string out = sql;
        for (std::size_t line = 0; line < out.size(); line = out.find('\n', line) + 1) {
            if (out[line] == '\\')
                for (std::size_t i = line; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
            if (out.find('\n', line) == std::string::npos) break;
        }
        return out;
    }
    std::string out = sql;
    ListCell* cell;
    foreach (cell, backslashes)
        for (auto i = static_cast<std::size_t>(lfirst_int(cell)); i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
    return out;
}

void install_scratch_hook() {
    previous_utility_hook = ProcessUtility_hook;
    ProcessUtility_hook = scratch_utility;
}

}  // namespace migrate::pg
