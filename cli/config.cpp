#include "config.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "error.hpp"
#include "settings.hpp"
#include "text.hpp"

namespace migrate::cli {
namespace {

bool file_exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string folder_of(const std::string& path) {
    char resolved[PATH_MAX];
    std::string absolute = ::realpath(path.c_str(), resolved) ? std::string(resolved) : path;
    auto slash = absolute.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : absolute.substr(0, slash);
}

using Section = std::map<std::string, std::string>;

// Python's ConfigParser: [section] headers, `key = value` or `key: value`,
// keys folded to lower case, indented lines continuing the value before,
// whole-line # and ; comments.
std::map<std::string, Section> parse_sections(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(ErrorKind::Usage, fmt::format("No config file '{}' found", path));
    std::map<std::string, Section> sections;
    Section* current = nullptr;
    std::string* last_value = nullptr;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string_view text = trim(line);
        if (text.empty() || text[0] == '#' || text[0] == ';') {
            if (text.empty()) last_value = nullptr;
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            if (!last_value)
                throw Error(ErrorKind::Usage, fmt::format("{}:{}: a continuation line with no value before it", path,
                                                          line_no));
            *last_value += "\n" + std::string(text);
            continue;
        }
        if (text[0] == '[') {
            if (text.back() != ']')
                throw Error(ErrorKind::Usage, fmt::format("{}:{}: malformed section header", path, line_no));
            current = &sections[std::string(trim(text.substr(1, text.size() - 2)))];
            last_value = nullptr;
            continue;
        }
        if (!current)
            throw Error(ErrorKind::Usage, fmt::format("File contains no section headers: '{}', line {}", path, line_no));
        auto sep = text.find_first_of("=:");
        if (sep == std::string_view::npos)
            throw Error(ErrorKind::Usage, fmt::format("{}:{}: expected 'key = value'", path, line_no));
        std::string key = lower(trim(text.substr(0, sep)));
        last_value = &((*current)[key] = std::string(trim(text.substr(sep + 1))));
    }
    return sections;
}

std::string interpolate_depth(const std::string& raw, const Section& section, const Section& defaults,
                              const std::string& where, int depth) {
    if (depth > 10)
        throw Error(ErrorKind::Usage, fmt::format("{}: interpolation is nested too deeply (a value refers to itself?)",
                                                  where));
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '%' && i + 1 < raw.size() && raw[i + 1] == '%') {
            out += '%';
            ++i;
        } else if (c == '%' && i + 1 < raw.size() && raw[i + 1] == '(') {
            auto close = raw.find(")s", i + 2);
            if (close == std::string::npos)
                throw Error(ErrorKind::Usage,
                            fmt::format("{}: bad interpolation syntax in '{}': '%' must be followed by '%' or "
                                        "'(name)s'",
                                        where, raw));
            std::string key = lower(raw.substr(i + 2, close - i - 2));
            const std::string* value = nullptr;
            if (auto it = section.find(key); it != section.end())
                value = &it->second;
            else if (auto in_defaults = defaults.find(key); in_defaults != defaults.end())
                value = &in_defaults->second;
            if (!value) throw Error(ErrorKind::Usage, fmt::format("{}: '%({})s' names no key of the section", where, key));
            out += interpolate_depth(*value, section, defaults, where, depth + 1);
            i = close + 1;
        } else if (c == '%') {
            throw Error(ErrorKind::Usage,
                        fmt::format("{}: '%' must be followed by '%' or '(name)s' (write %% for a percent sign)",
                                    where));
        } else if (c == '$' && i + 1 < raw.size() && raw[i + 1] == '{') {
            auto close = raw.find('}', i + 2);
            if (close == std::string::npos)
                throw Error(ErrorKind::Usage, fmt::format("{}: '${{' without its closing '}}'", where));
            std::string name = raw.substr(i + 2, close - i - 2), fallback;
            bool has_fallback = false;
            if (auto dash = name.find(":-"); dash != std::string::npos) {
                fallback = name.substr(dash + 2);
                name.erase(dash);
                has_fallback = true;
            }
            const char* value = std::getenv(name.c_str());
            if (value && *value)
                out += value;
            else if (has_fallback)
                out += fallback;
            else
                throw Error(ErrorKind::Usage, fmt::format("{}: environment variable {} is not set", where, name));
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string interpolate(const std::string& raw, const Section& section, const Section& defaults,
                        const std::string& where) {
    return interpolate_depth(raw, section, defaults, where, 0);
}

std::optional<std::string> Config::get(const std::string& key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

Config load_config(const GlobalOptions& options) {
    Config config;
    config.path = options.config_file;
    std::string default_section = "migrate";
    if (config.path.empty()) {
        if (file_exists("migrate.ini")) {
            config.path = "migrate.ini";
        } else if (file_exists("alembic.ini")) {
            config.path = "alembic.ini";
            default_section = "alembic";
        } else {
            if (!options.name.empty())
                throw Error(ErrorKind::Usage, fmt::format("No config file 'migrate.ini' (or 'alembic.ini') found, so "
                                                          "there is no section '{}' (-n)",
                                                          options.name));
            return config;
        }
    }
    if (!file_exists(config.path)) throw Error(ErrorKind::Usage, fmt::format("No config file '{}' found", config.path));
    auto sections = parse_sections(config.path);
    if (options.name.empty() && !options.config_file.empty() && !sections.count("migrate")) default_section = "alembic";
    config.section = options.name.empty() ? default_section : options.name;
    auto found = sections.find(config.section);
    if (found == sections.end())
        throw Error(ErrorKind::Usage,
                    fmt::format("No config file '{}' found, or file has no '[{}]' section", config.path, config.section));
    Section defaults = sections["DEFAULT"];
    defaults["here"] = folder_of(config.path);
    Section raw = defaults;
    for (const auto& [key, value] : found->second) raw[key] = value;
    for (const auto& [key, value] : raw)
        config.values[key] =
            interpolate(value, raw, defaults, fmt::format("{} [{}] {}", config.path, config.section, key));
    config.values.erase("here");
    return config;
}

std::string database_url(const Config& config, const GlobalOptions& options) {
    if (!options.url.empty()) return options.url;
    if (const char* env = std::getenv("DATABASE_URL"); env && *env) return env;
    for (const char* key : {"sqlalchemy.url", "url"})
        if (auto value = config.get(key); value && !value->empty()) return *value;
    throw Error(ErrorKind::Usage,
                config.path.empty()
                    ? std::string("no database URL: give --url, set DATABASE_URL, or write sqlalchemy.url in "
                                  "migrate.ini's [migrate] section")
                    : fmt::format("no database URL: give --url, set DATABASE_URL, or set sqlalchemy.url in {} [{}]",
                                  config.path, config.section));
}

std::map<std::string, std::string> core_settings(const Config& config, const GlobalOptions& options) {
    std::map<std::string, std::string> settings;
    for (const auto& [key, value] : config.values) {
        if (!Settings::is_key(key)) continue;
        try {
            Settings::validate(key, value);
        } catch (const Error& e) {
            throw Error(ErrorKind::Usage, fmt::format("{} [{}]: {}", config.path, config.section, e.what()));
        }
        settings[key] = value;
    }
    for (const auto& pair : options.x_arguments) {
        auto eq = pair.find('=');
        if (eq == std::string::npos)
            throw Error(ErrorKind::Usage, fmt::format("-x {}: expected key=value", pair));
        std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
        try {
            Settings::validate(key, value);
        } catch (const Error& e) {
            throw Error(ErrorKind::Usage, fmt::format("-x {}: {}", pair, e.what()));
        }
        settings[key] = value;
    }
    return settings;
}

}  // namespace migrate::cli
