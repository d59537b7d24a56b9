#include "script_loader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <system_error>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace migrate {
namespace {

constexpr std::size_t kMaxRevisionIdLength = 32;

Error script_error(const std::string& path, const std::string& what) {
    return Error(ErrorKind::Script, fmt::format("{}: {}", path, what));
}

Error script_error(const std::string& path, std::size_t line, const std::string& what) {
    return Error(ErrorKind::Script, fmt::format("{}: line {}: {}", path, line, what));
}

// ---- directives (docs/reference.md section 2) -------------------------------

std::string_view skip_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

// `rest` without a leading ASCII-case-insensitive `word`, or nullopt.
std::optional<std::string_view> after_word(std::string_view rest, std::string_view word) {
    if (!starts_with_ascii_ci(rest, word)) return std::nullopt;
    return rest.substr(word.size());
}

// `rest` after `word`, blanks, `:` and blanks ("migrate : upgrade").
std::optional<std::string_view> after_key(std::string_view rest, std::string_view word) {
    auto tail = after_word(rest, word);
    if (!tail) return std::nullopt;
    tail = skip_blanks(*tail);
    if (tail->empty() || tail->front() != ':') return std::nullopt;
    return skip_blanks(tail->substr(1));
}

struct Directive {
    enum class Kind { None, Upgrade, Downgrade } kind = Kind::None;
    bool transactional = true;
};

// A comment line whose text after `--` and blanks starts with `migrate:` is a
// directive, in any ASCII case and with blanks around the colons; anything
// but a known one is an error, so that a misspelt marker can never turn a
// section into a comment (or the downgrade into part of the upgrade).
Directive parse_directive(std::string_view line, const std::string& path, std::size_t line_number) {
    std::string_view text = skip_blanks(line);
    if (text.substr(0, 2) != "--") return {};
    std::string_view comment = skip_blanks(text.substr(2));
    if (comment.empty() || ascii_lower(comment.front()) != 'm') return {};  // most comments, quickly
    auto rest = after_key(comment, "migrate");
    if (!rest) return {};
    const std::string written(trim(text));
    auto fail = [&](const std::string& why) -> Directive {
        throw script_error(path, line_number,
                           fmt::format("{} '{}': the directives are '-- migrate:upgrade' and '-- migrate:downgrade', "
                                       "each optionally followed by 'transaction:false'",
                                       why, excerpt(written)));
    };
    Directive d;
    std::optional<std::string_view> tail;
    if ((tail = after_word(*rest, "upgrade")))
        d.kind = Directive::Kind::Upgrade;
    else if ((tail = after_word(*rest, "downgrade")))
        d.kind = Directive::Kind::Downgrade;
    else
        return fail("unknown directive");
    std::string_view options = rtrim(*tail);
    if (options.empty()) return d;
    if (options.front() != ' ' && options.front() != '\t') return fail("unknown directive");  // migrate:upgrades
    auto value = after_key(skip_blanks(options), "transaction");
    if (!value) return fail("unknown option in directive");
    if (lower(*value) == "false")
        d.transactional = false;
    else if (lower(*value) != "true")
        return fail("transaction must be true or false in directive");
    return d;
}

// The directives of a native file and the sections between them; the text
// of the sections only when `keep_text` (the header reader only validates).
RevisionSections read_sections(std::string_view text, const std::string& path, bool keep_text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
    RevisionSections sections;
    std::string* current = nullptr;
    std::size_t line_number = 0;
    for (std::string_view rest = text, line; next_line(rest, line);) {
        ++line_number;
        Directive d = parse_directive(line, path, line_number);
        if (d.kind == Directive::Kind::Upgrade) {
            if (sections.upgrade_line)
                throw script_error(path, line_number,
                                   fmt::format("a second '-- migrate:upgrade' directive (the first is on line {})",
                                               sections.upgrade_line - 1));
            sections.upgrade_line = line_number + 1;
            sections.upgrade_transactional = d.transactional;
            current = &sections.upgrade;
            continue;
        }
        if (d.kind == Directive::Kind::Downgrade) {
            if (sections.downgrade_line)
                throw script_error(path, line_number,
                                   fmt::format("a second '-- migrate:downgrade' directive (the first is on line {})",
                                               sections.downgrade_line - 1));
            if (!sections.upgrade_line)
                throw script_error(path, line_number,
                                   "'-- migrate:downgrade' before '-- migrate:upgrade': the upgrade section comes "
                                   "first");
            sections.downgrade_line = line_number + 1;
            sections.downgrade_transactional = d.transactional;
            current = &sections.downgrade;
            continue;
        }
        if (current && keep_text) {
            current->append(line);
            current->push_back('\n');
        }
    }
    if (!sections.upgrade_line)
        throw script_error(path, "no '-- migrate:upgrade' directive: a revision file marks its upgrade SQL with a "
                                 "line '-- migrate:upgrade' (and its downgrade SQL with '-- migrate:downgrade')");
    return sections;
}

// ---- Python literals of Alembic's header assignments -----------------------

class PyLiteralReader {
public:
    PyLiteralReader(std::string_view text, const std::string& path, const std::string& name)
        : text_(text), path_(path), name_(name) {}

