#pragma once
// libpq's entry points the command line calls, loaded with dlopen the first
// time a PostgreSQL URL is used: linking libpq would load it and its
// dependencies (Kerberos, LDAP, TLS: some twenty libraries) into every run,
// which costs a command that never connects (--help, heads, SQLite) about
// half of its startup time.
#include <libpq-fe.h>

namespace migrate::cli {

#define MIGRATE_LIBPQ_FUNCTIONS(X)                                                                          \
    X(PQclear) X(PQcmdStatus) X(PQconnectdbParams) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQfinish) \
    X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQnfields) X(PQntuples) X(PQresultErrorField)           \
    X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus) X(PQtransactionStatus)

struct Libpq {
#define MIGRATE_LIBPQ_POINTER(name) decltype(&::name) name;
    MIGRATE_LIBPQ_FUNCTIONS(MIGRATE_LIBPQ_POINTER)
#undef MIGRATE_LIBPQ_POINTER
};

// Loads the library once; throws an Error naming it when it or one of its
// functions cannot be found.
const Libpq& libpq();

}  // namespace migrate::cli
