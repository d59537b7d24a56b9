#pragma once
// Every SQLite callback of the extension runs its body through `guarded`: no
// C++ exception ever unwinds into SQLite's C frames.
#include "sqlite_api.hpp"

#include <new>
#include <string>

#include "error.hpp"

namespace migrate::sqlite {

// Runs `body`; returns SQLITE_OK, or the error code with its text in `message`.
template <typename Body>
int guarded(Body&& body, std::string& message) noexcept {
    try {
        body();
        return SQLITE_OK;
    } catch (const Error& e) {
        message = e.what();
        return e.engine_code() ? e.engine_code() : SQLITE_ERROR;
    } catch (const std::bad_alloc&) {
        message = "out of memory";
        return SQLITE_NOMEM;
    } catch (const std::exception& e) {
        message = e.what();
        return SQLITE_ERROR;
    } catch (...) {
        message = "unexpected error";
        return SQLITE_ERROR;
    }
}

// For SQL functions: the error becomes the statement's error.
template <typename Body>
void guarded(sqlite3_context* ctx, Body&& body) noexcept {
    std::string message;
    int rc = guarded(std::forward<Body>(body), message);
    if (rc == SQLITE_OK) return;
    if (rc == SQLITE_NOMEM) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_error(ctx, message.c_str(), -1);
    sqlite3_result_error_code(ctx, rc);
}

// For virtual-table methods: the error goes to the table's zErrMsg.
template <typename Body>
int guarded(sqlite3_vtab* vtab, Body&& body) noexcept {
    std::string message;
    int rc = guarded(std::forward<Body>(body), message);
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
        sqlite3_free(vtab->zErrMsg);
        vtab->zErrMsg = sqlite3_mprintf("%s", message.c_str());
    }
    return rc;
}

}  // namespace migrate::sqlite
