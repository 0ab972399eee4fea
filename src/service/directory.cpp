#include "service/directory.hpp"
#include "domain/procedure/builtin_roles.hpp"

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "loading/procedure_loader.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

bool valid_org_id(const std::string& id) {
    // Each organisation's public pages live at /{id}/...; these first segments are Meldpunt's own.
    static const std::vector<std::string> reserved{"api",     "werk",       "login",
                                                   "logout",  "static",     "healthz",
                                                   "metrics", "wachtwoord", "wachtwoord-vergeten"};
    if (id.empty() || id.size() > 40 || std::find(reserved.begin(), reserved.end(), id) != reserved.end())
        return false;
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

namespace {

ServiceError invalid_procedure(const std::vector<procedure_file::Diagnostic>& diagnostics,
                               std::vector<procedure_file::Diagnostic>* out) {
    if (out)
        *out = diagnostics;
    return ServiceError::of(ErrorKind::unprocessable, "invalid_procedure",
                            {std::to_string(diagnostics.size())}, "procedure");
}

// The first grant that no account can hold in the organisation's current procedure, as an error.
std::optional<ServiceError> unknown_role(storage::Tx& tx, const std::string& org,
                                         const std::vector<storage::RoleGrant>& grants) {
    auto text = tx.orgs.procedure_text(org, tx.orgs.procedure_in_force(org));
    auto loaded = loading::load_procedure_text(text.value_or(""), procedure_file::SizeBounds::unchecked);
    for (const auto& grant : grants) {
        // "complainant" is given by a portal link and "handler" by an assignment, never to an account.
        const bool given_otherwise = procedure::is_builtin_role(grant.role);
        const bool known = !given_otherwise && (grant.role == kAdministratorRole ||
                                                (loaded.loaded && loaded.loaded->procedure.role(grant.role)));
        const bool unit_known =
            grant.unit.empty() || (loaded.loaded && loaded.loaded->procedure.unit(grant.unit));
        if (!known || !unit_known)
            return ServiceError::of(ErrorKind::bad_request, "unknown_role",
                                    {grant.role + (grant.unit.empty() ? "" : "@" + grant.unit)}, "role");
    }
    return std::nullopt;
}

std::optional<ServiceError> password_too_short(const std::string& password) {
    if (password.size() >= kMinPasswordLength)
        return std::nullopt;
    return ServiceError::of(ErrorKind::unprocessable, "password_too_short",
                            {std::to_string(kMinPasswordLength)}, "password");
}

}  // namespace

Result<int> Directory::create_org(const NewOrg& org, const std::string& actor, calendar::Instant at,
                                  std::vector<procedure_file::Diagnostic>* diagnostics) {
    const int64_t now = calendar::unix_seconds(at);
    if (!valid_org_id(org.id))
        return ServiceError::of(ErrorKind::bad_request, "invalid_org_id", {org.id}, "id");
    auto loaded = loading::load_procedure_text(org.procedure_text);
    if (!loaded.loaded)
        return invalid_procedure(loaded.diagnostics, diagnostics);
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        if (tx.orgs.get(org.id)) {
            error = ServiceError::of(ErrorKind::conflict, "org_exists", {org.id}, "id");
            return;
        }
        tx.orgs.insert({org.id, org.name.empty() ? loaded.loaded->procedure.meta.organisation : org.name},
                       now);
        tx.orgs.add_procedure(org.id, org.procedure_text, now, actor);
        tx.orgs.put_in_force(org.id, 1, now, actor);
        append_audit(tx, now, org.id, actor, "org.create", org.id,
                     nlohmann::json{{"procedure", loaded.loaded->procedure.meta.id}, {"version", 1}}.dump());
    });
    if (error)
        return *error;
    return 1;
}

