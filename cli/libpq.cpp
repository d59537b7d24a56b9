#include "libpq.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "error.hpp"

namespace migrate::cli {
namespace {

// libpq's soname, the same since PostgreSQL 8.0.
constexpr const char* kLibrary = "libpq.so.5";

Libpq load() {
    void* handle = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        throw Error(ErrorKind::Execution,
                    fmt::format("cannot load {} for a PostgreSQL connection: {} (install libpq5)", kLibrary, dlerror()));
    Libpq pq{};
    auto symbol = [&](const char* name) {
        void* address = dlsym(handle, name);
        if (!address) throw Error(ErrorKind::Execution, fmt::format("{} has no function {}", kLibrary, name));
        return address;
    };
#define MIGRATE_LIBPQ_LOAD(name) pq.name = reinterpret_cast<decltype(pq.name)>(symbol(#name));
    MIGRATE_LIBPQ_FUNCTIONS(MIGRATE_LIBPQ_LOAD)
#undef MIGRATE_LIBPQ_LOAD
    return pq;  // the handle stays open for the process's life
}

}  // namespace

const Libpq& libpq() {
    static const Libpq pq = load();
    return pq;
}

}  // namespace migrate::cli
