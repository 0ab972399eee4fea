// A complaint ends when the complainant has been unreachable for two months after filing it
// (002 §Uitgangspunten 8): `action` is possible only once `period` has passed since the case was
// received, or since the day given in the action's `unreachable_since` field when that is later.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct UnreachableEndsCase final : RuleDefinition {
    UnreachableEndsCase()
        : RuleDefinition("a case ends only after the complainant was unreachable for a period",
                         {Parameter::period, Parameter::action}) {}

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        if (rule.action != at.action.id || !rule.period)
            return std::nullopt;
        calendar::Day since = at.c.received_on;
        if (auto given = calendar::parse_day(at.request.field("unreachable_since")); given && *given > since)
            since = *given;
        const calendar::Day earliest = calendar::add_calendar_period(since, *rule.period);
        if (at.today < earliest)
            return cases::Refusal::rule_violated(rule, {calendar::format_day(earliest)});
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(unreachable_ends_case, UnreachableEndsCase)

}  // namespace meldpunt::rules
