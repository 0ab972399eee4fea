#include "service/recipients.hpp"

#include <algorithm>

#include "domain/procedure/builtin_roles.hpp"

namespace meldpunt::service {

namespace {

bool holds_role(const storage::UserRecord& user, const std::string& role, const std::string& unit) {
    return std::any_of(user.roles.begin(), user.roles.end(), [&](const storage::RoleGrant& grant) {
        return grant.role == role && (grant.unit.empty() || grant.unit == unit);
    });
}

}  // namespace

void Recipients::add(const storage::UserRecord& user) {
    const bool known =
        std::any_of(list_.begin(), list_.end(), [&](const Recipient& r) { return r.email == user.email; });
    if (user.active() && !known)
        list_.push_back({user.email, user.name, user.daily_digest});
}

void Recipients::add_account(const std::string& email) {
    for (const auto& user : users_)
        if (user.email == email)
            add(user);
}

void Recipients::add_role(const std::string& role, const cases::Case& c) {
    if (role == procedure::kHandlerRole) {
        add_account(c.handler);
        return;
    }
    add_role_in_unit(role, c.unit);
}

void Recipients::add_role_in_unit(const std::string& role, const std::string& unit) {
    for (const auto& user : users_)
        if (holds_role(user, role, unit))
            add(user);
}

void Recipients::add_involved(const cases::Case& c) {
    for (const auto& person : c.about)
        add_account(person);
    add_account(c.handler);
}

}  // namespace meldpunt::service
