// Every rule kind's definition, from the list in domain/procedure/rule_kind.hpp: kind `k` is
// defined by `k_rule()` in domain/rules/k.cpp.
#include <algorithm>

#include "domain/rules/rule_definition.hpp"

namespace meldpunt::rules {

#define MELDPUNT_RULE_DECLARE(id) const RuleDefinition& id##_rule();
MELDPUNT_RULE_KINDS(MELDPUNT_RULE_DECLARE)
#undef MELDPUNT_RULE_DECLARE

const RuleDefinition& definition_of(RuleKind kind) {
    switch (kind) {
#define MELDPUNT_RULE_CASE(id) \
    case RuleKind::id:         \
        return id##_rule();
        MELDPUNT_RULE_KINDS(MELDPUNT_RULE_CASE)
#undef MELDPUNT_RULE_CASE
    }
    return handler_not_subject_rule();  // not reached: every enumerator has its case
}

bool applies_to_kind(const procedure::Rule& rule, const std::string& kind) {
    return rule.kinds.empty() || std::find(rule.kinds.begin(), rule.kinds.end(), kind) != rule.kinds.end();
}

const char* parameter_name(Parameter parameter) {
    switch (parameter) {
        case Parameter::period:
            return "period";
        case Parameter::stage:
            return "stage";
        case Parameter::action:
            return "action";
        case Parameter::field:
            return "field";
        case Parameter::equals:
            return "equals";
        case Parameter::letter:
            return "letter";
        case Parameter::kind_to:
            return "kind_to";
        case Parameter::kinds:
            return "kinds";
    }
    return "";
}

}  // namespace meldpunt::rules
