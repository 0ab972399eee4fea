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
    scope.person = who.email;
    scope.subjects_see = procedure.meta.subjects_see_case;
    for (const auto& grant : who.roles) {
        const procedure::Role* role = procedure.role(grant.role);
        if (!role)
            continue;
        if (role->sees == procedure::Visibility::all ||
            (role->sees == procedure::Visibility::unit && grant.unit.empty()))
            scope.all = true;
        else if (role->sees == procedure::Visibility::unit)
            scope.units.push_back(grant.unit);
        else if (role->sees == procedure::Visibility::reached)
            scope.stages.insert(scope.stages.end(), role->reached.begin(), role->reached.end());
    }
    return scope;
}

namespace {

bool own_case(const VisibleScope& scope, const storage::CaseStamp& parties) {
    if (scope.person.empty())
        return false;
    return parties.handler == scope.person || parties.registered_by == scope.person;
}

bool about(const VisibleScope& scope, const storage::CaseStamp& parties) {
    return scope.subjects_see && !scope.person.empty() &&
           std::find(parties.about.begin(), parties.about.end(), scope.person) != parties.about.end();
}

bool sees_by_role(const VisibleScope& scope, const storage::CaseStamp& parties) {
    const auto reached = [&](const std::string& stage) {
        return std::find(parties.reached.begin(), parties.reached.end(), stage) != parties.reached.end();
    };
    return scope.all ||
           std::find(scope.units.begin(), scope.units.end(), parties.unit) != scope.units.end() ||
           std::any_of(scope.stages.begin(), scope.stages.end(), reached);
}

}  // namespace

bool may_see(const Principal& who, const procedure::Procedure& procedure, const std::string& reference,
             const storage::CaseStamp& parties) {
    if (!who.complainant_of.empty())
        return reference == who.complainant_of;
    const VisibleScope scope = visible_scope(who, procedure);
    return sees_by_role(scope, parties) || own_case(scope, parties) || about(scope, parties);
}

bool sees_as_subject(const Principal& who, const procedure::Procedure& procedure,
                     const storage::CaseStamp& parties) {
    if (!who.complainant_of.empty())
        return false;
    const VisibleScope scope = visible_scope(who, procedure);
    return !sees_by_role(scope, parties) && !own_case(scope, parties) && about(scope, parties);
}

}  // namespace meldpunt::service
