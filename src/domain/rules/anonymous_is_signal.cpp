// An anonymous complaint cannot be handled as a complaint; it is registered as a signal
// (002 §Toepassingsgebied). Parameter: `kind_to`, the kind it becomes.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct AnonymousIsSignal final : RuleDefinition {
    AnonymousIsSignal()
        : RuleDefinition("an anonymous complaint is registered as a signal", {Parameter::kind_to}) {}

    void on_intake(const procedure::Rule& rule, const procedure::Procedure& procedure, cases::Case& c,
                   std::vector<std::string>&) const override {
        if (!c.complainant.anonymous || c.kind == rule.kind_to)
            return;
        c.kind = rule.kind_to;
        c.stage = procedure.kind(c.kind)->initial_stage;
        c.admissible = false;
        c.admissibility_reason = rule_kind_id(rule.kind);
    }
};

MELDPUNT_RULE_DEFINITION(anonymous_is_signal, AnonymousIsSignal)

}  // namespace meldpunt::rules
