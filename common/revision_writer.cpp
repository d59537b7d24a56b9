#include "revision_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstring>
#include <cwctype>
#include <random>

#include <fmt/format.h>

#include "command_errors.hpp"
#include "error.hpp"
#include "script_loader.hpp"
#include "text.hpp"

namespace migrate {
namespace {

constexpr const char* kBuiltinTemplate =
    "-- ${message}\n"
    "--\n"
    "-- Revision ID: ${up_revision}\n"
    "-- Revises: ${down_revision}\n"
    "-- Create Date: ${create_date}\n"
    "-- Branch Labels: ${branch_labels}\n"
    "-- Depends On: ${depends_on}\n"
    "\n"
    "-- migrate:upgrade\n"
    "${upgrades}\n"
    "-- migrate:downgrade\n"
    "${downgrades}\n";

bool file_exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

// Python's datetime.now() as str(): "2026-11-21 10:15:00.123456".
std::string create_date(std::time_t& seconds) {
    timeval tv{};
    ::gettimeofday(&tv, nullptr);
    seconds = tv.tv_sec;
    std::tm local{};
    ::localtime_r(&seconds, &local);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local);
    return fmt::format("{}.{:06d}", buf, static_cast<long>(tv.tv_usec));
}

// Python's \w and str.lower() for the slug, from the C library's Unicode
// tables (the C.UTF-8 locale): they agree on the letters and digits of every
// script and differ on a few combining marks and numeric symbols (², ½).
// Without that locale, non-ASCII characters are kept as they are.
locale_t unicode_ctype() {
    static const locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    return locale;
}

constexpr char32_t kReplacement = 0xFFFD;

// The code point at s[i], advancing i; a malformed byte is skipped as U+FFFD,
// which is no word character.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char lead = byte(i);
    int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > s.size()) {
        ++i;
        return length == 1 ? lead : kReplacement;
    }
    char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return kReplacement;
        }
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return c;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool is_word_char(char32_t c) {
    if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
    if (c == kReplacement) return false;
    locale_t locale = unicode_ctype();
    return locale ? ::iswalnum_l(static_cast<wint_t>(c), locale) != 0 : true;
}

char32_t to_lower(char32_t c) {
    if (c < 0x80) return static_cast<char32_t>(std::tolower(static_cast<int>(c)));
    locale_t locale = unicode_ctype();
    return locale ? static_cast<char32_t>(::towlower_l(static_cast<wint_t>(c), locale)) : c;
}

// A copy with only what the file says, for building a new graph.
Revision file_fields(const Revision& r) {
    Revision out;
    out.id = r.id;
    out.down_revisions = r.down_revisions;
    out.depends_on = r.depends_on;
    out.own_branch_labels = r.own_branch_labels;
    out.message = r.message;
    out.create_date = r.create_date;
    out.path = r.path;
    out.is_python = r.is_python;
    return out;
}

void write_all(int fd, const std::string& text, const std::string& path) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::Script, fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
        done += static_cast<std::size_t>(n);
    }
}

// Written under a hidden temporary name, then linked into place: the file
// appears whole or not at all, and never replaces an existing one.
void write_file_atomically(const std::string& dir, const std::string& name, const std::string& text) {
    std::string final_path = dir + "/" + name;
    std::string temp_path = fmt::format("{}/.{}.{}.tmp", dir, name, ::getpid());
    int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorKind::Script, fmt::format("{}: cannot create: {}", temp_path, std::strerror(errno)));
    try {
        // Readable by everyone who can read the folder, whatever the umask
        // (a PostgreSQL server's is 0077): the developer reads the revision
        // the server wrote. Group-writable in a group-writable folder.
        struct stat folder;
        const mode_t mode = ::stat(dir.c_str(), &folder) == 0 && (folder.st_mode & S_IWGRP) ? 0664 : 0644;
        if (::fchmod(fd, mode) != 0)
            throw Error(ErrorKind::Script, fmt::format("{}: cannot set its mode: {}", temp_path, std::strerror(errno)));
        write_all(fd, text, temp_path);
        if (::fsync(fd) != 0)
            throw Error(ErrorKind::Script, fmt::format("{}: cannot sync: {}", temp_path, std::strerror(errno)));
    } catch (...) {
        ::close(fd);
        ::unlink(temp_path.c_str());
        throw;
    }
    ::close(fd);
    if (::link(temp_path.c_str(), final_path.c_str()) != 0) {
        int err = errno;
        ::unlink(temp_path.c_str());
        throw Error(ErrorKind::Script, fmt::format("{}: cannot create: {}", final_path, std::strerror(err)));
    }
    ::unlink(temp_path.c_str());
}

}  // namespace

