#include "domain/case/refusal.hpp"
#include "support/enum_names.hpp"

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

constexpr support::EnumName<RefusalKind> kRefusalCodes[] = {
    {RefusalKind::unknown_kind, "unknown_kind"},
    {RefusalKind::unknown_unit, "unknown_unit"},
    {RefusalKind::channel_not_accepted, "channel_not_accepted"},
    {RefusalKind::unknown_action, "unknown_action"},
    {RefusalKind::not_allowed_in_stage, "not_allowed_in_stage"},
    {RefusalKind::not_permitted, "not_permitted"},
    {RefusalKind::missing_field, "missing_field"},
    {RefusalKind::invalid_field, "invalid_field"},
    {RefusalKind::invalid_state, "invalid_state"},
    {RefusalKind::rule_violated, "rule_violated"}};
static_assert(support::names_every_value(kRefusalCodes, RefusalKind::rule_violated));

const char* refusal_code(RefusalKind kind) {
    return support::name_of(kRefusalCodes, kind, "refused");
}

}  // namespace meldpunt::cases
