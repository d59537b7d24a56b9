// The SQL functions of docs/reference.md section 7 for SQLite.
#include <string>

#include "connection_state.hpp"
#include "guard.hpp"
#include "migrator.hpp"
#include "sqlite_database.hpp"
#include "sqlite_schema_engine.hpp"


namespace migrate::sqlite {
namespace {

ConnectionState& state_of(sqlite3_context* ctx) { return *static_cast<ConnectionState*>(sqlite3_user_data(ctx)); }

std::string text_arg(sqlite3_value* value, const char* what) {
    auto text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    if (!text) throw Error(ErrorKind::Usage, std::string(what) + " must not be NULL");
    return std::string(text, static_cast<std::size_t>(sqlite3_value_bytes(value)));
}

// SQLITE_DIRECTONLY keeps the functions out of an untrusted database's views
// and triggers, but below SQLite 3.50.0 not out of its CHECK constraints: a
// non-deterministic function resolved there misses the mark that the check
// looks for. A CHECK constraint runs only inside a statement that writes, so
// a function with side effects refuses to run inside one (a run refuses in
// SqliteDatabase::begin_run).
void refuse_inside_a_write(sqlite3_context* ctx, const char* function) {
    sqlite3* db = sqlite3_context_db_handle(ctx);
    for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
        if (sqlite3_stmt_busy(s) && !sqlite3_stmt_readonly(s))
            throw Error(ErrorKind::Usage, std::string(function) +
                                              "() cannot run inside a statement that writes (such as INSERT ... "
                                              "SELECT); call it in a SELECT of its own");
}

void result_text(sqlite3_context* ctx, const std::string& text) {
    sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

using MigratorCall = std::string (Migrator::*)(const std::string&);

template <MigratorCall call>
void run_command(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    guarded(ctx, [&] {
        std::string target = argc > 0 ? text_arg(argv[0], "the target revision") : "heads";
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        Migrator migrator(db, state_of(ctx).settings());
        result_text(ctx, (migrator.*call)(target));
    });
}

using OfflineCall = std::string (Migrator::*)(const std::string&, const SqlDialect&);

// migrate_upgrade_sql(range [, dialect]) and migrate_downgrade_sql: the
// script in SQLite's dialect, or in the one named ('sqlite', 'postgresql');
// a NULL dialect is the engine's own.
template <OfflineCall call>
void offline_command(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    guarded(ctx, [&] {
        std::string range = text_arg(argv[0], "the target revision");
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        const SqlDialect& dialect = argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL
                                        ? SqlDialect::named(text_arg(argv[1], "the dialect"))
                                        : db.dialect();
        Migrator migrator(db, state_of(ctx).settings());
        result_text(ctx, (migrator.*call)(range, dialect));
    });
}

void current(sqlite3_context* ctx, int, sqlite3_value**) {
    guarded(ctx, [&] {
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        auto value = Migrator(db, state_of(ctx).settings()).current();
        if (value)
            result_text(ctx, *value);
        else
            sqlite3_result_null(ctx);
    });
}

void heads(sqlite3_context* ctx, int, sqlite3_value**) {
    guarded(ctx, [&] {
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        result_text(ctx, Migrator(db, state_of(ctx).settings()).heads());
    });
}

// migrate_revision(message [, autogenerate [, options]]): options are
// key=value pairs, e.g. 'head=ae10 branch_label=feature'.
void revision(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    guarded(ctx, [&] {
        refuse_inside_a_write(ctx, "migrate_revision");
        std::string message = sqlite3_value_type(argv[0]) == SQLITE_NULL ? std::string()
                                                                          : text_arg(argv[0], "the message");
        bool autogenerate = argc > 1 && sqlite3_value_int(argv[1]) != 0;
        std::string options = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL
                                  ? text_arg(argv[2], "the options")
                                  : std::string();
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        SqliteSchemaEngine schema(sqlite3_context_db_handle(ctx));
        result_text(ctx, Migrator(db, state_of(ctx).settings(), &schema).revision(message, options, autogenerate));
    });
}

// migrate_diff() and migrate_check(): the live schema against target_schema.
template <std::string (Migrator::*call)()>
void schema_command(sqlite3_context* ctx, int, sqlite3_value**) {
    guarded(ctx, [&] {
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        SqliteSchemaEngine schema(sqlite3_context_db_handle(ctx));
        Migrator migrator(db, state_of(ctx).settings(), &schema);
        result_text(ctx, (migrator.*call)());
    });
}

void merge(sqlite3_context* ctx, int, sqlite3_value** argv) {
    guarded(ctx, [&] {
        refuse_inside_a_write(ctx, "migrate_merge");
        std::string revisions = text_arg(argv[0], "the revisions to merge");
        std::string message = sqlite3_value_type(argv[1]) == SQLITE_NULL ? std::string()
                                                                          : text_arg(argv[1], "the message");
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        result_text(ctx, Migrator(db, state_of(ctx).settings()).merge(revisions, message));
    });
}

// migrate_bundle([target [, dialect]]): the deploy script of the script
// location, for the sqlite3 shell (or, with 'postgresql', psql).
void bundle(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    guarded(ctx, [&] {
        std::string target = argc > 0 ? text_arg(argv[0], "the target revision") : "heads";
        SqliteDatabase db(sqlite3_context_db_handle(ctx));
        const SqlDialect& dialect = argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL
                                        ? SqlDialect::named(text_arg(argv[1], "the dialect"))
                                        : db.dialect();
        result_text(ctx, Migrator(db, state_of(ctx).settings()).bundle(target, dialect));
    });
}

// migrate_config(key) reads a setting; migrate_config(key, value) sets it for
// this connection (NULL unsets it) and returns the value now in force.
void config(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    guarded(ctx, [&] {
        ConnectionState& state = state_of(ctx);
        std::string key = text_arg(argv[0], "the setting name");
        if (argc == 2) {
            refuse_inside_a_write(ctx, "migrate_config");
            if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
                // Only the key needs checking: there is no value to validate.
                if (!Settings::is_key(key)) Settings::validate(key, "");
                state.session_settings.erase(key);
            } else {
                std::string value = text_arg(argv[1], "the setting value");
                Settings::validate(key, value);
                state.session_settings[key] = value;
            }
        }
        SqliteDatabase db(sqlite3_context_db_handle(ctx));  // migrate.ini may be in the script store
        result_text(ctx, Migrator(db, state.settings()).settings().get(key));
    });
}

}  // namespace

void register_functions(sqlite3* db, ConnectionState* state) {
    // Every function reads the file system or changes the database: none may
    // be called from a view or trigger of an untrusted database file.
    const int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
    struct Definition {
        const char* name;
        int args;
        void (*fn)(sqlite3_context*, int, sqlite3_value**);
    };
    const Definition definitions[] = {
        {"migrate_upgrade", 0, run_command<&Migrator::upgrade>},
        {"migrate_upgrade", 1, run_command<&Migrator::upgrade>},
        {"migrate_downgrade", 1, run_command<&Migrator::downgrade>},
        {"migrate_stamp", 1, run_command<&Migrator::stamp>},
        {"migrate_upgrade_sql", 1, offline_command<&Migrator::upgrade_sql>},
        {"migrate_upgrade_sql", 2, offline_command<&Migrator::upgrade_sql>},
        {"migrate_downgrade_sql", 1, offline_command<&Migrator::downgrade_sql>},
        {"migrate_downgrade_sql", 2, offline_command<&Migrator::downgrade_sql>},
        {"migrate_revision", 1, revision},
        {"migrate_revision", 2, revision},
        {"migrate_revision", 3, revision},
        {"migrate_merge", 2, merge},
        {"migrate_diff", 0, schema_command<&Migrator::diff>},
        {"migrate_check", 0, schema_command<&Migrator::check>},
        {"migrate_current", 0, current},
        {"migrate_heads", 0, heads},
        {"migrate_bundle", 0, bundle},
        {"migrate_bundle", 1, bundle},
        {"migrate_bundle", 2, bundle},
        {"migrate_config", 1, config},
        {"migrate_config", 2, config},
    };
    for (const auto& d : definitions)
        sqlite3_create_function_v2(db, d.name, d.args, flags, state, d.fn, nullptr, nullptr, nullptr);
}

}  // namespace migrate::sqlite
