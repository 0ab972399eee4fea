// Documents count only when both parties could see them (002 §Interne klachtenafhandeling): the
// documents cited in `field` (a documents field) must all be shared with the complainant.
#include "domain/case/field_value.hpp"
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

struct SharedDocumentsOnly final : RuleDefinition {
    SharedDocumentsOnly()
        : RuleDefinition("only documents both parties could see may be cited", {Parameter::field}) {}

    void validate(const procedure::Rule& rule, const procedure::Procedure& procedure,
                  std::vector<Problem>& problems) const override {
        const procedure::Field* field = procedure.field(rule.field);
        if (field && field->type != procedure::FieldType::documents)
            problems.push_back({"rule_field_not_documents", {rule.field}});
    }

    Check check_action(const procedure::Rule& rule, const ActionContext& at) const override {
        const std::string cited = at.request.field(rule.field);
        if (cited.empty())
            return std::nullopt;
        for (const auto& id : cases::split_list(cited)) {
            const cases::Document* document = at.c.document(id);
            if (document && document->visibility != "shared")
                return cases::Refusal::rule_violated(rule, {id});
        }
        return std::nullopt;
    }
};

MELDPUNT_RULE_DEFINITION(shared_documents_only, SharedDocumentsOnly)

}  // namespace meldpunt::rules
