#pragma once
// Alembic's _catch_revision_errors: the resolver's exceptions become the
// messages of the command that called it.
#include <string>

#include <fmt/format.h>

#include "revision_graph.hpp"

namespace migrate {

// `ancestor_message` may use {end}; empty messages take Alembic's defaults.
template <typename Fn>
auto with_command_errors(const std::string& ancestor_message, const std::string& multiple_heads_message,
                         const std::string& end, Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const RangeNotAncestor& e) {
        if (!ancestor_message.empty()) throw revision_error(fmt::format(ancestor_message, fmt::arg("end", end)));
        throw revision_error(fmt::format(
            "Requested range {}:{} does not refer to ancestor/descendant revisions along the same branch", e.lower,
            e.upper));
    } catch (const MultipleHeads& e) {
        if (!multiple_heads_message.empty()) throw revision_error(multiple_heads_message);
        throw revision_error(fmt::format(
            "Multiple head revisions are present for given argument '{0}'; please specify a specific target "
            "revision, '<branchname>@{0}' to narrow to a specific head, or 'heads' for all heads",
            end.empty() ? e.argument : end));
    } catch (const ResolutionError& e) {
        throw revision_error(fmt::format("Can't locate revision identified by '{}'", e.argument));
    }
}

}  // namespace migrate
