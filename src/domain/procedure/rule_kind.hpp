#pragma once
// The kinds of rule a procedure file may use, parsed once from the file's `kind = "..."`.
//
// Adding a kind: one file domain/rules/<kind>.cpp that defines `<kind>_rule()` (its parameters,
// validation and engine hooks, see rule_definition.hpp) and one line in this list.
#include <optional>
#include <string_view>
#include <vector>

// X(id): the kind's name in procedure files and in refusals.
#define MELDPUNT_RULE_KINDS(X) \
    X(handler_not_subject)     \
    X(anonymous_is_signal)     \
    X(lapse)                   \
    X(unreachable_ends_case)   \
    X(confirm_in_writing)      \
    X(confirm_when_possible)   \
    X(shared_documents_only)   \
    X(extension_before_due)    \
    X(handler_required)        \
    X(retention)

namespace meldpunt::rules {

enum class RuleKind {
#define MELDPUNT_RULE_ENUM(id) id,
    MELDPUNT_RULE_KINDS(MELDPUNT_RULE_ENUM)
#undef MELDPUNT_RULE_ENUM
};

// Every kind, in the order above (the engine runs intake hooks in this order: an anonymous
// complaint becomes a signal before the lapse of the right to complain is considered).
const std::vector<RuleKind>& all_rule_kinds();

std::optional<RuleKind> parse_rule_kind(std::string_view id);
std::string_view rule_kind_id(RuleKind kind);

}  // namespace meldpunt::rules
