// The handler is never a person the case is about: 003 §Werkwijze 1, "de klacht wordt nooit
// afgehandeld door degene die de dienst heeft geleverd". Checked both ways: when a handler is
// assigned, and when the people the case is about change while a handler is assigned (otherwise
// correcting `about` afterwards would get round it). With `kinds`, only for cases of those kinds.
#include <algorithm>

#include "domain/case/field_value.hpp"
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct HandlerNotSubject final : RuleDefinition {
    HandlerNotSubject() : RuleDefinition("the handler is never a person the case is about") {}

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        if (!at.action.sets_handler && !at.action.sets_about)
            return std::nullopt;
        // A rule for some kinds only: M.O.S.'s employee talks over dissatisfaction about themselves
        // (002 §A.1b), a complaint never goes to them (002 §Begripsomschrijving 8).
        if (!applies_to_kind(rule, at.action.becomes_kind.empty() ? at.c.kind : at.action.becomes_kind))
            return std::nullopt;
        const std::string handler = at.action.sets_handler ? at.request.field("handler") : at.c.handler;
        const std::vector<std::string> about =
            at.action.sets_about ? cases::split_list(at.request.field("about")) : at.c.about;
        if (!handler.empty() && std::find(about.begin(), about.end(), handler) != about.end())
            return cases::Refusal::rule_violated(rule, {handler});
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(handler_not_subject, HandlerNotSubject)

}  // namespace meldpunt::rules