    // None, a string, or a tuple/list/set of strings, as a list of ids.
    std::vector<std::string> read_value() {
        skip_space();
        std::vector<std::string> out;
        if (consume_word("None")) return out;
        char c = peek();
        if (c == '(' || c == '[' || c == '{') {
            char close = c == '(' ? ')' : c == '[' ? ']' : '}';
            ++pos_;
            for (;;) {
                skip_space();
                if (peek() == close) {
                    ++pos_;
                    break;
                }
                out.push_back(read_string());
                skip_space();
                if (peek() == ',') {
                    ++pos_;
                } else if (peek() != close) {
                    fail();
                }
            }
        } else {
            out.push_back(read_string());
        }
        skip_space();
        if (pos_ < text_.size() && text_[pos_] != '#') fail();
        return out;
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    void skip_space() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '#') {
                // a comment inside a bracketed value runs to the end of its line
                auto nl = text_.find('\n', pos_);
                if (nl == std::string_view::npos) return;
                pos_ = nl;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
                ++pos_;
            } else {
                return;
            }
        }
    }

    bool consume_word(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        std::size_t end = pos_ + word.size();
        if (end < text_.size() && (is_ascii_alnum(text_[end]) || text_[end] == '_'))
            return false;
        pos_ = end;
        return true;
    }

    std::string read_string() {
        while (pos_ < text_.size() && std::strchr("rRuU", text_[pos_]) && pos_ + 1 < text_.size() &&
               (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\''))
            ++pos_;
        char quote = peek();
        if (quote != '"' && quote != '\'') fail();
        ++pos_;
        std::string out;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            if (text_[pos_] == '\n') fail();
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
            out += text_[pos_++];
        }
        if (pos_ >= text_.size()) fail();
        ++pos_;
        return out;
    }

    [[noreturn]] void fail() const {
        throw script_error(path_, fmt::format("cannot read the value of '{}' (expected a string, a tuple, "
                                              "list or set of strings, or None)",
                                              name_));
    }

    std::string_view text_;
    const std::string& path_;
    const std::string& name_;
    std::size_t pos_ = 0;
};

// The text of a value that may continue over several lines until its brackets
// close.
std::string_view assignment_value(std::string_view text, std::size_t start) {
    int depth = 0;
    char quote = 0;
    std::size_t i = start;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == '\\') ++i;
            else if (c == quote) quote = 0;
            else if (c == '\n') break;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            --depth;
        } else if (c == '\\') {  // a line continuation: the value goes on
            if (i + 1 < text.size() && text[i + 1] == '\r') ++i;
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '#') {
            auto nl = text.find('\n', i);
            if (depth <= 0) break;
            if (nl == std::string_view::npos) break;
            i = nl;
        } else if (c == '\n' && depth <= 0) {
            break;
        }
    }
    return text.substr(start, i - start);
}

