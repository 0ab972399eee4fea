#include "service/principal.hpp"

#include <algorithm>

namespace meldpunt::service {

std::vector<std::string> Principal::roles_for_unit(const std::string& unit) const {
    std::vector<std::string> out;
    for (const auto& grant : roles) {
        if ((grant.unit.empty() || grant.unit == unit) &&
            std::find(out.begin(), out.end(), grant.role) == out.end())
            out.push_back(grant.role);
    }
    return out;
}

Principal complainant_principal(const std::string& org, const std::string& reference) {
    return {"", org, "complainant", "", {{"complainant", ""}}, reference};
}

bool may_see(const Principal& who, const procedure::Procedure& procedure, const std::string& reference,
             const std::string& unit, const std::string& handler) {
    if (!who.complainant_of.empty())
        return reference == who.complainant_of;
    if (!handler.empty() && handler == who.email)
        return true;
    for (const auto& grant : who.roles) {
        const procedure::Role* role = procedure.role(grant.role);
        if (!role)
            continue;
        if (role->sees == procedure::Visibility::all)
            return true;
        if (role->sees == procedure::Visibility::unit && (grant.unit.empty() || grant.unit == unit))
            return true;
    }
    return false;
}

}  // namespace meldpunt::service
