#pragma once
// Alembic's text for revisions (alembic/script/base.py, Script.log_entry and
// Script._head_only), as `history`, `heads`, `branches`, `current` and
// `show` print it.
#include <string>

#include "revision.hpp"

namespace migrate::cli {

struct Indicators {
    bool include_branches = false;
    bool include_doc = false;
    bool include_parents = false;
    bool tree_indicators = true;
    bool head_indicators = true;
    bool current = false;  // " (current)"
};

// One line: "a1 -> b2 (lib) (head), message" and its shorter forms.
std::string head_only(const Revision& rev, const Indicators& how);
// The verbose block: Rev:, Parent:/Merges:, Also depends on:, Branches into:,
// Branch names:, Path:, then the indented docstring.
std::string log_entry(const Revision& rev, bool current = false);
// Alembic's cmd_format.
std::string cmd_format(const Revision& rev, bool verbose, const Indicators& how);

}  // namespace migrate::cli
