#include "domain/procedure/rule_kind.hpp"

namespace meldpunt::rules {

namespace {
struct Named {
    RuleKind kind;
    std::string_view id;
};
constexpr Named kNames[] = {
#define MELDPUNT_RULE_NAME(id) {RuleKind::id, #id},
    MELDPUNT_RULE_KINDS(MELDPUNT_RULE_NAME)
#undef MELDPUNT_RULE_NAME
};
}  // namespace

const std::vector<RuleKind>& all_rule_kinds() {
    static const std::vector<RuleKind> kinds = [] {
        std::vector<RuleKind> out;
        for (const auto& named : kNames)
            out.push_back(named.kind);
        return out;
    }();
    return kinds;
}

std::optional<RuleKind> parse_rule_kind(std::string_view id) {
    for (const auto& named : kNames)
        if (named.id == id)
            return named.kind;
    return std::nullopt;
}

std::string_view rule_kind_id(RuleKind kind) {
    for (const auto& named : kNames)
        if (named.kind == kind)
            return named.id;
    return "unknown";
}

}  // namespace meldpunt::rules