void append_utf8(std::string& out, unsigned long code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// The value of a Python string literal's body. Python reads source with
// universal newlines, and a non-raw literal decodes its escapes: Alembic's
// message comes from module.__doc__, where "C:\temp" holds a tab. \N{name}
// and unknown escapes stay as written (Python keeps the latter too).
std::string python_string_value(std::string_view body, bool raw) {
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
            continue;
        }
        if (c != '\\' || raw || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        char e = body[++i];
        auto hex_escape = [&](std::size_t digits) {
            if (i + digits >= body.size()) return false;
            std::string code(body.substr(i + 1, digits));
            if (!std::all_of(code.begin(), code.end(), [](char h) { return is_ascii_xdigit(h); }))
                return false;
            append_utf8(out, std::stoul(code, nullptr, 16));
            i += digits;
            return true;
        };
        switch (e) {
            case '\n': break;  // a line continuation
            case '\r':
                if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
                break;
            case '\\': case '\'': case '"': out += e; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'x': if (!hex_escape(2)) out += "\\x"; break;
            case 'u': if (!hex_escape(4)) out += "\\u"; break;
            case 'U': if (!hex_escape(8)) out += "\\U"; break;
            default:
                if (e >= '0' && e <= '7') {
                    unsigned long code = 0;
                    std::size_t n = 0;
                    for (; n < 3 && i + n < body.size() && body[i + n] >= '0' && body[i + n] <= '7'; ++n)
                        code = code * 8 + static_cast<unsigned long>(body[i + n] - '0');
                    i += n - 1;
                    append_utf8(out, code);
                } else {
                    out += '\\';
                    out += e;
                }
        }
    }
    return out;
}

// The module docstring as Python's module.__doc__, stripped, or empty.
std::string module_docstring(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        auto line = trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (!line.empty() && line[0] != '#') break;
        if (nl == std::string_view::npos) return {};
        pos = nl + 1;
    }
    while (pos < text.size() && is_space(text[pos])) ++pos;
    bool raw = false;
    if (pos < text.size() && text[pos] && std::strchr("rRuU", text[pos])) raw = ascii_lower(text[pos++]) == 'r';
    for (std::string_view quote : {"\"\"\"", "'''", "\"", "'"}) {
        if (text.substr(pos, quote.size()) != quote) continue;
        std::size_t start = pos + quote.size();
        // a backslash keeps the next character from closing the string, raw or not
        for (std::size_t i = start; i < text.size(); ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text.substr(i, quote.size()) == quote)
                return std::string(trim(python_string_value(text.substr(start, i - start), raw)));
        }
        return {};
    }
    return {};
}

