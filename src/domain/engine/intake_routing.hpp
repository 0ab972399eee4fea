#pragma once
// Whom a new case goes to when its procedure routes its kind (002 §Behandeling Onvrede A.1): the
// employee it is about talks it over with the complainant (A.1b: "dat de onvrede besproken wordt
// met de betreffende medewerker"); what a volunteer or intern takes in, or what is about one of
// them, goes to their coordinator or supervisor (A.1a). Pure: the caller looks the people up.
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"

namespace meldpunt::cases {

// What routing needs to know of a person: their account, the roles they hold for the case's unit
// and who supervises them ("" when nobody is recorded).
struct PersonFacts {
    std::string id;
    std::vector<std::string> roles;
    std::string supervisor;
};

// The handler a new case of `kind` goes to: the first person it is about other than who took it
// in (their supervisor when they hold a role that passes cases on), else, when who took it in holds
// such a role, their supervisor; "" when the kind is not routed or nobody fits (the case then waits
// for whoever assigns cases).
std::string route_intake(const procedure::Procedure& procedure, const std::string& kind,
                         const PersonFacts& registrar, const std::vector<PersonFacts>& about);

}  // namespace meldpunt::cases