Result<int> Directory::add_procedure_version(const std::string& org, const std::string& text,
                                             const std::string& actor, calendar::Instant at,
                                             std::vector<procedure_file::Diagnostic>* diagnostics) {
    const int64_t now = calendar::unix_seconds(at);
    auto loaded = loading::load_procedure_text(text);
    if (!loaded.loaded)
        return invalid_procedure(loaded.diagnostics, diagnostics);
    const procedure::Metadata& next = loaded.loaded->procedure.meta;
    std::optional<ServiceError> error;
    int version = 0;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        auto in_force = tx.orgs.procedure_text(org, tx.orgs.procedure_in_force(org));
        if (!tx.orgs.get(org) || !in_force) {
            error = ServiceError::of(ErrorKind::not_found, "org_not_found", {org});
            return;
        }
        // Another organisation's file is refused: its procedure id differs from the one in force.
        const auto current = loading::load_procedure_text(*in_force, procedure_file::SizeBounds::unchecked);
        if (current.loaded && current.loaded->procedure.meta.id != next.id) {
            const auto& ours = current.loaded->procedure.meta;
            error = ServiceError::of(ErrorKind::unprocessable, "procedure_of_other_org",
                                     {next.organisation, next.id, ours.organisation, ours.id}, "procedure");
            return;
        }
        version = tx.orgs.add_procedure(org, text, now, actor);
        append_audit(tx, now, org, actor, "procedure.add", org, nlohmann::json{{"version", version}}.dump());
    });
    if (error)
        return *error;
    return version;
}

Result<Done> Directory::activate_procedure_version(const std::string& org, int version,
                                                   const std::string& actor, calendar::Instant at,
                                                   std::optional<int> compared_with) {
    const int64_t now = calendar::unix_seconds(at);
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        tx.orgs.lock(org);  // two administrators activating at once: one after the other
        const int in_force = tx.orgs.procedure_in_force(org);
        if (!tx.orgs.procedure_text(org, version)) {
            error = ServiceError::of(ErrorKind::not_found, "procedure_version_not_found",
                                     {std::to_string(version)});
            return;
        }
        if (compared_with && *compared_with != in_force) {
            error = ServiceError::of(ErrorKind::conflict, "procedure_in_force_changed",
                                     {std::to_string(in_force)});
            return;
        }
        if (in_force == version) {
            error = ServiceError::of(ErrorKind::conflict, "procedure_already_in_force",
                                     {std::to_string(version)});
            return;
        }
        tx.orgs.put_in_force(org, version, now, actor);
        // The measures' reminders follow the procedure in force (its [measures]).
        tx.measures.review_running_again(org, std::chrono::floor<std::chrono::days>(at));
        append_audit(tx, now, org, actor, "procedure.activate", org,
                     nlohmann::json{{"version", version}, {"previous", in_force}}.dump());
    });
    if (error)
        return *error;
    return Done{};
}

ProcedureHistory Directory::procedure_history(const std::string& org) {
    ProcedureHistory out;
    store_.read([&](storage::Tx& tx) {
        out.in_force = tx.orgs.procedure_in_force(org);
        out.versions = tx.orgs.procedure_versions(org);
    });
    return out;
}

Result<std::string> Directory::create_user(const NewUser& user, const std::string& actor,
                                           calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (user.email.empty() || user.email.find('@') == std::string::npos || user.email.size() > 254)
        return ServiceError::of(ErrorKind::bad_request, "invalid_email", {user.email}, "email");
    if (user.roles.empty())
        return ServiceError::of(ErrorKind::bad_request, "missing_role", {}, "role");
    if (!user.password.empty())
        if (auto error = password_too_short(user.password))
            return *error;
    const std::string token = random_token();
    const std::string password_hash = user.password.empty() ? "" : hash_password(user.password);
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        if (!tx.orgs.get(user.org)) {
            error = ServiceError::of(ErrorKind::not_found, "org_not_found", {user.org}, "org");
            return;
        }
        error = unknown_role(tx, user.org, user.roles);
        if (error)
            return;
        if (tx.accounts.user_by_email(user.org, user.email)) {
            error = ServiceError::of(ErrorKind::conflict, "user_exists", {user.email}, "email");
            return;
        }
        storage::UserRecord record{
            random_token().substr(0, 32), user.org, user.email, user.name, password_hash, user.roles};
        tx.accounts.insert_user(record, now);
        tx.accounts.insert_token(sha256_hex(token), record.id, now, now + int64_t{kTokenDays} * 86400, "");
        nlohmann::json roles = nlohmann::json::array();
        for (const auto& g : user.roles)
            roles.push_back({{"role", g.role}, {"unit", g.unit}});
        append_audit(tx, now, user.org, actor, "user.create", user.email,
                     nlohmann::json{{"roles", roles}}.dump());
    });
    if (error)
        return *error;
    return token;
}

