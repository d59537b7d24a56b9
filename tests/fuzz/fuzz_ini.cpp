// libFuzzer target: the migrate.ini reader (docs/reference.md section 5).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(fuzz::as_text(data, size));
    fuzz::expect_only_user_errors([&] {
        for (const auto& setting : migrate::parse_ini(text, "migrations/migrate.ini")) {
            // every setting the reader returns is one the settings accept
            fuzz::check(migrate::Settings::is_key(setting.first), "an unknown key read from migrate.ini");
            fuzz::check(fuzz::accepts([&] { migrate::Settings::validate(setting.first, setting.second); }),
                        "an invalid value read from migrate.ini");
        }
    });
    return 0;
}