RevisionOptions parse_revision_options(const std::string& text) {
    RevisionOptions options;
    std::string_view rest = text;
    while (true) {
        rest = trim(rest);
        if (rest.empty()) break;
        std::size_t end = 0;
        while (end < rest.size() && !is_space(rest[end])) ++end;
        std::string_view token = rest.substr(0, end);
        rest = rest.substr(end);
        auto eq = token.find('=');
        if (eq == std::string_view::npos)
            throw Error(ErrorKind::Usage, fmt::format("revision option '{}' is not key=value", token));
        std::string key(token.substr(0, eq));
        std::string value(token.substr(eq + 1));
        if (key == "head") {
            options.heads = split_list(value);
            if (options.heads.empty()) options.heads = {"head"};
        } else if (key == "splice") {
            std::string v = lower(value);
            if (v != "true" && v != "false")
                throw Error(ErrorKind::Usage, fmt::format("revision option splice must be true or false, not '{}'", value));
            options.splice = v == "true";
        } else if (key == "branch_label") {
            options.branch_labels = split_list(value);
        } else if (key == "depends_on") {
            options.depends_on = split_list(value);
        } else if (key == "rev_id") {
            options.rev_id = value;
        } else {
            throw Error(ErrorKind::Usage,
                        fmt::format("unknown revision option '{}'; the options are head, splice, branch_label, "
                                    "depends_on, rev_id",
                                    key));
        }
    }
    return options;
}

// Alembic's `"_".join(re.findall(r"\w+", message)).lower()`, cut to
// truncate_slug_length code points at the last underscore.
std::string make_slug(const std::string& message, int truncate_slug_length) {
    std::u32string slug;
    bool in_word = false;
    for (std::size_t i = 0; i < message.size();) {
        char32_t c = next_code_point(message, i);
        if (!is_word_char(c)) {
            in_word = false;
            continue;
        }
        if (!in_word && !slug.empty()) slug += U'_';
        in_word = true;
        slug += to_lower(c);
    }
    // As Alembic's "truncate_slug_length or 40": 0 means the default.
    const std::size_t limit = truncate_slug_length > 0 ? static_cast<std::size_t>(truncate_slug_length) : 40;
    if (slug.size() > limit) {
        slug.resize(limit);
        auto underscore = slug.rfind(U'_');
        if (underscore != std::u32string::npos) slug.resize(underscore);
        slug += U'_';
    }
    std::string out;
    for (char32_t c : slug) append_utf8(out, c);
    return out;
}

