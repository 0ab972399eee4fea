// An action whose `field` is `equals` sends `letter` as its written confirmation (002
// §Uitgangspunten 6: a withdrawal is confirmed in writing).
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct ConfirmInWriting final : RuleDefinition {
    ConfirmInWriting()
        : RuleDefinition("an action with a given field value requires a written confirmation",
                         {Parameter::action, Parameter::field, Parameter::letter}) {}

    void add_letters(const procedure::Rule& rule, const ActionContext& at,
                     std::vector<std::string>& letters) const override {
        const auto given = at.request.fields.find(rule.field);
        if (rule.action == at.action.id && given != at.request.fields.end() && given->second == rule.equals)
            letters.push_back(rule.letter);
    }
};

MELDPUNT_RULE_DEFINITION(confirm_in_writing, ConfirmInWriting)

}  // namespace meldpunt::rules
