#include "output.hpp"

#include <cstdio>
#include <vector>

namespace migrate::cli {
namespace {

std::vector<std::string>& secrets() {
    static std::vector<std::string> all;
    return all;
}

void write(std::FILE* stream, const std::string& text) {
    // One write per line: stderr is unbuffered, and a long run logs a line per step.
    std::string shown = redact(text) + '\n';
    std::fwrite(shown.data(), 1, shown.size(), stream);
}

}  // namespace

void add_secret(const std::string& secret) {
    if (!secret.empty()) secrets().push_back(secret);
}

std::string redact(std::string text) {
    for (const auto& secret : secrets())
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
            text.replace(at, secret.size(), "***");
    return text;
}

void log_line(const char* level, const char* logger, const std::string& message) {
    // Alembic's format: "%(levelname)-5.5s [%(name)s] %(message)s".
    char head[8];
    std::snprintf(head, sizeof head, "%-5.5s", level);
    write(stderr, std::string(head) + " [" + logger + "] " + message);
    std::fflush(stderr);
}

void info(const std::string& message) { log_line("INFO", "alembic.runtime.migration", message); }

void print(const std::string& text) { write(stdout, text); }

void failed(const std::string& message) {
    std::fflush(stdout);
    log_line("ERROR", "alembic.util.messaging", message);
    write(stderr, "FAILED: " + message);
}

}  // namespace migrate::cli
