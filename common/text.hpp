#pragma once
// Small string helpers shared by the readers of the core.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::string_view rtrim(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return rtrim(s);
}

// Character classes and case folding of ASCII only. The C library's
// <cctype> follows the process locale, which the host sets (PostgreSQL from
// the database's LC_CTYPE, Python at start-up): under tr_TR.UTF-8 tolower('I')
// is not 'i', so "Revision ID" would not be the key "revision id".
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
inline bool is_ascii_xdigit(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline char ascii_upper(char c) { return is_ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Whether `s` starts with `prefix` (lowercase), ASCII case ignored.
inline bool starts_with_ascii_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_lower(s[i]) != prefix[i]) return false;
    return true;
}

inline std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) return out;
        start = pos + 1;
    }
}

// Moves the first line of `rest`, without its line end ("\n" or "\r\n"), into
// `line`; false when `rest` is empty. For readers that stop early (a header)
// and so need not split the whole text.
inline bool next_line(std::string_view& rest, std::string_view& line) {
    if (rest.empty()) return false;
    auto nl = rest.find('\n');
    line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
}

// The lines of `s` without their line ends ("\n" or "\r\n").
inline std::vector<std::string_view> lines(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::string_view line; next_line(s, line);) out.push_back(line);
    return out;
}

// The non-empty, trimmed items of a comma-separated list ("a, b,,c").
inline std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> out;
    while (!value.empty()) {  // the usual empty header field returns without allocating
        auto comma = value.find(',');
        auto trimmed = trim(value.substr(0, comma));
        if (!trimmed.empty()) out.emplace_back(trimmed);
        value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
    }
    return out;
}

template <typename T>
bool contains(const std::vector<T>& items, const T& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

template <typename Range, typename Fn>
std::string join(const Range& items, std::string_view sep, Fn&& to_string) {
    std::string out;
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += sep;
        first = false;
        out += to_string(item);
    }
    return out;
}

template <typename Range>
std::string join(const Range& items, std::string_view sep) {
    return join(items, sep, [](const auto& s) { return std::string(s); });
}

// `s` with control bytes escaped, safe to put in an error message.
inline std::string printable(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

// The start of `s` for an error message: at most `limit` bytes, cut at a
// character boundary and marked "...", with control bytes escaped. A value
// read from a file may be megabytes long.
inline std::string excerpt(std::string_view s, std::size_t limit = 64) {
    if (s.size() <= limit) return printable(s);
    while (limit > 0 && (static_cast<unsigned char>(s[limit]) & 0xC0) == 0x80) --limit;
    return printable(s.substr(0, limit)) + "...";
}

}  // namespace migrate
