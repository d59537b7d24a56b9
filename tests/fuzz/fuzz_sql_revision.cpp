// libFuzzer target: the native revision file reader (docs/reference.md section 2), its
// header and its upgrade/downgrade sections.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "script_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto text = fuzz::as_text(data, size);
    fuzz::expect_only_user_errors([&] {
        migrate::Revision rev = migrate::parse_sql_revision(text, "versions/fuzz.sql");
        // whatever the header reader accepts is a valid revision id
        fuzz::check(fuzz::accepts([&] { migrate::validate_revision_id(rev.id, rev.path); }),
                    "an invalid revision id accepted");
        fuzz::check(!rev.is_python, "a .sql revision marked as Python");
    });
    fuzz::expect_only_user_errors([&] {
        migrate::RevisionSections sections = migrate::parse_sql_sections(text, "versions/fuzz.sql");
        // each section is lines of the input, one "\n" per line end at most
        fuzz::check(sections.upgrade.size() + sections.downgrade.size() <= size + 1,
                    "sections longer than the file");
    });
    return 0;
}
