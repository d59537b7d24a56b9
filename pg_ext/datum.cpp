#include "datum.hpp"

#include "encoding.hpp"
#include "error.hpp"
#include "pg_guard.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {

std::optional<std::string> text_argument(FunctionCallInfo fcinfo, int n) {
    if (n >= PG_NARGS() || PG_ARGISNULL(n)) return std::nullopt;
    // Detoasting can raise, so it runs under the guard.
    text* value = pg_call([&] { return PG_GETARG_TEXT_PP(n); });
    return to_utf8(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

std::string required_text_argument(FunctionCallInfo fcinfo, int n, const char* what) {
    auto value = text_argument(fcinfo, n);
    if (!value) throw Error(ErrorKind::Usage, std::string(what) + " must not be NULL");
    return *value;
}

std::uintptr_t text_datum(const std::string& utf8) {
    const std::string s = to_server(utf8);
    return pg_call([&] { return PointerGetDatum(cstring_to_text_with_len(s.data(), static_cast<int>(s.size()))); });
}

}  // namespace migrate::pg
