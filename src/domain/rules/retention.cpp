// The dossier is kept `period` after the case is closed (004 §Artikel 5: two years), then
// anonymised by the sweep (service/retention.hpp). `kinds` gives a kind of case a period of its
// own: the first retention rule in the file that applies to the case's kind counts.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct Retention final : RuleDefinition {
    Retention() : RuleDefinition("the dossier is kept for a period after closing", {Parameter::period}) {}

    // The engine clears retain_until before the close hooks run.
    void on_close(const procedure::Rule& rule, cases::Case& c, calendar::Day day) const override {
        if (!c.retain_until && rule.period && applies_to_kind(rule, c.kind))
            c.retain_until = calendar::add_calendar_period(day, *rule.period);
    }
};

MELDPUNT_RULE_DEFINITION(retention, Retention)

}  // namespace meldpunt::rules
