// libFuzzer target: the header reader of Alembic .py revision files (docs/reference.md
// section 3): the assignments, their Python literals and the docstring.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "script_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto text = fuzz::as_text(data, size);
    fuzz::expect_only_user_errors([&] {
        migrate::Revision rev = migrate::parse_python_revision(text, "versions/fuzz.py");
        // whatever the header reader accepts is a valid revision id
        fuzz::check(fuzz::accepts([&] { migrate::validate_revision_id(rev.id, rev.path); }),
                    "an invalid revision id accepted");
        fuzz::check(rev.is_python, "a .py revision not marked as Python");
    });
    return 0;
}
