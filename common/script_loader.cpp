#include "script_loader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace migrate {
namespace {

constexpr std::size_t kMaxRevisionIdLength = 32;

Error script_error(const std::string& path, const std::string& what) {
    return Error(ErrorKind::Script, fmt::format("{}: {}", path, what));
}

bool is_marker(std::string_view line, std::string_view marker) {
    return rtrim(line) == marker;
}

constexpr std::string_view kUpgradeMarker = "-- migrate:upgrade";
constexpr std::string_view kDowngradeMarker = "-- migrate:downgrade";

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
        if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_'))
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
            if (!std::all_of(code.begin(), code.end(), [](unsigned char h) { return std::isxdigit(h); }))
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
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    bool raw = false;
    if (pos < text.size() && text[pos] && std::strchr("rRuU", text[pos])) raw = std::tolower(text[pos++]) == 'r';
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
    std::size_t line = 1, line_start = 0;
    auto fail = [&](std::size_t at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        throw script_error(path, fmt::format("line {}, column {}: {}; a revision file must be UTF-8 text", line,
                                             at - line_start + 1,
                                             byte ? fmt::format("byte 0x{:02x} is not valid UTF-8", byte)
                                                  : std::string("a NUL byte")));
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            line_start = ++i;
            continue;
        }
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

bool is_header_field(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    std::string key = lower(trim(line.substr(0, colon)));
    return key == "revision id" || key == "revises" || key == "create date" || key == "branch labels" ||
           key == "depends on";
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
        if (std::isspace(c) || c < 0x20)
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
    for (std::string_view raw; next_line(rest, raw);) {
        std::string_view line = rtrim(raw);
        if (!started && line.empty()) continue;  // blank lines before the header
        if (line.substr(0, 2) != "--" || is_marker(line, kUpgradeMarker) || is_marker(line, kDowngradeMarker)) break;
        started = true;
        std::string_view body = trim(line.substr(2));
        if (body.empty()) continue;
        auto colon = body.find(':');
        if (is_header_field(body)) {
            std::string key = lower(trim(body.substr(0, colon)));
            std::string_view value = trim(body.substr(colon + 1));
            if (key == "revision id") {
                rev.id = std::string(value);
                have_id = true;
                continue;
            }
            if (key == "revises") {
                rev.down_revisions = split_list(value);
                continue;
            }
            if (key == "create date") {
                rev.create_date = std::string(value);
                continue;
            }
            if (key == "branch labels") {
                rev.own_branch_labels = split_list(value);
                continue;
            }
            rev.depends_on = split_list(value);  // "depends on", the last field
            continue;
        }
        if (!have_message) {
            rev.message = std::string(body);
            have_message = true;
        }
    }
    if (!have_id) throw script_error(path, "no 'Revision ID' in the header (a leading '-- Revision ID: <id>' line)");
    validate_revision_id(rev.id, path);
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

RevisionSections parse_sql_sections(std::string_view text) {
    RevisionSections sections;
    std::string* current = nullptr;
    bool seen_up = false, seen_down = false;
    for (std::string_view line : lines(text)) {
        if (is_marker(line, kUpgradeMarker)) {
            if (seen_up) throw Error(ErrorKind::Script, "a second '-- migrate:upgrade' section");
            seen_up = true;
            current = &sections.upgrade;
            continue;
        }
        if (is_marker(line, kDowngradeMarker)) {
            if (seen_down) throw Error(ErrorKind::Script, "a second '-- migrate:downgrade' section");
            seen_down = true;
            current = &sections.downgrade;
            continue;
        }
        if (current) {
            current->append(line);
            current->push_back('\n');
        }
    }
    return sections;
}

namespace {

// `name` is opened relative to `dir_fd` (AT_FDCWD: as a path); `path` names
// the file in errors.
std::string read_file_at(int dir_fd, const char* name, const std::string& path) {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; only a
    // regular file is read (a pipe or /dev/zero would never end).
    int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw Error(ErrorKind::Script, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ErrorKind::Script, fmt::format("{}: not a regular file", path));
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
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
        // would return 0 (a quarter of the system calls of a large folder).
        if (static_cast<std::size_t>(n) < sizeof buf) break;
    }
    ::close(fd);
    return out;
}

}  // namespace

std::string read_file(const std::string& path) { return read_file_at(AT_FDCWD, path.c_str(), path); }

std::vector<Revision> load_revisions(const std::string& versions_dir, int threads,
                                     const std::function<void()>& poll) {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(versions_dir.c_str()), ::closedir);
    if (!dir)
        throw Error(ErrorKind::Script,
                    fmt::format("Path doesn't exist: '{}' ({}). Please use the script_location setting to name a "
                                "folder with a versions/ subfolder.",
                                versions_dir, std::strerror(errno)));
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir.get())) {
        std::string name = entry->d_name;
        if (is_revision_file_name(name)) names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());

    std::vector<Revision> revisions(names.size());
    std::vector<std::exception_ptr> errors(names.size());
    std::exception_ptr interrupted;
    const int dir_fd = ::dirfd(dir.get());
    auto load_slice = [&](std::size_t first, std::size_t step) {
        for (std::size_t i = first; i < names.size(); i += step) {
            if (first == 0 && poll && i % 256 == 0) {
                try {
                    poll();
                } catch (...) {
                    interrupted = std::current_exception();
                    return;
                }
            }
            try {
                const std::string& name = names[i];
                std::string path = versions_dir + "/" + name;
                // relative to the open folder: the kernel need not walk the whole path per file
                std::string text = read_file_at(dir_fd, name.c_str(), path);
                revisions[i] = parse_revision_file(name, text, path);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    // A large folder is mostly system calls: worker threads overlap them,
    // where the engine allows threads at all.
    constexpr std::size_t kFilesPerThread = 1024;
    std::size_t workers = std::min<std::size_t>(threads > 1 ? threads : 1, names.size() / kFilesPerThread + 1);
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(load_slice, w, workers);
    load_slice(0, workers);
    for (auto& t : pool) t.join();
    if (interrupted) std::rethrow_exception(interrupted);
    for (auto& error : errors)  // the first bad file in file-name order
        if (error) std::rethrow_exception(error);
    return revisions;
}

RevisionSections revision_sections(const Revision& revision, std::string_view text) {
    try {
        check_text(text, revision.path);  // the file may have changed since the header was read
        return parse_sql_sections(text);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Script && std::string(e.what()).rfind(revision.path, 0) != 0)
            throw script_error(revision.path, e.what());
        throw;
    }
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
