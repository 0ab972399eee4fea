// `action` is possible only once a handler is assigned: 000 §Procedure 3, the acknowledgement
// gives the handler's name and contact details, so there must be one.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct HandlerRequired final : RuleDefinition {
    HandlerRequired()
        : RuleDefinition("an action is possible only once a handler is assigned", {Parameter::action}) {}

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        if (rule.action == at.action.id && at.c.handler.empty())
            return cases::Refusal::rule_violated(rule);
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(handler_required, HandlerRequired)

}  // namespace meldpunt::rules
