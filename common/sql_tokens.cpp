#include "sql_tokens.hpp"


#include "text.hpp"

namespace migrate::sql {
namespace {

bool word_start(unsigned char c) { return is_ascii_alpha(static_cast<char>(c)) || c == '_' || c >= 0x80; }
bool word_char(unsigned char c) { return is_ascii_alnum(static_cast<char>(c)) || c == '_' || c == '$' || c >= 0x80; }

// The end of a quoted run starting at `i` (the opening quote), where a doubled
// closing quote stands for itself.
std::size_t quoted_end(std::string_view s, std::size_t i, char close) {
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] != close) continue;
        if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
            ++j;
            continue;
        }
        return j + 1;
    }
    return s.size();
}

// PostgreSQL's $tag$...$tag$; nullopt when `i` does not open one.
std::optional<std::size_t> dollar_end(std::string_view s, std::size_t i) {
    std::size_t j = i + 1;
    while (j < s.size() && (is_ascii_alnum(s[j]) || s[j] == '_')) ++j;
    if (j >= s.size() || s[j] != '$' || (j > i + 1 && is_ascii_digit(s[i + 1])))
        return std::nullopt;
    std::string_view tag = s.substr(i, j - i + 1);
    auto close = s.find(tag, j + 1);
    return close == std::string_view::npos ? s.size() : close + tag.size();
}

std::size_t number_end(std::string_view s, std::size_t i) {
    if (s.compare(i, 2, "0x") == 0 || s.compare(i, 2, "0X") == 0) {
        i += 2;
        while (i < s.size() && is_ascii_xdigit(s[i])) ++i;
        return i;
    }
    while (i < s.size() && (is_ascii_digit(s[i]) || s[i] == '.')) ++i;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && is_ascii_digit(s[j])) {
            i = j;
            while (i < s.size() && is_ascii_digit(s[i])) ++i;
        }
    }
    return i;
}

std::size_t punct_length(std::string_view s, std::size_t i) {
    static const char* const kTwo[] = {"||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "::", "->"};
    if (s.compare(i, 3, "->>") == 0) return 3;
    for (const char* op : kTwo)
        if (s.compare(i, 2, op) == 0) return 2;
    return 1;
}

bool simple_name(const std::string& name) {
    if (name.empty() || !(is_ascii_lower(name[0]) || name[0] == '_')) return false;
    for (unsigned char c : name)
        if (!(is_ascii_lower(static_cast<char>(c)) || is_ascii_digit(static_cast<char>(c)) || c == '_')) return false;
    return true;
}

bool no_space_before(const Token& t) {
    return t.kind == TokenKind::Punct && (t.text == ")" || t.text == "," || t.text == "." || t.text == "(");
}
bool no_space_after(const Token& t) { return t.kind == TokenKind::Punct && (t.text == "(" || t.text == "."); }

}  // namespace

Tokens tokenize(std::string_view s) {
    Tokens out;
    out.reserve(s.size() / 4);  // about a token per four characters of SQL
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (is_space(static_cast<char>(c))) {
            ++i;
            continue;
        }
        if (s.compare(i, 2, "--") == 0) {
            auto nl = s.find('\n', i);
            i = nl == std::string_view::npos ? s.size() : nl + 1;
            continue;
        }
        if (s.compare(i, 2, "/*") == 0) {
            auto close = s.find("*/", i + 2);
            i = close == std::string_view::npos ? s.size() : close + 2;
            continue;
        }
        std::size_t start = i;
        TokenKind kind;
        if (c == '\'') {
            kind = TokenKind::String;
            i = quoted_end(s, i, '\'');
        } else if ((c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'') {
            kind = TokenKind::String;
            i = quoted_end(s, i + 1, '\'');
        } else if (c == '"' || c == '`' || c == '[') {
            kind = TokenKind::Identifier;
            i = quoted_end(s, i, c == '[' ? ']' : static_cast<char>(c));
        } else if (c == '$' && dollar_end(s, i)) {
            kind = TokenKind::String;
            i = *dollar_end(s, i);
        } else if (is_ascii_digit(static_cast<char>(c)) ||
                   (c == '.' && i + 1 < s.size() && is_ascii_digit(s[i + 1]))) {
            kind = TokenKind::Number;
            i = number_end(s, i);
        } else if (word_start(c)) {
            kind = TokenKind::Word;
            while (i < s.size() && word_char(static_cast<unsigned char>(s[i]))) ++i;
        } else {
            kind = TokenKind::Punct;
            i += punct_length(s, i);
        }
        out.push_back({kind, s.substr(start, i - start), start});
    }
    return out;
}

std::string name_of(const Token& token) {
    if (token.kind != TokenKind::Identifier) return std::string(token.text);
    std::string_view inner = token.text.substr(1);
    char close = token.text[0] == '[' ? ']' : token.text[0];
    if (!inner.empty() && inner.back() == close) inner.remove_suffix(1);
    std::string out;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        out += inner[i];
        if (inner[i] == close && close != ']' && i + 1 < inner.size() && inner[i + 1] == close) ++i;
    }
    return out;
}

