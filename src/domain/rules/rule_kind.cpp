#include "domain/rules/rule_kind.hpp"

#include <algorithm>

namespace meldpunt::rules {

const std::vector<RuleKind>& rule_kinds() {
    static const std::vector<RuleKind> kinds{
        {"handler_not_subject", "the handler is never a person the case is about"},
        {"lapse", "the right to complain lapses a period after the event became known", true, true},
        {"anonymous_is_signal", "an anonymous complaint is registered as a signal", false, false, false,
         false, false, true},
        {"unreachable_ends_case", "a case ends only after the complainant was unreachable for a period", true,
         false, true},
        {"confirm_in_writing", "an action with a given field value requires a written confirmation", false,
         false, true, true, true},
        {"shared_documents_only", "only documents both parties could see may be cited", false, false, false,
         true},
        {"extension_before_due", "an extension is announced before the original deadline passes", false,
         false, true},
        {"retention", "the dossier is kept for a period after closing", true},
        {"handler_required", "an action is possible only once a handler is assigned", false, false, true},
    };
    return kinds;
}

const RuleKind* find_rule_kind(std::string_view id) {
    const auto& kinds = rule_kinds();
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](const RuleKind& k) { return k.id == id; });
    return it == kinds.end() ? nullptr : &*it;
}

}  // namespace meldpunt::rules
