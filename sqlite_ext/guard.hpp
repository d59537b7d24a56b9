#pragma once
// Every SQLite callback of the extension runs its body through `guarded`: no
// C++ exception ever unwinds into SQLite's C frames.
#include "sqlite_api.hpp"

#include <exception>
#include <new>

#include "error.hpp"

namespace migrate::sqlite {

// Runs `body`; on an exception calls report(code, message) while the
// exception is alive, so that the message is handed to SQLite (which copies
// it) without a C++ allocation that could throw inside this noexcept frame.
template <typename Body, typename Report>
int guarded(Body&& body, Report&& report) noexcept {
    try {
        body();
        return SQLITE_OK;
    } catch (const Error& e) {
        const int rc = e.engine_code() ? e.engine_code() : SQLITE_ERROR;
        report(rc, e.what());
        return rc;
    } catch (const std::bad_alloc&) {
        report(SQLITE_NOMEM, "out of memory");
        return SQLITE_NOMEM;
    } catch (const std::exception& e) {
        report(SQLITE_ERROR, e.what());
        return SQLITE_ERROR;
    } catch (...) {
        report(SQLITE_ERROR, "unexpected error");
        return SQLITE_ERROR;
    }
}

// For SQL functions: the error becomes the statement's error.
template <typename Body>
void guarded(sqlite3_context* ctx, Body&& body) noexcept {
    guarded(std::forward<Body>(body), [ctx](int rc, const char* message) noexcept {
        if (rc == SQLITE_NOMEM) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        sqlite3_result_error(ctx, message, -1);
        sqlite3_result_error_code(ctx, rc);
    });
}

// For virtual-table methods: the error goes to the table's zErrMsg.
template <typename Body>
int guarded(sqlite3_vtab* vtab, Body&& body) noexcept {
    return guarded(std::forward<Body>(body), [vtab](int rc, const char* message) noexcept {
        if (rc == SQLITE_NOMEM) return;
        sqlite3_free(vtab->zErrMsg);
        vtab->zErrMsg = sqlite3_mprintf("%s", message);
    });
}

}  // namespace migrate::sqlite
