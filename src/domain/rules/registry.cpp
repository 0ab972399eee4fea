// Every rule kind's definition, from the list in domain/procedure/rule_kind.hpp: kind `k` is
// defined by `k_rule()` in domain/rules/k.cpp.
#include <algorithm>

#include "domain/rules/rule_definition.hpp"
#include "support/enum_names.hpp"

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

constexpr support::EnumName<Parameter> kParameterNames[] = {
    {Parameter::period, "period"},   {Parameter::stage, "stage"},   {Parameter::action, "action"},
    {Parameter::field, "field"},     {Parameter::equals, "equals"}, {Parameter::letter, "letter"},
    {Parameter::kind_to, "kind_to"}, {Parameter::kinds, "kinds"}};
static_assert(support::names_every_value(kParameterNames, Parameter::kinds));

const char* parameter_name(Parameter parameter) {
    return support::name_of(kParameterNames, parameter, "");
}

}  // namespace meldpunt::rules
