// Preloaded after libasan into the sanitized test server only (tests/pg/
// cluster.sh, MIGRATE_PG_SERVER_PRELOAD; built by tests/pg/CMakeLists.txt
// under -DMIGRATE_SANITIZE=ON). Without it every `postgres` started with
// libasan preloaded hangs before main (also `postgres -V`, which initdb and
// pg_ctl run):
//
// libasan is preloaded but its constructor runs late, after those of the
// server's leaf libraries. libgpg-error's (postgres -> libsystemd ->
// libgcrypt -> libgpg-error) calls bindtextdomain, which write-locks glibc's
// _nl_state_lock and calls malloc; ASan's malloc then initializes ASan, whose
// Symbolizer::LateInitialize does dlsym(RTLD_DEFAULT, "swift_demangle") and,
// the symbol missing, dlerror(), which translates its message with dcgettext:
// a read lock of _nl_state_lock in the thread that holds it for writing. That
// corrupts the lock (reader count -1, writer bit left set) and the server's
// own bindtextdomain in main() waits on it forever.
//
// With a swift_demangle in the global scope that dlsym succeeds, so dlerror
// has no message to translate. ASan calls it only for Swift-mangled names
// ("_T", "$s"...), never for ours; returning null means "not demangled".
#include <cstddef>
#include <cstdint>

extern "C" __attribute__((visibility("default"))) char *swift_demangle(
    const char *, std::size_t, char *, std::size_t *, std::uint32_t) {
  return nullptr;
}
