#pragma once
// Who is asking: an authenticated member of staff, with their roles in their organisation; or a
// complainant who opened their private portal link, who has the role "complainant" for that one
// case only.
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "storage/records.hpp"

namespace meldpunt::service {

// The role of an organisation's administrators: Meldpunt's own, not the procedure's (people,
// roles and procedure versions; directory.hpp).
inline constexpr const char* kAdministratorRole = "administrator";

struct Principal {
    std::string user_id;
    std::string org;
    std::string email;
    std::string name;
    std::vector<storage::RoleGrant> roles;
    std::string complainant_of;  // for a complainant: the reference of their case
    // For a complainant: the client address group they came from (http::client_group), which
    // their uploads count against (dossier_files.hpp); empty when unknown.
    std::string client;

    // Role ids that apply to a case in `unit` (grants for the whole organisation or that unit).
    std::vector<std::string> roles_for_unit(const std::string& unit) const;
};

// Confidentiality for staff: roles that see "all" see every case of the organisation; "unit"
// roles the cases of their unit (or all, when granted for the whole organisation); "reached" roles
// the cases that were ever in one of the role's stages (the committee: those put before it); everyone sees
// their own cases: those they handle or registered (the employee who took a complaint at the desk
// takes the procedure's next step: 003 §Verantwoordelijkheden, 004 art. 1, 002 §A.1), and, where
// the procedure says so (subjects_see_case), those about them. The one statement of the rule, for
// a single case (may_see) and for the register's query.
struct VisibleScope {
    bool all = false;
    std::vector<std::string> units;
    std::vector<std::string> stages;  // cases that reached one of these
    std::string person;               // their own cases
    bool subjects_see = false;
};
VisibleScope visible_scope(const Principal& who, const procedure::Procedure& procedure);

// May `who` see the case `reference` with these parties under `procedure`? A complainant sees
// their own case only; staff what visible_scope gives them.
bool may_see(const Principal& who, const procedure::Procedure& procedure, const std::string& reference,
             const storage::CaseStamp& parties);

// Whether `who` sees the case only as a person it is about: then, like the complainant, only the
// documents shared with both parties (002 §Interne klachtenafhandeling).
bool sees_as_subject(const Principal& who, const procedure::Procedure& procedure,
                     const storage::CaseStamp& parties);

// The complainant of case `reference` in `org`, as the portal authenticates them. The actor id
// "complainant" can never be a member of staff (their ids are e-mail addresses).
Principal complainant_principal(const std::string& org, const std::string& reference);

}  // namespace meldpunt::service
