// The right to complain lapses `period` after the event became known (002 §Uitgangspunten 7): a
// complaint filed later is registered as inadmissible in `stage` (with `letter`, when given), and
// dissatisfaction can no longer become a complaint (002 §Begripsomschrijving 4). `kinds` limits
// the rule to some kinds of case.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct Lapse final : RuleDefinition {
    Lapse()
        : RuleDefinition("the right to complain lapses a period after the event became known",
                         {Parameter::period, Parameter::stage}) {}

    void on_intake(const procedure::Rule& rule, const procedure::Procedure&, cases::Case& c,
                   std::vector<std::string>& letters) const override {
        if (!c.admissible || !lapsed_before(rule, c, c.received_on) || !applies_to_kind(rule, c.kind))
            return;
        c.admissible = false;
        c.admissibility_reason = rule_kind_id(rule.kind);
        c.stage = rule.stage;
        if (!rule.letter.empty())
            letters.push_back(rule.letter);
    }

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        const std::string& becomes = at.action.becomes_kind;
        if (becomes.empty() || becomes == at.c.kind || !applies_to_kind(rule, becomes) ||
            !lapsed_before(rule, at.c, at.today))
            return std::nullopt;
        return cases::Refusal::rule_violated(
            rule, {calendar::format_day(calendar::add_calendar_period(*at.c.event_date, *rule.period))});
    }

    // The right lapsed before `day`: the event's date plus the period lies before it.
    static bool lapsed_before(const procedure::Rule& rule, const cases::Case& c, calendar::Day day) {
        return c.event_date && rule.period &&
               calendar::add_calendar_period(*c.event_date, *rule.period) < day;
    }
};

MELDPUNT_RULE_DEFINITION(lapse, Lapse)

}  // namespace meldpunt::rules