bool has_suffix(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Revision files are UTF-8 text, as Python reads Alembic's. A NUL byte would
// silently end the SQL text an engine is given, and PostgreSQL's SPI does not
// check the encoding of what it runs, so both are refused, naming the place.
void check_text(std::string_view text, const std::string& path) {
    auto fail = [&](std::size_t at) {
        // the position is counted only for the message: the scan below skips it
        std::size_t line = 1, line_start = 0;
        for (std::size_t i = 0; i < at; ++i)
            if (text[i] == '\n') line = line + 1, line_start = i + 1;
        const auto byte = static_cast<unsigned char>(text[at]);
        throw script_error(path, fmt::format("line {}, column {}: {}; a revision file must be UTF-8 text", line,
                                             at - line_start + 1,
                                             byte ? fmt::format("byte 0x{:02x} is not valid UTF-8", byte)
                                                  : std::string("a NUL byte")));
    };
    const char* data = text.data();
    for (std::size_t i = 0; i < text.size();) {
        // Revision files are mostly ASCII: eight bytes at a time while none
        // has its high bit set or is NUL.
        if (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, data + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            if (((word | ((word - ones) & ~word)) & highs) == 0) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) fail(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        // the shortest form only, no surrogates, nothing above U+10FFFF
        std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (length == 0 || i + length > text.size()) fail(i);
        const auto second = static_cast<unsigned char>(text[i + 1]);
        unsigned char low = 0x80, high = 0xBF;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;
        if (second < low || second > high) fail(i);
        for (std::size_t k = 2; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) fail(i);
        i += length;
    }
}

}  // namespace

namespace {

enum class HeaderField { None, RevisionId, Revises, CreateDate, BranchLabels, DependsOn };

// The field a header line names ("Revision ID: a1", any ASCII case), and its
// value.
HeaderField header_field(std::string_view line, std::string_view& value) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return HeaderField::None;
    std::string_view key = trim(line.substr(0, colon));
    static constexpr std::pair<std::string_view, HeaderField> fields[] = {
        {"revision id", HeaderField::RevisionId},     {"revises", HeaderField::Revises},
        {"create date", HeaderField::CreateDate},     {"branch labels", HeaderField::BranchLabels},
        {"depends on", HeaderField::DependsOn},
    };
    for (const auto& [name, field] : fields)
        if (key.size() == name.size() && starts_with_ascii_ci(key, name)) {
            value = trim(line.substr(colon + 1));
            return field;
        }
    return HeaderField::None;
}

}  // namespace

bool is_header_field(std::string_view line) {
    std::string_view value;
    return header_field(line, value) != HeaderField::None;
}

void validate_revision_id(const std::string& id, const std::string& path) {
    if (id.empty()) throw script_error(path, "empty 'Revision ID'");
    if (id.size() > kMaxRevisionIdLength)
        throw script_error(path, fmt::format("revision identifier '{}' is longer than {} characters",
                                             excerpt(id, kMaxRevisionIdLength), kMaxRevisionIdLength));
    std::string illegal;
    for (char c : std::string("+-:@")) {
        if (id.find(c) != std::string::npos) illegal += illegal.empty() ? std::string(1, c) : std::string(", ") + c;
    }
    if (!illegal.empty())
        throw script_error(path, fmt::format("Character(s) '{}' not allowed in revision identifier '{}'", illegal, id));
    for (unsigned char c : id) {
        if (is_space(static_cast<char>(c)) || c < 0x20)
            throw script_error(path, fmt::format("white space or control character in revision identifier '{}'",
                                                 printable(id)));
    }
}

Revision parse_sql_revision(std::string_view text, const std::string& path) {
    check_text(text, path);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark, as a .py's
    Revision rev;
    rev.path = path;
    bool have_id = false;
    bool have_message = false;
    bool started = false;
    // line by line: the header is a few lines at the top of the file
    std::string_view rest = text;
    std::size_t line_number = 0;
    for (std::string_view raw; next_line(rest, raw);) {
        ++line_number;
        std::string_view line = rtrim(raw);
        if (!started && line.empty()) continue;  // blank lines before the header
        if (line.substr(0, 2) != "--" || parse_directive(line, path, line_number).kind != Directive::Kind::None)
            break;
        started = true;
        std::string_view body = trim(line.substr(2));
        if (body.empty()) continue;
        std::string_view value;
        switch (header_field(body, value)) {
            case HeaderField::RevisionId:
                rev.id = std::string(value);
                have_id = true;
                continue;
            case HeaderField::Revises:
                rev.down_revisions = split_list(value);
                continue;
            case HeaderField::CreateDate:
                rev.create_date = std::string(value);
                continue;
            case HeaderField::BranchLabels:
                rev.own_branch_labels = split_list(value);
                continue;
            case HeaderField::DependsOn:
                rev.depends_on = split_list(value);
                continue;
            case HeaderField::None:
                break;
        }
        if (!have_message) {
            rev.message = std::string(body);
            have_message = true;
        }
    }
    if (!have_id) throw script_error(path, "no 'Revision ID' in the header (a leading '-- Revision ID: <id>' line)");
    validate_revision_id(rev.id, path);
    read_sections(text, path, false);  // a bad directive fails when the folder is read, before any step
    return rev;
}

