#include "encoding.hpp"

#include "pg_guard.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

bool database_is_utf8() { return GetDatabaseEncoding() == PG_UTF8; }

// `converted` is `from` itself or a palloc'd copy (pg_do_encoding_conversion's
// contract): copied out, then freed.
std::string take(const char* from, const char* converted, std::size_t length) {
    if (converted == from) return std::string(from, length);
    std::string out(converted);
    pg_call([&] { pfree(const_cast<char*>(converted)); });
    return out;
}

}  // namespace

std::string to_server(const std::string& utf8) {
    if (database_is_utf8()) return utf8;
    const char* converted =
        pg_call([&] { return pg_any_to_server(utf8.data(), static_cast<int>(utf8.size()), PG_UTF8); });
    return take(utf8.data(), converted, utf8.size());
}

std::string to_utf8(const char* text, std::size_t length) {
    if (database_is_utf8()) return std::string(text, length);
    const char* converted = pg_call([&] { return pg_server_to_any(text, static_cast<int>(length), PG_UTF8); });
    return take(text, converted, length);
}

}  // namespace migrate::pg
