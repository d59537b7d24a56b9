#pragma once
// SHA-256 (FIPS 180-4), for the checksums of applied scripts.
#include <string>
#include <string_view>

namespace migrate {

// Lowercase hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace migrate
