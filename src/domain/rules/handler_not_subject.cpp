// The handler is never a person the case is about: 003 §Werkwijze 1, "de klacht wordt nooit
// afgehandeld door degene die de dienst heeft geleverd".
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct HandlerNotSubject final : RuleDefinition {
    HandlerNotSubject() : RuleDefinition("the handler is never a person the case is about") {}

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        const std::string handler = at.request.field("handler");
        if (at.action.sets_handler && at.c.is_about(handler))
            return cases::Refusal::rule_violated(rule, {handler});
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(handler_not_subject, HandlerNotSubject)

}  // namespace meldpunt::rules
