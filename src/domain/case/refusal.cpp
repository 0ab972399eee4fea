#include "domain/case/refusal.hpp"

namespace meldpunt::cases {

const char* refusal_code(RefusalKind kind) {
    switch (kind) {
        case RefusalKind::unknown_kind:
            return "unknown_kind";
        case RefusalKind::unknown_unit:
            return "unknown_unit";
        case RefusalKind::channel_not_accepted:
            return "channel_not_accepted";
        case RefusalKind::unknown_action:
            return "unknown_action";
        case RefusalKind::not_allowed_in_stage:
            return "not_allowed_in_stage";
        case RefusalKind::not_permitted:
            return "not_permitted";
        case RefusalKind::missing_field:
            return "missing_field";
        case RefusalKind::invalid_field:
            return "invalid_field";
        case RefusalKind::invalid_state:
            return "invalid_state";
        case RefusalKind::rule_violated:
            return "rule_violated";
    }
    return "refused";
}

}  // namespace meldpunt::cases
