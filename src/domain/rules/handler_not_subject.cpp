// The handler is never a person the case is about: 003 §Werkwijze 1, "de klacht wordt nooit
// afgehandeld door degene die de dienst heeft geleverd".
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

namespace {

class HandlerNotSubject final : public RuleDefinition {
  public:
    const char* summary() const override { return "the handler is never a person the case is about"; }

    std::optional<cases::Refusal> check_action(const procedure::Rule& rule,
                                               const ActionContext& at) const override {
        const std::string handler = at.request.field("handler");
        if (at.action.sets_handler && at.c.is_about(handler))
            return cases::Refusal::rule_violated(rule, {handler});
        return std::nullopt;
    }
};

}  // namespace

MELDPUNT_RULE_DEFINITION(handler_not_subject, HandlerNotSubject)

}  // namespace meldpunt::rules
