// load_revisions in a process that cannot create threads (at its thread
// limit): this executable's pthread_create refuses, as the C library does at
// the limit, and the loader must read every file on the calling thread. A
// std::thread that fails to start throws; before, the vector of started
// threads was destroyed still joinable and the process aborted.
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "error.hpp"
#include "script_loader.hpp"

namespace {

bool refuse_threads = false;
int refused = 0;

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

std::string sql_file(const std::string& id, const std::string& revises) {
    return "-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n-- migrate:upgrade\nSELECT 1;\n";
}

}  // namespace

extern "C" int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg) {
    if (refuse_threads) {
        ++refused;
        return EAGAIN;
    }
    using Real = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
    static auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "pthread_create"));
    return real(thread, attr, start, arg);
}

int main() {
    char dir_template[] = "/tmp/migrate-thread-limit-XXXXXX";
    const std::string dir = ::mkdtemp(dir_template);
    // Enough files for several reader threads.
    const int count = 3000;
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "%05d_r.sql", i);
        std::ofstream(dir + "/" + name) << sql_file("r" + std::to_string(i), i ? "r" + std::to_string(i - 1) : "");
    }
    refuse_threads = true;
    try {
        auto revisions = migrate::load_revisions(dir, 8);
        check(revisions.size() == static_cast<std::size_t>(count), "every file read");
        check(revisions.back().id == "r2999", "file-name order");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAILED: %s\n", e.what());
        ++failures;
    }
    check(refused > 0 || std::thread::hardware_concurrency() < 2, "a thread was asked for");
    // A bad file is still reported when no thread could start.
    std::ofstream(dir + "/01500_r.sql") << "-- no id\n";
    try {
        migrate::load_revisions(dir, 8);
        check(false, "a bad file was accepted");
    } catch (const migrate::Error& e) {
        check(std::string(e.what()).find("01500_r.sql") != std::string::npos, "the bad file is named");
    }
    refuse_threads = false;
    if (std::system(("rm -rf '" + dir + "'").c_str()) != 0) std::fprintf(stderr, "cannot remove %s\n", dir.c_str());
    if (failures == 0) std::printf("ok: %d thread creations refused, every file read on the calling thread\n", refused);
    return failures == 0 ? 0 : 1;
}
