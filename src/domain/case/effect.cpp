#include "domain/case/effect.hpp"

#include "support/enum_names.hpp"

namespace meldpunt::cases {

constexpr support::EnumName<EffectKind> kEffectKindNames[] = {
    {EffectKind::reminder, "reminder"},
    {EffectKind::overdue, "overdue"},
    {EffectKind::escalation, "escalation"},
    {EffectKind::proposal, "proposal"},
    {EffectKind::commitment_reminder, "commitment_reminder"},
    {EffectKind::commitment_overdue, "commitment_overdue"}};
static_assert(support::names_every_value(kEffectKindNames, EffectKind::commitment_overdue));

const char* effect_kind_name(EffectKind kind) {
    return support::name_of(kEffectKindNames, kind, "overdue");
}

std::string effect_key(EffectKind kind, const std::string& deadline, calendar::Day due) {
    return std::string(effect_kind_name(kind)) + ":" + deadline + ":" + calendar::format_day(due);
}

}  // namespace meldpunt::cases
