#pragma once
// Why the engine would not do what was asked. A value, returned, never thrown: the edges turn
// it into a 409/422/403 or a line in a scenario test. The message text is rendered at the edge
// from the message catalogue; a rule's refusal points at the rule itself (its kind, its wording
// and the seed section it cites).
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"

namespace meldpunt::cases {

enum class RefusalKind {
    unknown_kind,  // the procedure has no such kind of case
    unknown_unit,
    channel_not_accepted,  // this kind cannot be filed through this channel
    unknown_action,        // the procedure has no such action
    not_allowed_in_stage,  // the action exists but not from the case's stage (or for its kind)
    not_permitted,         // the actor's roles may not take this action
    missing_field,
    invalid_field,
    invalid_state,  // e.g. resume while nothing is paused
    rule_violated,  // a procedure rule refuses it
};

struct Refusal {
    RefusalKind kind;
    std::string subject;               // the action, field, kind ... the refusal is about
    std::vector<std::string> details;  // message arguments (e.g. the earliest allowed day)
    // For rule_violated: the refusing rule, in the procedure the engine was given (which outlives
    // every refusal the engine returns).
    const procedure::Rule* rule = nullptr;

    static Refusal unknown_kind(std::string kind);
    static Refusal unknown_unit(std::string unit);
    static Refusal channel_not_accepted(std::string channel, std::string kind);
    static Refusal unknown_action(std::string action);
    static Refusal not_allowed_in_stage(std::string action, std::string stage);
    static Refusal not_permitted(std::string action);
    static Refusal missing_field(std::string field);
    // `reason`: a message argument such as "not_an_option" or "before_receipt".
    static Refusal invalid_field(std::string field, std::string reason);
    static Refusal invalid_state(std::string action, std::vector<std::string> details);
    static Refusal rule_violated(const procedure::Rule& rule, std::vector<std::string> details = {});

    // The refusing rule's kind as named in procedure files; empty for other refusals.
    std::string rule_id() const;
};

// Stable machine name: "rule_violated" ...
const char* refusal_code(RefusalKind kind);

}  // namespace meldpunt::cases
