#pragma once
// A tokenizer of SQL text, for comparing and re-emitting definitions that an
// engine stores as text (SQLite's sqlite_master). It knows the lexical forms of
// SQLite and PostgreSQL (quoted identifiers, strings, comments) and nothing of
// what statements mean: the engines' own parsers decide that.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::sql {

enum class TokenKind {
    Word,        // keyword or bare identifier
    Identifier,  // "quoted", [bracketed] or `backquoted`
    String,      // 'literal', X'blob', $tag$dollar-quoted$tag$
    Number,
    Punct,  // operators and punctuation, one token per operator
};

struct Token {
    TokenKind kind;
    std::string_view text;  // as written, quotes included
    std::size_t offset;     // into the tokenized text
};

using Tokens = std::vector<Token>;

// White space and comments are dropped; an unterminated quote or comment
// runs to the end of the text.
Tokens tokenize(std::string_view text);

// A token's name: a quoted identifier unquoted, a word as written.
std::string name_of(const Token& token);

// Whether the token is the keyword `word` (lowercase), in any case.
bool is_keyword(const Token& token, std::string_view word);

// The canonical text of tokens [begin, end): keywords and bare identifiers in
// lowercase (and quoted ones too when `fold_quoted`, as SQLite's identifiers
// are case-insensitive), quotes only where a name needs them, literals as
// written, one space between tokens except around ( ) , . so that
// "VARCHAR( 50 )" and "varchar(50)" agree.
std::string normalize(const Tokens& tokens, std::size_t begin, std::size_t end, bool fold_quoted);
std::string normalize(std::string_view text, bool fold_quoted);

// The index of the ")" closing the "(" at `open` (tokens.size() when
// unbalanced).
std::size_t closing_paren(const Tokens& tokens, std::size_t open);

// The ranges [first, second) of [begin, end) between top-level commas.
struct Range {
    std::size_t begin, end;
};
std::vector<Range> split_top_level(const Tokens& tokens, std::size_t begin, std::size_t end);

// The text of tokens [begin, end) as written in `text`, comments between them
// included.
std::string_view source(std::string_view text, const Tokens& tokens, std::size_t begin, std::size_t end);

// `CREATE [TEMP] [UNIQUE|VIRTUAL] TABLE|INDEX|VIEW|TRIGGER [IF NOT EXISTS]
// [schema.]name`: where the name is, and where what follows it starts.
struct CreateHeader {
    std::size_t name_begin, name_end;  // the name's tokens, schema included
};
std::optional<CreateHeader> create_header(const Tokens& tokens);

// Whether `name` (compared as `fold_quoted` says) appears as an identifier
// among the tokens.
bool mentions(const Tokens& tokens, const std::string& name, bool fold_quoted);

// `text` (trimmed) with a `;` right after its last token unless that token
// is one, so that a trailing comment can never swallow the terminator; empty
// when `text` holds no token.
std::string terminated(std::string_view text);

// The statements of `text`, each `terminated`, split at the `;` tokens
// outside parentheses (the lexical split psql makes); comments before a
// statement stay with it, text without a token is dropped.
std::vector<std::string> split_statements(std::string_view text);

}  // namespace migrate::sql
