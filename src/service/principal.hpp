#pragma once
// Who is asking: an authenticated member of staff, with their roles in their organisation.
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "storage/records.hpp"

namespace meldpunt::service {

struct Principal {
    std::string user_id;
    std::string org;
    std::string email;
    std::string name;
    std::vector<storage::RoleGrant> roles;

    // Role ids that apply to a case in `unit` (grants for the whole organisation or that unit).
    std::vector<std::string> roles_for_unit(const std::string& unit) const;
};

// Confidentiality: may `who` see a case in `unit` handled by `handler` under `procedure`?
// Roles that see "all" see every case of the organisation; "unit" roles the cases of their unit
// (or all, when granted for the whole organisation); everyone sees the cases they handle.
bool may_see(const Principal& who, const procedure::Procedure& procedure, const std::string& unit,
             const std::string& handler);

}  // namespace meldpunt::service
