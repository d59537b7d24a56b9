#pragma once
// Shared by the libFuzzer targets: what counts as a finding.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "error.hpp"

namespace fuzz {

// The readers may reject any input with a migrate::Error: that is their job.
// An Internal error is a broken invariant, so a finding; any other exception
// escapes, and libFuzzer reports the resulting abort as a crash.
template <typename Fn>
void expect_only_user_errors(Fn&& fn) {
    try {
        fn();
    } catch (const migrate::Error& e) {
        if (e.kind() == migrate::ErrorKind::Internal) {
            std::fprintf(stderr, "internal error: %s\n", e.what());
            std::abort();
        }
    }
}

// True when `fn` returns, false when it rejects its input with a migrate::Error.
template <typename Fn>
bool accepts(Fn&& fn) {
    try {
        fn();
        return true;
    } catch (const migrate::Error&) {
        return false;
    }
}

// A property the fuzzed code must keep; abort so that libFuzzer saves the input.
inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property violated: %s\n", what);
        std::abort();
    }
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz
