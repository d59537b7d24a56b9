#include "search_path.hpp"

#include "pg_guard.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

// CallerDisplayPath's state: whether it is active, and the caller's
// search_path saved by pin_search_path for the hook to restore after the
// parse analysis of the pinned statement (null once restored).
bool display_active = false;
char* display_value = nullptr;

post_parse_analyze_hook_type previous_hook = nullptr;

void after_parse_analysis(ParseState* pstate, Query* query, JumbleState* jstate) {
    if (previous_hook) previous_hook(pstate, query, jstate);
    if (!display_value) return;
    // Only the pinned statement itself: SQL functions it runs parse later.
    char* value = display_value;
    display_value = nullptr;
    (void)set_config_option("search_path", value, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET, true, 0, false);
}

// A name from the catalog as a C++ string; null stays nullopt.
std::optional<std::string> name_of(const char* name) {
    if (!name) return std::nullopt;
    return std::string(name);
}

}  // namespace

int pin_search_path() {
    display_value = nullptr;
    if (display_active) display_value = pstrdup(GetConfigOption("search_path", false, false));
    int level = NewGUCNestLevel();
    (void)set_config_option("search_path", kPinnedSearchPath, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                            false);
    return level;
}

void unpin_search_path(int level) {
    display_value = nullptr;  // a statement that never reached parse analysis
    AtEOXact_GUC(true, level);
}

CallerDisplayPath::CallerDisplayPath() : outer_(display_active) { display_active = true; }

CallerDisplayPath::~CallerDisplayPath() {
    display_active = outer_;
    display_value = nullptr;
}

void install_search_path_hook() {
    previous_hook = post_parse_analyze_hook;
    post_parse_analyze_hook = after_parse_analysis;
}

std::optional<std::string> caller_current_schema() {
    const char* name = pg_call([]() -> const char* {
        List* path = fetch_search_path(false);
        const char* first = path == NIL ? nullptr : get_namespace_name(linitial_oid(path));
        list_free(path);
        return first;
    });
    return name_of(name);
}

std::vector<std::string> caller_schemas() {
    List* path = pg_call([] { return fetch_search_path(false); });
    std::vector<std::string> out;
    const int n = list_length(path);
    for (int i = 0; i < n; ++i) {
        const char* name = pg_call([&] { return get_namespace_name(list_nth_oid(path, i)); });
        if (name) out.emplace_back(name);  // a schema dropped meanwhile
    }
    pg_call([&] { list_free(path); });
    return out;
}

std::optional<std::string> caller_relation_schema(const std::string& name) {
    const char* schema = pg_call([&]() -> const char* {
        Oid relation = RelnameGetRelid(name.c_str());
        return OidIsValid(relation) ? get_namespace_name(get_rel_namespace(relation)) : nullptr;
    });
    return name_of(schema);
}

void set_local_search_path(const std::vector<std::string>& schemas) {
    std::string value;
    for (const auto& schema : schemas) {
        if (!value.empty()) value += ", ";
        const char* quoted = pg_call([&] { return quote_identifier(schema.c_str()); });
        value += quoted;
    }
    pg_call([&] {
        (void)set_config_option("search_path", value.c_str(), PGC_USERSET, PGC_S_SESSION, GUC_ACTION_LOCAL, true, 0,
                                false);
    });
}

}  // namespace migrate::pg
