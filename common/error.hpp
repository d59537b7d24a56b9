#pragma once
// The one exception type of the core. Each engine maps `kind` to its own error
// reporting (SQLite: result code; PostgreSQL: SQLSTATE).
#include <stdexcept>
#include <string>

namespace migrate {

enum class ErrorKind {
    Usage,       // bad argument: unknown setting, malformed target
    Revision,    // identifier resolution and graph errors (Alembic's CommandError)
    Script,      // a revision file that cannot be read or parsed
    Execution,   // the database rejected a step's SQL
    Permission,  // the caller may not read or write the script location
    Internal,    // a broken invariant: a bug of ours, reported instead of crashing
};

class Error : public std::runtime_error {
public:
    // `engine_code` carries an engine's own error code through the core
    // (SQLite's SQLITE_BUSY, say) so that the caller sees it unchanged.
    Error(ErrorKind kind, const std::string& message, int engine_code = 0)
        : std::runtime_error(message), kind_(kind), engine_code_(engine_code) {}
    ErrorKind kind() const noexcept { return kind_; }
    int engine_code() const noexcept { return engine_code_; }
    // Where the error happened (a revision file and line), for engines that
    // report it apart from the message (PostgreSQL's CONTEXT).
    const std::string& context() const noexcept { return context_; }
    void set_context(std::string context) { context_ = std::move(context); }

private:
    ErrorKind kind_;
    int engine_code_;
    std::string context_;
};

// Alembic's RevisionError/CommandError family: the text is Alembic's own.
inline Error revision_error(const std::string& message) {
    return Error(ErrorKind::Revision, message);
}

}  // namespace migrate
