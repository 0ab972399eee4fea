#pragma once
// Why the engine would not do what was asked. A value, returned, never thrown: the edges turn
// it into a 409/422/403 or a line in a scenario test. The message text is rendered at the edge
// from the message catalogue; `rule` and `source` point at the procedure file's rule and the
// seed section it cites.
#include <string>
#include <vector>

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
    std::string rule;                  // rule kind, for rule_violated
    std::string source;                // seed citation of that rule
    std::vector<std::string> details;  // message arguments (e.g. the earliest allowed day)
};

// Stable machine name: "rule_violated" ...
const char* refusal_code(RefusalKind kind);

}  // namespace meldpunt::cases
