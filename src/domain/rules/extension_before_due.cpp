// An extension (`action`, which extends deadlines) is possible only before the deadline it extends
// has passed, so that its letter reaches the complainant in time (the validator checks that every
// extension sends one). 004 §Artikel 4 refers to an article 3.4 on extension that the published
// text lacks; een-loket-mk.toml, assumption 2, states the choice.
#include "domain/case/deadline_view.hpp"
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct ExtensionBeforeDue final : RuleDefinition {
    ExtensionBeforeDue()
        : RuleDefinition("an extension is announced before the original deadline passes",
                         {Parameter::action}) {}

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        if (rule.action != at.action.id)
            return std::nullopt;
        // The engine has checked that every deadline the action extends is running.
        for (const auto& id : at.action.extends) {
            const cases::DeadlineView view = cases::view_deadline(*at.c.deadline(id), at.calendar, at.today);
            if (view.due.due && at.today > *view.due.due)
                return cases::Refusal::rule_violated(rule, {id, calendar::format_day(*view.due.due)});
        }
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(extension_before_due, ExtensionBeforeDue)

}  // namespace meldpunt::rules
