#include "service/principal.hpp"
#include "domain/procedure/builtin_roles.hpp"

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
    return {"", org, procedure::kComplainantRole, "", {{procedure::kComplainantRole, ""}}, reference};
}

VisibleScope visible_scope(const Principal& who, const procedure::Procedure& procedure) {
    VisibleScope scope;
    scope.handler = who.email;
    for (const auto& grant : who.roles) {
        const procedure::Role* role = procedure.role(grant.role);
        if (!role)
            continue;
        if (role->sees == procedure::Visibility::all ||
            (role->sees == procedure::Visibility::unit && grant.unit.empty()))
            scope.all = true;
        else if (role->sees == procedure::Visibility::unit)
            scope.units.push_back(grant.unit);
    }
    return scope;
}

bool may_see(const Principal& who, const procedure::Procedure& procedure, const std::string& reference,
             const std::string& unit, const std::string& handler) {
    if (!who.complainant_of.empty())
        return reference == who.complainant_of;
    const VisibleScope scope = visible_scope(who, procedure);
    return scope.all || (!handler.empty() && handler == scope.handler) ||
           std::find(scope.units.begin(), scope.units.end(), unit) != scope.units.end();
}

}  // namespace meldpunt::service
