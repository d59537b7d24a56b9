#pragma once
// PostgreSQL string literals that read the same whatever the session's
// standard_conforming_strings: a value with a backslash becomes an E''
// string, any other a standard one.
#include <string>
#include <string_view>

#include "sql_text.hpp"

namespace migrate::pg {

inline std::string pg_literal(std::string_view value) {
    if (value.find('\\') == std::string_view::npos) return migrate::quote_literal(value);
    std::string out = "E'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += c;
        out += c;
    }
    return out + "'";
}

}  // namespace migrate::pg
