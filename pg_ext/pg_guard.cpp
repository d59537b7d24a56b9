#include "pg_guard.hpp"

#include <cstring>
#include <exception>
#include <new>

#include "pg_headers.hpp"

namespace migrate::pg {
namespace {

// Where caught ErrorData is copied: the memory context of the innermost SQL
// function call, which outlives the call's subtransactions and is freed with
// the statement.
MemoryContext error_copy_context = nullptr;

std::string message_of(ErrorData* data) { return data && data->message ? data->message : "unknown error"; }

// What a failed body leaves for the ERROR: plain data only, since the ERROR
// leaves guarded_entry by longjmp.
struct Failure {
    bool failed;
    ErrorData* data;  // a PostgreSQL error to raise again, or null
    int sqlstate;
    const char* message;
    const char* context;  // the core's Error::context (a revision file and line), or null
};

// Copies an exception's text into the function's memory context. With
// MCXT_ALLOC_NO_OOM the allocation returns NULL instead of raising, so this
// is safe inside a catch block.
const char* copy_message(const char* text) {
    std::size_t length = std::strlen(text);
    auto* copy = static_cast<char*>(MemoryContextAllocExtended(error_copy_context, length + 1, MCXT_ALLOC_NO_OOM));
    if (!copy) return "out of memory";
    std::memcpy(copy, text, length + 1);
    return copy;
}

int sqlstate_of(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage: return ERRCODE_INVALID_PARAMETER_VALUE;
        case ErrorKind::Revision: return ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
        case ErrorKind::Script: return ERRCODE_CONFIG_FILE_ERROR;
        case ErrorKind::Execution: return ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
        case ErrorKind::Permission: return ERRCODE_INSUFFICIENT_PRIVILEGE;
        case ErrorKind::Internal: return ERRCODE_INTERNAL_ERROR;
    }
    return ERRCODE_INTERNAL_ERROR;
}

// The PostgreSQL error behind `e`: e itself, or the cause the core nested in
// it when it added what it was doing (std::throw_with_nested).
ErrorData* postgres_cause(const Error& e) noexcept {
    if (auto* pg = dynamic_cast<const PgError*>(&e)) return pg->data();
    if (auto* nested = dynamic_cast<const std::nested_exception*>(&e)) {
        try {
            nested->rethrow_nested();
        } catch (const Error& inner) {
            return postgres_cause(inner);
        } catch (...) {
        }
    }
    return nullptr;
}

void fail(Failure* f, ErrorData* data, int sqlstate, const char* message, const char* context = "") noexcept {
    f->failed = true;
    f->data = data;
    f->sqlstate = sqlstate;
    f->message = copy_message(message);
    f->context = *context ? copy_message(context) : nullptr;
}

// `data`'s CONTEXT lines with `outer` after them, PostgreSQL's innermost-first
// order, in the current memory context; never raises.
char* append_context(const char* inner, const char* outer) {
    if (!inner) return const_cast<char*>(outer);
    std::size_t a = std::strlen(inner), b = std::strlen(outer);
    auto* out = static_cast<char*>(MemoryContextAllocExtended(CurrentMemoryContext, a + b + 2, MCXT_ALLOC_NO_OOM));
    if (!out) return const_cast<char*>(inner);
    std::memcpy(out, inner, a);
    out[a] = '\n';
    std::memcpy(out + a + 1, outer, b + 1);
    return out;
}

// Every C++ frame of a SQL function lives below this one.
Datum run_body(FunctionCallInfo fcinfo, Body body, Failure* f) noexcept {
    try {
        return body(fcinfo);
    } catch (const Error& e) {
        // The glue gives its own errors a SQLSTATE as their engine code.
        fail(f, postgres_cause(e), e.engine_code() ? e.engine_code() : sqlstate_of(e.kind()), e.what(),
             e.context().c_str());
    } catch (const std::bad_alloc&) {
        fail(f, nullptr, ERRCODE_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        fail(f, nullptr, ERRCODE_INTERNAL_ERROR, e.what());
    } catch (...) {
        fail(f, nullptr, ERRCODE_INTERNAL_ERROR, "unexpected C++ exception");
    }
    return 0;
}

[[noreturn]] void raise(const Failure& f) {
    if (f.data) {
        // A cancel or timeout is PostgreSQL's own error, not the step's.
        if (f.data->sqlerrcode != ERRCODE_QUERY_CANCELED) f.data->message = const_cast<char*>(f.message);
        if (f.context) f.data->context = append_context(f.data->context, f.context);
        ReThrowError(f.data);
    }
    if (f.context)
        ereport(ERROR, (errcode(f.sqlstate), errmsg_internal("%s", f.message), errcontext_msg("%s", f.context)));
    ereport(ERROR, (errcode(f.sqlstate), errmsg_internal("%s", f.message)));
    pg_unreachable();
}

}  // namespace

PgError::PgError(ErrorData* data)
    : Error(ErrorKind::Execution, message_of(data), data ? data->sqlerrcode : 0), data_(data) {}

void call_guarded(void (*fn)(void*) noexcept, void* arg) {
    MemoryContext context = CurrentMemoryContext;
    ErrorData* volatile data = nullptr;
    volatile bool failed = false;
    PG_TRY();
    {
        fn(arg);
    }
    PG_CATCH();
    {
        failed = true;
        // The copy must survive the rollback of the call's subtransaction.
        MemoryContextSwitchTo(error_copy_context ? error_copy_context : context);
        PG_TRY();
        {
            data = CopyErrorData();
        }
        PG_CATCH();
        {
            data = nullptr;  // out of memory while copying: report without the details
        }
        PG_END_TRY();
        FlushErrorState();
        MemoryContextSwitchTo(context);
    }
    PG_END_TRY();
    if (!failed) return;
    if (!data) throw Error(ErrorKind::Internal, "out of memory while reporting a PostgreSQL error");
    throw PgError(data);
}

std::uintptr_t guarded_entry(FunctionCallInfo fcinfo, Body body) {
    MemoryContext context = CurrentMemoryContext;
    MemoryContext outer_copy_context = error_copy_context;  // a step may call a migrate function
    error_copy_context = context;
    Failure failure{};
    Datum result = run_body(fcinfo, body, &failure);
    error_copy_context = outer_copy_context;
    if (!failure.failed) return result;
    MemoryContextSwitchTo(context);
    raise(failure);
}

}  // namespace migrate::pg
