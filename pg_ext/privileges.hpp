#pragma once
// Who may make the server read migration scripts (docs/reference.md section 8).

namespace migrate::pg {

// Throws a Permission error unless the current role is a superuser or has the
// privileges of pg_read_server_files: the scripts are files on the server.
// Reading the script store (script_source = database) needs none.
void require_script_access();
// The same for writing revision files: superuser or pg_write_server_files.
void require_script_write();

}  // namespace migrate::pg
