// An action sends `letter` as its written confirmation whenever the complainant can be written
// to: they, or their representative, gave an e-mail or postal address. Otherwise there is no one
// to write to and nothing is sent (003 §Werkwijze 3: "Dit telefonische aanbod wordt zo mogelijk
// schriftelijk bevestigd"). An anonymous complainant's address, if any, is still an address.
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

namespace {

bool can_be_written_to(const cases::Case& c) {
    const bool complainant = !c.complainant.email.empty() || !c.complainant.address.empty();
    const bool representative = c.representative && !c.representative->email.empty();
    return complainant || representative;
}

}  // namespace

struct ConfirmWhenPossible final : RuleDefinition {
    ConfirmWhenPossible()
        : RuleDefinition("an action is confirmed in writing whenever the complainant can be written to",
                         {Parameter::action, Parameter::letter}) {}

    void add_letters(const procedure::Rule& rule, const ActionContext& at,
                     std::vector<std::string>& letters) const override {
        if (rule.action == at.action.id && can_be_written_to(at.c))
            letters.push_back(rule.letter);
    }
};

MELDPUNT_RULE_DEFINITION(confirm_when_possible, ConfirmWhenPossible)

}  // namespace meldpunt::rules
