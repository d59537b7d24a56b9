#pragma once
// Arguments and results of the SQL functions, as C++ strings in UTF-8
// (encoding.hpp).
#include <cstdint>
#include <optional>
#include <string>

struct FunctionCallInfoBaseData;

namespace migrate::pg {

// The n-th (0-based) text argument; nullopt for NULL.
std::optional<std::string> text_argument(FunctionCallInfoBaseData* fcinfo, int n);
// The same, where NULL is a usage error naming `what`, as on SQLite.
std::string required_text_argument(FunctionCallInfoBaseData* fcinfo, int n, const char* what);

// A text Datum in the current memory context.
std::uintptr_t text_datum(const std::string& text);

}  // namespace migrate::pg
