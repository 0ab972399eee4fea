// A complaint ends when the complainant has been unreachable for two months after filing it
// (002 §Uitgangspunten 8): `action` is possible only once `period` has passed since the case was
// received, or since the day given in the action's `unreachable_since` field when that is later.
// Once staff have recorded since when the complainant is unreachable (the field, by any action),
// the review proposes `action` to those who may take it on the day it becomes possible, while the
// case is open in a stage it can be taken from; a person decides (the complainant may have been
// in touch since).
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

    void on_review(const procedure::Rule& rule, const procedure::Procedure& procedure, const cases::Case& c,
                   std::vector<cases::Effect>& effects) const override {
        const procedure::Action* action = procedure.action(rule.action);
        const auto recorded = c.facts.find("unreachable_since");
        if (!action || !rule.period || c.closed_on || recorded == c.facts.end() ||
            !applies_to_kind(rule, c.kind) || !procedure.starts_from(*action, c.stage))
            return;
        const auto since = calendar::parse_day(recorded->second);
        if (!since)
            return;
        const calendar::Day earliest =
            calendar::add_calendar_period(std::max(*since, c.received_on), *rule.period);
        effects.push_back({cases::EffectKind::proposal,
                           cases::effect_key(cases::EffectKind::proposal, action->id, earliest), earliest,
                           action->id, earliest, action->roles, ""});
    }
};

MELDPUNT_RULE_DEFINITION(unreachable_ends_case, UnreachableEndsCase)

}  // namespace meldpunt::rules