// Called for every token against many words: compared in place, without a
// lowercased copy.
bool is_keyword(const Token& token, std::string_view word) {
    if (token.kind != TokenKind::Word || token.text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (ascii_lower(token.text[i]) != word[i]) return false;
    return true;
}

namespace {

void append_lower(std::string& out, std::string_view text) {
    for (char c : text) out += ascii_lower(c);
}

}  // namespace

std::string normalize(const Tokens& tokens, std::size_t begin, std::size_t end, bool fold_quoted) {
    std::string out;
    if (begin < end && end <= tokens.size() && tokens[end - 1].offset >= tokens[begin].offset)
        out.reserve(tokens[end - 1].offset + tokens[end - 1].text.size() - tokens[begin].offset);  // about its length
    for (std::size_t i = begin; i < end && i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (i > begin && !no_space_before(t) && !no_space_after(tokens[i - 1])) out += ' ';
        switch (t.kind) {
            case TokenKind::Word: append_lower(out, t.text); break;
            case TokenKind::Identifier: {
                std::string name = fold_quoted ? lower(name_of(t)) : name_of(t);
                if (simple_name(name)) {
                    out += name;
                } else {
                    out += '"';
                    for (char ch : name) out.append(ch == '"' ? 2 : 1, ch);
                    out += '"';
                }
                break;
            }
            case TokenKind::Number: append_lower(out, t.text); break;
            case TokenKind::String:
            case TokenKind::Punct: out += t.text; break;
        }
    }
    return out;
}

std::string normalize(std::string_view text, bool fold_quoted) {
    Tokens tokens = tokenize(text);
    return normalize(tokens, 0, tokens.size(), fold_quoted);
}

std::size_t closing_paren(const Tokens& tokens, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Punct) continue;
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")" && --depth == 0) return i;
    }
    return tokens.size();
}

std::vector<Range> split_top_level(const Tokens& tokens, std::size_t begin, std::size_t end) {
    std::vector<Range> out;
    int depth = 0;
    std::size_t start = begin;
    for (std::size_t i = begin; i < end; ++i) {
        if (tokens[i].kind != TokenKind::Punct) continue;
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")") --depth;
        if (tokens[i].text == "," && depth == 0) {
            out.push_back({start, i});
            start = i + 1;
        }
    }
    if (start < end) out.push_back({start, end});
    return out;
}

std::string_view source(std::string_view text, const Tokens& tokens, std::size_t begin, std::size_t end) {
    if (begin >= end || end > tokens.size()) return {};
    std::size_t from = tokens[begin].offset;
    std::size_t to = tokens[end - 1].offset + tokens[end - 1].text.size();
    return text.substr(from, to - from);
}

std::optional<CreateHeader> create_header(const Tokens& tokens) {
    std::size_t i = 0;
    auto at = [&](std::string_view word) { return i < tokens.size() && is_keyword(tokens[i], word); };
    if (!at("create")) return std::nullopt;
    ++i;
    if (at("temp") || at("temporary")) ++i;
    if (at("unique") || at("virtual")) ++i;
    if (!(at("table") || at("index") || at("view") || at("trigger"))) return std::nullopt;
    ++i;
    if (at("if")) i += 3;  // IF NOT EXISTS
    if (i >= tokens.size()) return std::nullopt;
    CreateHeader header{i, i + 1};
    if (i + 2 < tokens.size() && tokens[i + 1].kind == TokenKind::Punct && tokens[i + 1].text == ".")
        header.name_end = i + 3;
    return header;
}

bool mentions(const Tokens& tokens, const std::string& name, bool fold_quoted) {
    // A bare word names lower(word) on both engines (PostgreSQL folds it).
    const std::string wanted = fold_quoted ? lower(name) : name;
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::Word && lower(t.text) == wanted) return true;
        if (t.kind == TokenKind::Identifier && (fold_quoted ? lower(name_of(t)) : name_of(t)) == wanted) return true;
    }
    return false;
}

std::string terminated(std::string_view text) {
    Tokens tokens = tokenize(text);
    if (tokens.empty()) return {};
    const Token& last = tokens.back();
    std::size_t end = last.offset + last.text.size();
    std::string out(trim(text.substr(0, end)));
    if (!(last.kind == TokenKind::Punct && last.text == ";")) out += ';';
    std::string_view rest = trim(text.substr(end));
    // What follows the last token is comments: kept, after the terminator.
    if (!rest.empty()) {
        out += ' ';
        out += rest;
        // An unterminated /* comment (SQLite reads one to the end of the
        // text) must not swallow the rest of the script.
        auto open = rest.rfind("/*");
        if (open != std::string_view::npos && rest.find("*/", open) == std::string_view::npos) out += " */";
    }
    return out;
}

std::vector<std::string> split_statements(std::string_view text) {
    std::vector<std::string> out;
    auto add = [&](std::string_view piece) {
        std::string statement = terminated(piece);
        if (!statement.empty()) out.push_back(std::move(statement));
    };
    int depth = 0;
    std::size_t start = 0;
    for (const Token& t : tokenize(text)) {
        if (t.kind != TokenKind::Punct) continue;
        if (t.text == "(") ++depth;
        if (t.text == ")" && depth > 0) --depth;
        if (t.text == ";" && depth == 0) {
            add(text.substr(start, t.offset + 1 - start));
            start = t.offset + 1;
        }
    }
    add(text.substr(start));
    return out;
}

}  // namespace migrate::sql
