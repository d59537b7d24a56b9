#pragma once
// What the command line prints, in Alembic's words: log lines on stderr
// (`INFO  [alembic.runtime.migration] Running upgrade  -> a1, message`),
// results on stdout, `FAILED: <message>` on stderr. Every text passes through
// `redact`, so a password the process knows never reaches the screen.
#include <string>

namespace migrate::cli {

// Remembers a secret (a database password) that no output may show.
void add_secret(const std::string& secret);
// `text` with every known secret replaced by ***.
std::string redact(std::string text);

// One log line on stderr: `level` INFO or ERROR, `logger` Alembic's logger
// name (alembic.runtime.migration).
void log_line(const char* level, const char* logger, const std::string& message);
void info(const std::string& message);  // INFO  [alembic.runtime.migration] ...
// One line (or block) on stdout.
void print(const std::string& text);
// Alembic's util.err: the ERROR log line and `FAILED: message`.
void failed(const std::string& message);

}  // namespace migrate::cli
