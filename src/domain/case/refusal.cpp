#include "domain/case/refusal.hpp"

namespace meldpunt::cases {

Refusal Refusal::unknown_kind(std::string kind) {
    return {RefusalKind::unknown_kind, std::move(kind)};
}
Refusal Refusal::unknown_unit(std::string unit) {
    return {RefusalKind::unknown_unit, std::move(unit)};
}
Refusal Refusal::channel_not_accepted(std::string channel, std::string kind) {
    return {RefusalKind::channel_not_accepted, std::move(channel), {std::move(kind)}};
}
Refusal Refusal::unknown_action(std::string action) {
    return {RefusalKind::unknown_action, std::move(action)};
}
Refusal Refusal::not_allowed_in_stage(std::string action, std::string stage) {
    return {RefusalKind::not_allowed_in_stage, std::move(action), {std::move(stage)}};
}
Refusal Refusal::not_permitted(std::string action) {
    return {RefusalKind::not_permitted, std::move(action)};
}
Refusal Refusal::missing_field(std::string field) {
    return {RefusalKind::missing_field, std::move(field)};
}
Refusal Refusal::invalid_field(std::string field, std::string reason) {
    return {RefusalKind::invalid_field, std::move(field), {std::move(reason)}};
}
Refusal Refusal::invalid_state(std::string action, std::vector<std::string> details) {
    return {RefusalKind::invalid_state, std::move(action), std::move(details)};
}
Refusal Refusal::rule_violated(const procedure::Rule& rule, std::vector<std::string> details) {
    return {RefusalKind::rule_violated, std::string(rules::rule_kind_id(rule.kind)), std::move(details),
            &rule};
}

std::string Refusal::rule_id() const {
    return rule ? std::string(rules::rule_kind_id(rule->kind)) : "";
}

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
