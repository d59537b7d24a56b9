#include "privileges.hpp"

#include "error.hpp"
#include "gucs.hpp"
#include "pg_guard.hpp"

#include "pg_headers.hpp"

namespace migrate::pg {

void require_script_access() {
    // The script store is a table: its own privileges guard it.
    if (session_settings().reads_store()) return;
    // has_privs_of_role is true for superusers.
    if (pg_call([] { return has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES); })) return;
    throw Error(ErrorKind::Permission,
                "permission denied to read migration scripts: must be superuser or have privileges of the "
                "pg_read_server_files role");
}

void require_script_write() {
    if (pg_call([] { return has_privs_of_role(GetUserId(), ROLE_PG_WRITE_SERVER_FILES); })) return;
    throw Error(ErrorKind::Permission,
                "permission denied to write migration scripts: must be superuser or have privileges of the "
                "pg_write_server_files role");
}

}  // namespace migrate::pg