Revision parse_python_revision(std::string_view text, const std::string& path) {
    check_text(text, path);
    Revision rev;
    rev.path = path;
    rev.is_python = true;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark, as Python skips it
    bool have_id = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(pos, line_end - pos);
        for (const char* name : {"revision", "down_revision", "branch_labels", "depends_on"}) {
            std::string_view key(name);
            if (line.substr(0, key.size()) != key) continue;
            std::size_t i = key.size();
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            if (i < line.size() && line[i] == ':') {  // a type annotation
                auto eq = line.find('=', i);
                if (eq == std::string_view::npos) continue;
                i = eq;
            }
            if (i >= line.size() || line[i] != '=' || (i + 1 < line.size() && line[i + 1] == '=')) continue;
            std::string value_name(name);
            auto value_text = assignment_value(text, pos + i + 1);
            auto values = PyLiteralReader(value_text, path, value_name).read_value();
            if (key == "revision") {
                if (values.size() != 1) throw script_error(path, "'revision' must be a single string");
                rev.id = values[0];
                have_id = true;
            } else if (key == "down_revision") {
                rev.down_revisions = values;
            } else if (key == "branch_labels") {
                rev.own_branch_labels = values;
            } else {
                rev.depends_on = values;
            }
            break;
        }
        pos = line_end + 1;
    }
    if (!have_id)
        throw script_error(path, "no 'revision' assignment: not an Alembic revision file");
    validate_revision_id(rev.id, path);
    std::string doc = module_docstring(text);
    auto para = doc.find("\n\n");
    rev.message = doc.substr(0, para);
    for (auto line : lines(doc)) {
        auto t = trim(line);
        if (lower(t.substr(0, 12)) == "create date:") rev.create_date = std::string(trim(t.substr(12)));
    }
    return rev;
}

RevisionSections parse_sql_sections(std::string_view text, const std::string& path) {
    return read_sections(text, path, true);
}

namespace {

// `name` is opened relative to `dir_fd` (AT_FDCWD: as a path); `path` names
// the file in errors. `known_regular`: the folder listing said it is a
// regular file, which spares the fstat of a small file (a large folder is
// mostly system calls), unless `stamp` asks for what fstat says.
std::string read_file_at(int dir_fd, const char* name, const std::string& path, bool known_regular = false,
                         FileStamp* stamp = nullptr) {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; only a
    // regular file is read (a pipe or /dev/zero would never end).
    int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw Error(ErrorKind::Script, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    auto check_regular = [&](struct stat& st) {
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            throw Error(ErrorKind::Script, fmt::format("{}: not a regular file", path));
        }
    };
    struct stat st;
    std::string out;
    if (stamp) known_regular = false;
    if (!known_regular) {
        check_regular(st);
        out.reserve(static_cast<std::size_t>(st.st_size));
        if (stamp) {
            stamp->name = name;
            stamp->device = st.st_dev;
            stamp->inode = st.st_ino;
            stamp->size = st.st_size;
            stamp->modified = st.st_mtim;
            stamp->changed = st.st_ctim;
        }
    }
    char buf[16384];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            throw Error(ErrorKind::Script, fmt::format("{}: cannot read: {}", path, std::strerror(err)));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        // A regular file reads short only at its end: skip the read that
        // would return 0.
        if (static_cast<std::size_t>(n) < sizeof buf) break;
        // The name may have been replaced since the listing: a file larger
        // than one read is checked before reading on.
        if (known_regular) {
            check_regular(st);
            known_regular = false;
        }
    }
    ::close(fd);
    return out;
}

}  // namespace

std::string read_file(const std::string& path) { return read_file_at(AT_FDCWD, path.c_str(), path); }

