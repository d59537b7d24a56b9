#pragma once
// Reads revision files: the header of native `.sql` files (docs/reference.md section 2), the
// header assignments of Alembic `.py` files (docs/reference.md section 3), and the upgrade
// and downgrade sections of a `.sql` file when a step needs them.
#include <sys/types.h>

#include <ctime>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "revision.hpp"

namespace migrate {

// Parses the header of a revision file's text; `path` names it in errors.
Revision parse_sql_revision(std::string_view text, const std::string& path);
Revision parse_python_revision(std::string_view text, const std::string& path);

// Splits a native file's text at its `-- migrate:upgrade` / `-- migrate:downgrade`
// directives (docs/reference.md section 2); throws naming `path` and the line
// for an unknown, repeated or misplaced directive or a missing upgrade one.
// parse_sql_revision checks the same, so a folder with such a file fails to
// load before anything runs.
RevisionSections parse_sql_sections(std::string_view text, const std::string& path);

// Whether a header line's text (after "--") is one of the `Key: value`
// fields rather than the message.
bool is_header_field(std::string_view line);

// Checks a revision id against docs/reference.md section 2; throws naming `path`.
void validate_revision_id(const std::string& id, const std::string& path);

// What identifies one state of a file: a rewrite changes the change time
// (which no user can set), a replacement the inode.
struct FileStamp {
    std::string name;
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified{};
    timespec changed{};

    bool operator==(const FileStamp& o) const {
        auto same = [](const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; };
        return name == o.name && device == o.device && inode == o.inode && size == o.size &&
               same(modified, o.modified) && same(changed, o.changed);
    }
};

// Every `.sql` and `.py` revision of `versions_dir`, in file-name order.
// Throws when the folder is missing or a file is malformed. `threads` > 1
// lets a large folder be read by that many threads. `poll`
// (Database::check_interrupts) is called now and then, on the calling thread
// only; what it throws ends the load. `stamps`, when given, receives each
// file's stamp, taken from the open file before it is read; `texts`, each
// file's text.
std::vector<Revision> load_revisions(const std::string& versions_dir, int threads = 1,
                                     const std::function<void()>& poll = {}, std::vector<FileStamp>* stamps = nullptr,
                                     std::vector<std::string>* texts = nullptr);

// The sections of one native revision, read again from its file.
RevisionSections load_sections(const Revision& revision);
// The sections of a native revision from its file's current text; errors
// name the revision's path.
RevisionSections revision_sections(const Revision& revision, std::string_view text);

// Whether a file of versions/ is a revision (*.sql, *.py; not hidden, not
// __init__.py), and its header read by its kind; `path` names it in errors.
bool is_revision_file_name(const std::string& name);
Revision parse_revision_file(const std::string& name, std::string_view text, const std::string& path);

// Whole-file read; throws an Error naming the path.
std::string read_file(const std::string& path);

}  // namespace migrate