namespace {

// Runs `change` on the account in one transaction, with its audit entry; false when there is no
// such account.
bool change_account(storage::Store& store, const std::string& org, const std::string& email,
                    const std::string& actor, int64_t now, const std::string& audit_action,
                    const std::function<void(storage::Tx&, const storage::UserRecord&)>& change) {
    bool found = false;
    store.transact([&](storage::Tx& tx) {
        auto user = tx.accounts.user_by_email(org, email);
        found = user.has_value();
        if (!found)
            return;
        change(tx, *user);
        append_audit(tx, now, org, actor, audit_action, email, "{}");
    });
    return found;
}

// A new API token for the account `email`, valid for `days`; `replace` first revokes the account's
// other tokens.
std::optional<std::string> new_token(storage::Store& store, const std::string& org, const std::string& email,
                                     const std::string& actor, calendar::Instant at, bool replace,
                                     const std::string& label, int days) {
    const int64_t now = calendar::unix_seconds(at);
    const std::string token = random_token();
    const char* audit_action = replace ? "token.replace" : "token.issue";
    if (!change_account(store, org, email, actor, now, audit_action,
                        [&](storage::Tx& tx, const storage::UserRecord& user) {
                            if (replace)
                                tx.accounts.delete_tokens_of(user.id);
                            tx.accounts.insert_token(sha256_hex(token), user.id, now,
                                                     now + int64_t{days} * 86400, label);
                        }))
        return std::nullopt;
    return token;
}

}  // namespace

std::optional<std::string> Directory::issue_token(const std::string& org, const std::string& email,
                                                  const std::string& actor, calendar::Instant at,
                                                  const std::string& label, int days) {
    return new_token(store_, org, email, actor, at, false, label, days);
}

std::optional<std::string> Directory::replace_tokens(const std::string& org, const std::string& email,
                                                     const std::string& actor, calendar::Instant at) {
    return new_token(store_, org, email, actor, at, true, "", kTokenDays);
}

std::vector<storage::TokenRecord> Directory::own_tokens(const Principal& who) {
    std::vector<storage::TokenRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.accounts.tokens_of(who.user_id); });
    return out;
}

Result<std::string> Directory::issue_own_token(const Principal& who, const std::string& label, int days,
                                               calendar::Instant at) {
    if (days < 1 || days > kMaxTokenDays)
        return ServiceError::invalid_field("days", "out_of_range", ErrorKind::unprocessable);
    if (label.size() > 100 || !support::valid_text(label))
        return ServiceError::invalid_field("label", "not_a_label", ErrorKind::unprocessable);
    auto token = issue_token(who.org, who.email, who.email, at, support::trimmed(label), days);
    if (!token)
        return ServiceError::not_found(who.email);
    return *token;
}

Result<Done> Directory::revoke_own_token(const Principal& who, const std::string& id, calendar::Instant at) {
    bool revoked = false;
    store_.transact([&](storage::Tx& tx) {
        revoked = id.size() == 12 && tx.accounts.delete_token(who.user_id, id);
        if (revoked)
            append_audit(tx, calendar::unix_seconds(at), who.org, who.email, "token.revoke", who.email,
                         nlohmann::json{{"token", id}}.dump());
    });
    if (!revoked)
        return ServiceError::not_found(id);
    return Done{};
}

bool Directory::set_password(const std::string& org, const std::string& email, const std::string& password,
                             const std::string& actor, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    const std::string hash = hash_password(password);
    return change_account(store_, org, email, actor, now, "user.password",
                          [&](storage::Tx& tx, const storage::UserRecord& user) {
                              tx.accounts.set_password(user.id, hash);
                              tx.accounts.use_links_of(user.id, now);  // a link sent before no longer sets it
                          });
}