std::vector<Revision> load_revisions(const std::string& versions_dir, int threads,
                                     const std::function<void()>& poll, std::vector<FileStamp>* stamps,
                                     std::vector<std::string>* texts) {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(versions_dir.c_str()), ::closedir);
    if (!dir)
        throw Error(ErrorKind::Script,
                    fmt::format("Path doesn't exist: '{}' ({}). Please use the script_location setting to name a "
                                "folder with a versions/ subfolder.",
                                versions_dir, std::strerror(errno)));
    struct Entry {
        std::string name;
        bool regular;
    };
    std::vector<Entry> entries;
    while (dirent* entry = ::readdir(dir.get())) {
        std::string name = entry->d_name;
        if (is_revision_file_name(name)) entries.push_back({std::move(name), entry->d_type == DT_REG});
    }
    // File-name order, by views: moving 10,000 strings around costs more
    // than comparing them.
    std::vector<const Entry*> order(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) order[i] = &entries[i];
    std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) { return a->name < b->name; });

    std::vector<Revision> revisions(order.size());
    if (stamps) stamps->assign(order.size(), FileStamp{});
    if (texts) texts->assign(order.size(), std::string());
    std::vector<std::exception_ptr> errors(order.size());
    std::exception_ptr interrupted;
    const int dir_fd = ::dirfd(dir.get());
    auto load_slice = [&](std::size_t first, std::size_t step) {
        for (std::size_t i = first; i < order.size(); i += step) {
            if (first == 0 && poll && i % 256 == 0) {
                try {
                    poll();
                } catch (...) {
                    interrupted = std::current_exception();
                    return;
                }
            }
            try {
                const std::string& name = order[i]->name;
                std::string path = versions_dir + "/" + name;
                // relative to the open folder: the kernel need not walk the whole path per file
                std::string text =
                    read_file_at(dir_fd, name.c_str(), path, order[i]->regular, stamps ? &(*stamps)[i] : nullptr);
                revisions[i] = parse_revision_file(name, text, path);
                if (texts) (*texts)[i] = std::move(text);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    // A large folder is mostly system calls: worker threads overlap them,
    // where the engine allows threads at all.
    // No more threads than the machine runs at once; and when one cannot be
    // created (a host at its thread limit), the calling thread reads the
    // slices that have no thread, instead of the process aborting.
    constexpr std::size_t kFilesPerThread = 1024;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min({static_cast<std::size_t>(threads > 1 ? threads : 1),
                                          order.size() / kFilesPerThread + 1, cores});
    std::vector<std::thread> pool;
    pool.reserve(workers);
    std::size_t started = 1;  // slice 0 is the calling thread's
    for (; started < workers; ++started) {
        try {
            pool.emplace_back(load_slice, started, workers);
        } catch (const std::system_error&) {
            break;
        }
    }
    load_slice(0, workers);
    for (std::size_t w = started; w < workers; ++w) load_slice(w, workers);
    for (auto& t : pool) t.join();
    if (interrupted) std::rethrow_exception(interrupted);
    for (auto& error : errors)  // the first bad file in file-name order
        if (error) std::rethrow_exception(error);
    return revisions;
}

RevisionSections revision_sections(const Revision& revision, std::string_view text) {
    check_text(text, revision.path);  // the file may have changed since the header was read
    return parse_sql_sections(text, revision.path);
}

RevisionSections load_sections(const Revision& revision) {
    return revision_sections(revision, read_file(revision.path));
}

bool is_revision_file_name(const std::string& name) {
    if (name.empty() || name[0] == '.' || name.rfind("__init__", 0) == 0) return false;
    return has_suffix(name, ".sql") || has_suffix(name, ".py");
}

Revision parse_revision_file(const std::string& name, std::string_view text, const std::string& path) {
    return has_suffix(name, ".sql") ? parse_sql_revision(text, path) : parse_python_revision(text, path);
}

}  // namespace migrate
