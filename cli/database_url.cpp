#include "database_url.hpp"

#include <cctype>

#include <fmt/format.h>

#include "error.hpp"
#include "output.hpp"

namespace migrate::cli {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// SQLAlchemy percent-decodes the user, password, host, database and query.
std::string decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// The URL as shown: the password, if any, replaced by ***.
std::string obfuscated(const std::string& url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    std::size_t start = scheme_end + 3;
    std::size_t authority_end = url.find_first_of("/?", start);
    if (authority_end == std::string::npos) authority_end = url.size();
    std::size_t at = url.rfind('@', authority_end);
    if (at == std::string::npos || at < start) return url;
    std::size_t colon = url.find(':', start);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

DatabaseUrl parse_database_url(const std::string& url) {
    DatabaseUrl out;
    out.display = obfuscated(url);
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        throw Error(ErrorKind::Usage,
                    fmt::format("Could not parse SQLAlchemy URL from string '{}'", out.display));
    std::string scheme = url.substr(0, scheme_end);
    std::string backend = scheme.substr(0, scheme.find('+'));  // "+driver" is accepted and ignored
    std::string rest = url.substr(scheme_end + 3);

    if (backend == "sqlite") {
        out.dialect = DatabaseUrl::Dialect::Sqlite;
        std::string path = rest.substr(0, rest.find('?'));
        if (!path.empty() && path[0] == '/') path.erase(0, 1);  // sqlite:///rel.db, sqlite:////abs.db
        out.sqlite_path = path.empty() ? ":memory:" : path;
        return out;
    }
    if (backend != "postgresql" && backend != "postgres")
        throw Error(ErrorKind::Usage, fmt::format("Can't load plugin: sqlalchemy.dialects:{} (migrate connects to "
                                                  "sqlite and postgresql databases)",
                                                  backend));
    out.dialect = DatabaseUrl::Dialect::Postgresql;

    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest.erase(q);
    }
    std::string authority = rest, dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        authority = rest.substr(0, slash);
        dbname = rest.substr(slash + 1);
    }
    std::string hostport = authority;
    if (auto at = authority.rfind('@'); at != std::string::npos) {
        std::string userinfo = authority.substr(0, at);
        hostport = authority.substr(at + 1);
        std::string user = userinfo;
        if (auto colon = userinfo.find(':'); colon != std::string::npos) {
            user = userinfo.substr(0, colon);
            out.password = decode(userinfo.substr(colon + 1));
            add_secret(out.password);
            add_secret(userinfo.substr(colon + 1));  // as typed, percent-encoded
        }
        if (!user.empty()) out.pq_params.emplace_back("user", decode(user));
        if (!out.password.empty()) out.pq_params.emplace_back("password", out.password);
    }
    std::string host = hostport, port;
    if (!hostport.empty() && hostport[0] == '[') {  // [::1]:5432
        auto close = hostport.find(']');
        if (close == std::string::npos)
            throw Error(ErrorKind::Usage, fmt::format("Could not parse SQLAlchemy URL from string '{}'", out.display));
        host = hostport.substr(1, close - 1);
        if (close + 1 < hostport.size() && hostport[close + 1] == ':') port = hostport.substr(close + 2);
    } else if (auto colon = hostport.rfind(':'); colon != std::string::npos) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    if (!host.empty()) out.pq_params.emplace_back("host", decode(host));
    if (!port.empty()) {
        for (char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                throw Error(ErrorKind::Usage, fmt::format("invalid port '{}' in database URL '{}'", port, out.display));
        out.pq_params.emplace_back("port", port);
    }
    if (!dbname.empty()) out.pq_params.emplace_back("dbname", decode(dbname));
    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string pair = query.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        std::string key = decode(pair.substr(0, eq));
        std::string value = eq == std::string::npos ? std::string() : decode(pair.substr(eq + 1));
        if (key == "password") add_secret(value);
        // A later keyword wins in libpq: the query's host overrides the URL's.
        out.pq_params.emplace_back(key, value);
    }
    return out;
}

}  // namespace migrate::cli
