#pragma once
// SQL text helpers that both engines share.
#include <string>
#include <string_view>

namespace migrate {

// A standard SQL string literal ('' doubles a quote), valid on SQLite and on
// PostgreSQL with standard_conforming_strings (the default since 9.1).
inline std::string quote_literal(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

// A double-quoted identifier, as both engines spell it.
inline std::string quote_identifier_ansi(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace migrate
