#include "scratch_text.hpp"

#include <algorithm>
#include <vector>

#include "sql_tokens.hpp"
#include "text.hpp"

namespace migrate::cli {
namespace {

using sql::is_keyword;
using sql::Tokens;
using sql::TokenKind;

bool line_start(const std::string& text, std::size_t offset) {
    for (std::size_t i = offset; i > 0; --i) {
        char c = text[i - 1];
        if (c == '\n') return true;
        if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
}

std::string without_meta_command_lines(std::string text) {
    for (const auto& token : sql::tokenize(text)) {
        if (token.kind != TokenKind::Punct || token.text != "\\" || !line_start(text, token.offset)) continue;
        for (std::size_t i = token.offset; i < text.size() && text[i] != '\n'; ++i) text[i] = ' ';
    }
    return text;
}

// A name as PostgreSQL reads it: unquoted words fold to lowercase.
std::string identifier(const sql::Token& token) {
    return token.kind == TokenKind::Word ? lower(token.text) : sql::name_of(token);
}

bool is_name(const sql::Token& token) { return token.kind == TokenKind::Word || token.kind == TokenKind::Identifier; }

struct Edit {
    std::size_t offset, length;
    std::string text;
};

// The edit the statement starting at tokens[s] needs, if any; `end` is where
// it ends (its `;` or the end of the text).
void statement_edit(const Tokens& t, std::size_t s, std::size_t end, const std::set<std::string>& precreated,
                    std::vector<Edit>& edits) {
    auto at = [&](std::size_t i, const char* word) { return i < end && is_keyword(t[i], word); };
    std::size_t i = s;
    if (at(i, "create")) {
        ++i;
        if (at(i, "unique")) ++i;
        if (at(i, "index") && at(i + 1, "concurrently"))
            edits.push_back({t[i + 1].offset, t[i + 1].text.size(), ""});
        if (i != s + 1 || !at(i, "schema") || i + 1 >= end || !is_name(t[i + 1]) || at(i + 1, "if") ||
            at(i + 1, "authorization"))
            return;
        std::size_t rest = i + 2;
        if (at(rest, "authorization") && rest + 1 < end && is_name(t[rest + 1])) rest += 2;
        if (rest == end && precreated.count(identifier(t[i + 1])))
            edits.push_back({t[i + 1].offset, 0, "IF NOT EXISTS "});
    } else if (at(i, "drop") && at(i + 1, "index") && at(i + 2, "concurrently")) {
        edits.push_back({t[i + 2].offset, t[i + 2].text.size(), ""});
    }
}

}  // namespace

std::string scratch_text(const std::string& sql, const std::set<std::string>& precreated) {
    std::string text = without_meta_command_lines(sql);
    const Tokens t = sql::tokenize(text);
    std::vector<Edit> edits;
    for (std::size_t s = 0; s < t.size();) {
        std::size_t end = s;
        while (end < t.size() && !(t[end].kind == TokenKind::Punct && t[end].text == ";")) ++end;
        statement_edit(t, s, end, precreated, edits);
        s = end + 1;
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
    for (const auto& e : edits) text.replace(e.offset, e.length, e.text);
    return text;
}

}  // namespace migrate::cli
