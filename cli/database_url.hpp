#pragma once
// Database URLs in SQLAlchemy's forms: sqlite:///relative.db,
// sqlite:////absolute.db, sqlite:// (in memory), and
// postgresql[+driver]://user:password@host:port/dbname?key=value, where any
// part may be left out for libpq's environment (PGHOST, PGUSER, ...) and
// query keys are libpq connection keywords (?host=/var/run/postgresql).
#include <string>
#include <utility>
#include <vector>

namespace migrate::cli {

struct DatabaseUrl {
    enum class Dialect { Sqlite, Postgresql };
    Dialect dialect = Dialect::Sqlite;
    std::string sqlite_path;  // ":memory:" for an in-memory database
    // libpq keywords and values, in the order given.
    std::vector<std::pair<std::string, std::string>> pq_params;
    std::string password;  // empty when none is given
    std::string display;   // the URL with the password as ***, as Alembic prints it

    const char* dialect_name() const { return dialect == Dialect::Sqlite ? "sqlite" : "postgresql"; }
};

// Parses `url`; an error message never holds the password.
DatabaseUrl parse_database_url(const std::string& url);

}  // namespace migrate::cli