namespace {

bool holds_administrator(const storage::UserRecord& user) {
    return user.active() && std::any_of(user.roles.begin(), user.roles.end(),
                                        [](const auto& g) { return g.role == kAdministratorRole; });
}

// Whether an active administrator other than `user_id` remains, so that nobody can lock the
// organisation out of its own administration.
bool another_administrator(storage::Tx& tx, const std::string& org, const std::string& user_id) {
    for (const auto& other : tx.accounts.users_of(org))
        if (other.id != user_id && holds_administrator(other))
            return true;
    return false;
}

ServiceError last_administrator() {
    return ServiceError::of(ErrorKind::conflict, "last_administrator");
}

// Runs `change` on the organisation's account `user_id` in one transaction and audits it unless
// `change` refuses (returns an error) or reports no change (an empty audit action).
using AccountChange =
    std::function<Result<std::string>(storage::Tx&, const storage::UserRecord&, nlohmann::json& detail)>;

Result<Done> change_account_by_id(storage::Store& store, const std::string& org, const std::string& user_id,
                                  const std::string& actor, calendar::Instant at,
                                  const AccountChange& change) {
    const int64_t now = calendar::unix_seconds(at);
    std::optional<ServiceError> error;
    store.transact([&](storage::Tx& tx) {
        error.reset();
        // Two administrators disabling each other on two servers must not both succeed.
        tx.orgs.lock(org);
        auto user = tx.accounts.user(user_id);
        if (!user || user->org != org) {
            error = ServiceError::of(ErrorKind::not_found, "user_not_found");
            return;
        }
        nlohmann::json detail = nlohmann::json::object();
        auto result = change(tx, *user, detail);
        if (auto* e = result.failure()) {
            error = *e;
            return;
        }
        if (const auto& action = result.value(); !action.empty())
            append_audit(tx, now, org, actor, action, user->email, detail.dump());
    });
    if (error)
        return *error;
    return Done{};
}

nlohmann::json grant_json(const storage::RoleGrant& grant) {
    return {{"role", grant.role}, {"unit", grant.unit}};
}

bool holds(const storage::UserRecord& user, const storage::RoleGrant& grant) {
    return std::find(user.roles.begin(), user.roles.end(), grant) != user.roles.end();
}

}  // namespace

Result<Done> Directory::grant_role(const std::string& org, const std::string& user_id,
                                   const storage::RoleGrant& grant, const std::string& actor,
                                   calendar::Instant at) {
    return change_account_by_id(store_, org, user_id, actor, at,
                                [&](auto& tx, const auto& user, auto& detail) -> Result<std::string> {
                                    if (auto error = unknown_role(tx, org, {grant}))
                                        return *error;
                                    if (holds(user, grant))
                                        return std::string();
                                    tx.accounts.grant_role(user.id, grant);
                                    detail = grant_json(grant);
                                    return std::string("user.role.grant");
                                });
}

Result<Done> Directory::revoke_role(const std::string& org, const std::string& user_id,
                                    const storage::RoleGrant& grant, const std::string& actor,
                                    calendar::Instant at) {
    return change_account_by_id(
        store_, org, user_id, actor, at,
        [&](auto& tx, const auto& user, auto& detail) -> Result<std::string> {
            if (!holds(user, grant))
                return std::string();
            if (grant.role == kAdministratorRole && holds_administrator(user) &&
                std::count_if(user.roles.begin(), user.roles.end(),
                              [](const auto& g) { return g.role == kAdministratorRole; }) == 1 &&
                !another_administrator(tx, org, user.id))
                return last_administrator();
            tx.accounts.revoke_role(user.id, grant);
            detail = grant_json(grant);
            return std::string("user.role.revoke");
        });
}

Result<Done> Directory::set_active(const std::string& org, const std::string& user_id, bool active,
                                   const std::string& actor, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    return change_account_by_id(
        store_, org, user_id, actor, at,
        [&](storage::Tx& tx, const storage::UserRecord& user, nlohmann::json&) -> Result<std::string> {
            if (user.active() == active)
                return std::string();
            if (!active && holds_administrator(user) && !another_administrator(tx, org, user.id))
                return last_administrator();
            tx.accounts.set_disabled(user.id, active ? std::nullopt : std::optional<int64_t>(now));
            if (!active) {
                tx.accounts.delete_sessions_of(user.id);
                tx.accounts.use_links_of(user.id, now);  // not even after it is enabled again
            }
            return std::string(active ? "user.enable" : "user.disable");
        });
}

