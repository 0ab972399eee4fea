#include "domain/engine/intake_routing.hpp"

#include <algorithm>

namespace meldpunt::cases {

namespace {

// Volunteers and interns pass what they receive on to their coordinator (002 §A.1a).
bool passes_on(const procedure::Procedure& procedure, const PersonFacts& person) {
    return std::any_of(person.roles.begin(), person.roles.end(), [&](const std::string& id) {
        const procedure::Role* role = procedure.role(id);
        return role && role->passes_on;
    });
}

}  // namespace

std::string route_intake(const procedure::Procedure& procedure, const std::string& kind,
                         const PersonFacts& registrar, const std::vector<PersonFacts>& about) {
    const procedure::Kind* k = procedure.kind(kind);
    if (!k || !k->routed)
        return "";
    for (const auto& person : about)
        if (person.id != registrar.id)
            return passes_on(procedure, person) ? person.supervisor : person.id;
    return passes_on(procedure, registrar) ? registrar.supervisor : "";
}

}  // namespace meldpunt::cases