// Python's %-formatting over Alembic's tokens: %(rev)s, %(month).2d, %%.
std::string render_file_template(const std::string& file_template, const std::string& rev, const std::string& slug,
                                 std::time_t when) {
    std::tm t{};
    ::localtime_r(&when, &t);
    const std::map<std::string, long> numbers = {
        {"epoch", static_cast<long>(when)}, {"year", t.tm_year + 1900}, {"month", t.tm_mon + 1},
        {"day", t.tm_mday},                 {"hour", t.tm_hour},        {"minute", t.tm_min},
        {"second", t.tm_sec},
    };
    auto bad = [&](const std::string& why) {
        return Error(ErrorKind::Usage, fmt::format("file_template '{}': {}", file_template, why));
    };
    std::string out;
    for (std::size_t i = 0; i < file_template.size(); ++i) {
        char c = file_template[i];
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 1 < file_template.size() && file_template[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        if (i + 1 >= file_template.size() || file_template[i + 1] != '(') throw bad("expected %(name)s");
        auto close = file_template.find(')', i);
        if (close == std::string::npos) throw bad("unclosed %(");
        std::string name = file_template.substr(i + 2, close - i - 2);
        std::size_t j = close + 1;
        std::string flags;
        while (j < file_template.size() && std::strchr("-0 +#", file_template[j])) flags += file_template[j++];
        int width = 0, precision = -1;
        while (j < file_template.size() && std::isdigit(static_cast<unsigned char>(file_template[j])))
            width = width * 10 + (file_template[j++] - '0');
        if (j < file_template.size() && file_template[j] == '.') {
            precision = 0;
            ++j;
            while (j < file_template.size() && std::isdigit(static_cast<unsigned char>(file_template[j])))
                precision = precision * 10 + (file_template[j++] - '0');
        }
        if (j >= file_template.size() || !std::strchr("sdi", file_template[j])) throw bad("unsupported conversion");
        char conversion = file_template[j];
        std::string value;
        if (name == "rev" || name == "slug") {
            if (conversion != 's') throw bad(fmt::format("%({}) needs the s conversion", name));
            value = name == "rev" ? rev : slug;
            if (precision >= 0 && value.size() > static_cast<std::size_t>(precision)) value.resize(precision);
        } else {
            auto it = numbers.find(name);
            if (it == numbers.end()) throw bad(fmt::format("unknown token '{}'", name));
            value = std::to_string(it->second);
            if (conversion != 's' && precision > 0 && value.size() < static_cast<std::size_t>(precision))
                value.insert(0, precision - value.size(), '0');
        }
        if (value.size() < static_cast<std::size_t>(width)) {
            bool left = flags.find('-') != std::string::npos;
            char pad = (flags.find('0') != std::string::npos && conversion != 's' && !left) ? '0' : ' ';
            if (left)
                value.append(width - value.size(), ' ');
            else
                value.insert(0, width - value.size(), pad);
        }
        out += value;
        i = j;
    }
    return out;
}

std::string random_revision_id() {
    std::random_device device;  // /dev/urandom on Linux, as uuid4()
    std::string id;
    static const char* hex = "0123456789abcdef";
    while (id.size() < 12) {
        unsigned value = device();
        for (int k = 0; k < 8 && id.size() < 12; ++k, value >>= 4) id += hex[value & 15];
    }
    return id;
}

std::string render_template(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        auto start = text.find("${", pos);
        if (start == std::string::npos) break;
        auto end = text.find('}', start);
        if (end == std::string::npos) break;
        std::string name = text.substr(start + 2, end - start - 2);
        auto it = values.find(name);
        if (it == values.end())
            throw Error(ErrorKind::Script,
                        fmt::format("script.sql.tmpl: unknown placeholder '${{{}}}'; the placeholders are "
                                    "message, up_revision, down_revision, create_date, branch_labels, depends_on, "
                                    "upgrades, downgrades",
                                    name));
        out.append(text, pos, start - pos);
        out += it->second;
        pos = end + 1;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::string write_revision(const RevisionGraph& graph, const WriterSettings& settings, const NewRevision& input) {
    const RevisionOptions& options = input.options;
    const std::string rev_id = options.rev_id.empty() ? random_revision_id() : options.rev_id;
    validate_revision_id(rev_id, "rev_id");
    if (graph.find(rev_id)) throw revision_error(fmt::format("Revision {} is present more than once", rev_id));

    std::vector<Node> heads = with_command_errors(
        "",
        "Multiple heads are present; please specify the head revision on which the new revision should be based, "
        "or perform a merge.",
        "", [&] { return graph.get_revisions(RevSpec::many(options.heads)); });
    std::vector<std::string> down_revisions;
    for (Node h : heads) {
        if (h == kWalkedPastBase) throw revision_error("the head of a new revision cannot be below base");
        if (!h) continue;
        for (const auto& seen : down_revisions)
            if (seen == h->id) throw revision_error("Duplicate head revisions specified");
        down_revisions.push_back(h->id);
    }
    // After the duplicates, as Alembic checks them first.
    for (Node h : heads) {
        if (h && !options.splice && !h->is_head())
            throw revision_error(fmt::format("Revision {} is not a head revision; please specify --splice to create "
                                             "a new branch from this revision (option splice=true)",
                                             h->id));
    }
    std::vector<std::string> depends_on;
    for (const auto& dep : options.depends_on) {
        Node rev = with_command_errors("", "", "", [&] { return graph.get_revision(dep); });
        if (!rev || rev == kWalkedPastBase) throw revision_error(fmt::format("Can't locate revision identified by '{}'", dep));
        depends_on.push_back(rev->branch_labels.count(dep) ? dep : rev->id);  // keep labels, resolve prefixes
    }

    std::time_t now = 0;
    std::string date = create_date(now);
    // As Alembic without -m: the header says "empty message", the slug is empty.
    std::string message = input.message.empty() ? "empty message" : input.message;
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    // The header has no escape: such a message would be read back as a field.
    if (is_header_field(trim(message)))
        throw Error(ErrorKind::Usage,
                    fmt::format("the message '{}' would be read as a header field; reword it", printable(message)));
    std::string versions_dir = settings.script_location + "/versions";
    std::string file_name =
        render_file_template(settings.file_template, rev_id, make_slug(input.message, settings.truncate_slug_length),
                             now) +
        ".sql";
    // Nothing a message, id or template holds may lead out of versions/.
    if (file_name.find('/') != std::string::npos || file_name.find('\0') != std::string::npos || file_name[0] == '.')
        throw Error(ErrorKind::Usage,
                    fmt::format("the new revision's file name '{}' would leave the versions folder", printable(file_name)));
    std::string path = versions_dir + "/" + file_name;
    if (file_exists(path)) throw Error(ErrorKind::Script, fmt::format("{}: a file of that name already exists", path));

    std::string template_path = settings.script_location + "/script.sql.tmpl";
    std::string template_text = file_exists(template_path) ? read_file(template_path) : kBuiltinTemplate;
    std::string text = render_template(template_text, {
                                                          {"message", message},
                                                          {"up_revision", rev_id},
                                                          {"down_revision", join(down_revisions, ", ")},
                                                          {"create_date", date},
                                                          {"branch_labels", join(options.branch_labels, ", ")},
                                                          {"depends_on", join(depends_on, ", ")},
                                                          {"upgrades", input.upgrade_sql},
                                                          {"downgrades", input.downgrade_sql},
                                                      });

    // The file must read back as the revision asked for, and the graph with
    // it must stay valid (a label clash, say), before anything is written.
    Revision parsed = parse_sql_revision(text, path);
    if (parsed.id != rev_id || parsed.down_revisions != down_revisions ||
        parsed.own_branch_labels != options.branch_labels || parsed.depends_on != depends_on)
        throw Error(ErrorKind::Script,
                    fmt::format("{}: the rendered revision does not carry its header (Revision ID, Revises, Branch "
                                "Labels, Depends On); check script.sql.tmpl",
                                path));
    std::vector<Revision> all;
    all.reserve(graph.revisions().size() + 1);
    for (const auto& r : graph.revisions()) all.push_back(file_fields(*r));
    all.push_back(std::move(parsed));
    RevisionGraph check(std::move(all));

    write_file_atomically(versions_dir, file_name, text);
    return path;
}

}  // namespace migrate