Result<Done> Directory::set_daily_digest(const std::string& org, const std::string& user_id, bool daily,
                                         const std::string& actor, calendar::Instant at) {
    return change_account_by_id(store_, org, user_id, actor, at,
                                [&](auto& tx, const auto& user, auto& detail) -> Result<std::string> {
                                    if (user.daily_digest == daily)
                                        return std::string();
                                    tx.accounts.set_daily_digest(user.id, daily);
                                    detail["notices"] = daily ? "daily" : "immediate";
                                    return std::string("user.notices");
                                });
}

Result<Done> Directory::set_supervisor(const std::string& org, const std::string& user_id,
                                       const std::string& supervisor, const std::string& actor,
                                       calendar::Instant at) {
    return change_account_by_id(store_, org, user_id, actor, at,
                                [&](auto& tx, const auto& user, auto& detail) -> Result<std::string> {
                                    if (user.supervisor == supervisor)
                                        return std::string();
                                    if (!supervisor.empty()) {
                                        const auto chosen = tx.accounts.user_by_email(org, supervisor);
                                        if (!chosen || !chosen->active() || chosen->id == user.id)
                                            return ServiceError::with_message(
                                                ErrorKind::unprocessable, "invalid_field",
                                                "api.supervisor_not_an_account", {supervisor}, "supervisor");
                                    }
                                    tx.accounts.set_supervisor(user.id, supervisor);
                                    detail["supervisor"] = supervisor;
                                    return std::string("user.supervisor");
                                });
}

Result<Done> Directory::reset_password(const std::string& org, const std::string& user_id,
                                       const std::string& password, const std::string& actor,
                                       calendar::Instant at) {
    if (auto error = password_too_short(password))
        return *error;
    const std::string hash = hash_password(password);
    return change_account_by_id(
        store_, org, user_id, actor, at,
        [&](storage::Tx& tx, const storage::UserRecord& user, nlohmann::json&) -> Result<std::string> {
            tx.accounts.set_password(user.id, hash);
            // A link sent before no longer sets it.
            tx.accounts.use_links_of(user.id, calendar::unix_seconds(at));
            // A password reset by an administrator is a reset: whoever knew the old one may hold a
            // session or an API token of the account; both end (issue 15).
            tx.accounts.delete_sessions_of(user.id);
            tx.accounts.delete_tokens_of(user.id);
            return std::string("user.password");
        });
}

std::optional<Principal> Directory::authenticate(const std::string& token, calendar::Instant now) {
    if (token.size() != 64)
        return std::nullopt;
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) {
        user = tx.accounts.user_by_token(sha256_hex(token), calendar::unix_seconds(now));
    });
    if (!user)
        return std::nullopt;
    return Principal{user->id, user->org, user->email, user->name, user->roles};
}

std::vector<storage::OrgRecord> Directory::organisations() {
    std::vector<storage::OrgRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.orgs.all(); });
    return out;
}

std::vector<storage::UserRecord> Directory::people(const std::string& org) {
    std::vector<storage::UserRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.accounts.users_of(org); });
    return out;
}

std::vector<std::string> Directory::active_people(const std::string& org) {
    std::vector<std::string> out;
    for (const auto& u : people(org))
        if (u.active())  // a disabled account can be given no case
            out.push_back(u.email);
    return out;
}

std::optional<storage::UserRecord> Directory::person(const std::string& org, const std::string& user_id) {
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) { user = tx.accounts.user(user_id); });
    if (!user || user->org != org)
        return std::nullopt;
    return user;
}

int Directory::procedure_version(const std::string& org) {
    int version = 0;
    store_.read([&](storage::Tx& tx) { version = tx.orgs.procedure_in_force(org); });
    return version;
}

bool Directory::is_administrator(const Principal& who) {
    return std::any_of(who.roles.begin(), who.roles.end(),
                       [](const auto& g) { return g.role == kAdministratorRole; });
}

}  // namespace meldpunt::service
