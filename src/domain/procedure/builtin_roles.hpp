#pragma once
// The roles Meldpunt itself gives, whatever the procedure file says. A procedure may name them in
// its actions (who may take one) but no account is ever granted them: the complainant is whoever
// holds the case's portal link, the handler whoever the case is assigned to (engine.cpp,
// effective_roles).
#include <string>

namespace meldpunt::procedure {

inline constexpr const char* kComplainantRole = "complainant";
inline constexpr const char* kHandlerRole = "handler";

// Whether `role` is one Meldpunt gives (never granted to an account).
inline bool is_builtin_role(const std::string& role) {
    return role == kComplainantRole || role == kHandlerRole;
}

}  // namespace meldpunt::procedure
