#pragma once
// The boundary between C++ and PostgreSQL, both ways.
//
// PostgreSQL reports errors with longjmp, C++ with exceptions, and neither may
// cross the other's frames: a longjmp over a live C++ object skips its
// destructor, an exception through PostgreSQL's C frames is undefined.
//
// - C++ calling PostgreSQL: every call that can raise an ERROR goes through
//   `pg_call`, which catches the ERROR in its own frame and throws it again as
//   a PgError carrying PostgreSQL's ErrorData.
// - PostgreSQL calling C++: every SQL function runs its C++ body through
//   `guarded_entry`, which catches every exception and raises it as an ERROR
//   only after the body's frames (and so every destructor) are gone.
//
// This header stays free of postgres.h: PostgreSQL's types appear only as
// forward declarations.
#include <cstdint>
#include <type_traits>

#include "error.hpp"

struct ErrorData;
struct FunctionCallInfoBaseData;

namespace migrate::pg {

// A PostgreSQL ERROR caught by pg_call. It keeps the ErrorData (SQLSTATE,
// detail, hint, context) so that the SQL function raises it again unchanged
// but for the message, which the core may have prefixed with what it was
// doing.
class PgError : public Error {
public:
    explicit PgError(ErrorData* data);
    ErrorData* data() const noexcept { return data_; }

private:
    ErrorData* data_;  // in the SQL function's memory context: it outlives the call's subtransactions
};

// Runs fn(arg), turning a PostgreSQL ERROR into a thrown PgError.
void call_guarded(void (*fn)(void*) noexcept, void* arg);

// Runs `body`, a lambda of PostgreSQL calls, under the guard and returns its
// result. The frames the ERROR would jump over are the body's own: it must
// hold no object with a destructor and must not throw. Capture by reference;
// the static_asserts catch the usual slips (a std::string captured by value,
// a std::string result).
template <typename Body>
auto pg_call(Body&& body) {
    using Fn = std::remove_reference_t<Body>;
    using Result = decltype(body());
    static_assert(std::is_trivially_destructible_v<Fn>, "a pg_call body must own no C++ object");
    if constexpr (std::is_void_v<Result>) {
        call_guarded([](void* fn) noexcept { (*static_cast<Fn*>(fn))(); }, &body);
    } else {
        static_assert(std::is_trivially_destructible_v<Result>, "a pg_call body must return plain data");
        struct Call {
            Fn* fn;
            Result result;
        } call{&body, Result{}};
        call_guarded([](void* c) noexcept {
            auto* self = static_cast<Call*>(c);
            self->result = (*self->fn)();
        }, &call);
        return call.result;
    }
}

// The C++ half of a SQL function: reads its arguments from fcinfo, returns
// its Datum, reports failure by throwing.
using Body = std::uintptr_t (*)(FunctionCallInfoBaseData* fcinfo);

// Runs `body` for a SQL function and returns its Datum; any exception becomes
// an ERROR: a PgError (also as the nested cause of a core Error) is raised
// again with its own SQLSTATE, detail and context under the core's message;
// another core Error with the SQLSTATE in its engine code, else that of its
// kind. A cancelled statement (query_canceled) keeps PostgreSQL's message.
std::uintptr_t guarded_entry(FunctionCallInfoBaseData* fcinfo, Body body);

}  // namespace migrate::pg

// Defines the SQL-callable C function `name` over a Body. Expand it in a glue
// file that includes pg_headers.hpp.
// The module is built with -fvisibility=hidden and a version script
// (pg_ext/exports.map): only these entry points are exported.
#define MIGRATE_SQL_FUNCTION(name, body)                                                         \
    _Pragma("GCC visibility push(default)")                                                      \
    extern "C" {                                                                                 \
    PG_FUNCTION_INFO_V1(name);                                                                   \
    Datum name(PG_FUNCTION_ARGS) { return ::migrate::pg::guarded_entry(fcinfo, body); }          \
    }                                                                                            \
    _Pragma("GCC visibility pop")
