#pragma once
// Who may make the server read and write migration scripts
// (docs/reference.md section 8). EXECUTE on the functions is revoked from
// PUBLIC; a role that has it may read files when it is a superuser or has
// pg_read_server_files (writing: pg_write_server_files), or when they lie
// inside one of the folders of the superuser-only setting
// migrate.script_roots. Paths are compared after resolving symlinks and
// `..`; a refusal is SQLSTATE 42501.
#include <string>

#include "settings.hpp"

namespace migrate::pg {

// The script location (and, with `target_schema`, the target schema) may be
// read. Call it before anything reads migrate.ini. Reading the script store
// (script_source = database) needs none of this.
void require_script_read(const Settings& settings, bool target_schema = false);
// Revision files may be written into the script location's versions/.
void require_script_write(const Settings& settings);

}  // namespace migrate::pg
