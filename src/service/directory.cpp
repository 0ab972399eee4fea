#include "service/directory.hpp"

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "app/procedure_loader.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"

namespace meldpunt::service {

bool valid_org_id(const std::string& id) {
    // Each organisation's public pages live at /{id}/...; these first segments are Meldpunt's own.
    static const std::vector<std::string> reserved{"api",    "werk",    "login",  "logout",
                                                   "static", "healthz", "metrics"};
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
    return {ErrorKind::unprocessable,
            "invalid_procedure",
            "api.invalid_procedure",
            {std::to_string(diagnostics.size())},
            "procedure"};
}

}  // namespace

Result<int> create_org(storage::Store& store, const NewOrg& org, const std::string& actor, int64_t now,
                       std::vector<procedure_file::Diagnostic>* diagnostics) {
    if (!valid_org_id(org.id))
        return ServiceError{ErrorKind::bad_request, "invalid_org_id", "api.invalid_org_id", {org.id}, "id"};
    auto loaded = app::load_procedure_text(org.procedure_text);
    if (!loaded.loaded)
        return invalid_procedure(loaded.diagnostics, diagnostics);
    std::optional<ServiceError> error;
    store.transact([&](storage::Tx& tx) {
        error.reset();
        if (tx.org(org.id)) {
            error = ServiceError{ErrorKind::conflict, "org_exists", "api.org_exists", {org.id}, "id"};
            return;
        }
        tx.insert_org({org.id, org.name.empty() ? loaded.loaded->procedure.meta.organisation : org.name},
                      now);
        tx.add_procedure(org.id, org.procedure_text, now);
        append_audit(tx, now, org.id, actor, "org.create", org.id,
                     nlohmann::json{{"procedure", loaded.loaded->procedure.meta.id}, {"version", 1}}.dump());
    });
    if (error)
        return *error;
    return 1;
}

Result<int> add_procedure_version(storage::Store& store, const std::string& org, const std::string& text,
                                  const std::string& actor, int64_t now,
                                  std::vector<procedure_file::Diagnostic>* diagnostics) {
    auto loaded = app::load_procedure_text(text);
    if (!loaded.loaded)
        return invalid_procedure(loaded.diagnostics, diagnostics);
    int version = 0;
    store.transact([&](storage::Tx& tx) {
        version = 0;
        if (!tx.org(org))
            return;
        version = tx.add_procedure(org, text, now);
        append_audit(tx, now, org, actor, "procedure.add", org, nlohmann::json{{"version", version}}.dump());
    });
    if (version == 0)
        return ServiceError{ErrorKind::not_found, "org_not_found", "api.org_not_found", {org}};
    return version;
}

Result<std::string> create_user(storage::Store& store, const NewUser& user, const std::string& actor,
                                int64_t now) {
    if (user.email.empty() || user.email.find('@') == std::string::npos || user.email.size() > 254)
        return ServiceError{
            ErrorKind::bad_request, "invalid_email", "api.invalid_email", {user.email}, "email"};
    if (user.roles.empty())
        return ServiceError{ErrorKind::bad_request, "missing_role", "api.missing_role", {}, "role"};
    if (!user.password.empty() && user.password.size() < kMinPasswordLength)
        return ServiceError{ErrorKind::unprocessable,
                            "password_too_short",
                            "api.password_too_short",
                            {std::to_string(kMinPasswordLength)},
                            "password"};
    const std::string token = random_token();
    const std::string password_hash = user.password.empty() ? "" : hash_password(user.password);
    std::optional<ServiceError> error;
    store.transact([&](storage::Tx& tx) {
        error.reset();
        if (!tx.org(user.org)) {
            error =
                ServiceError{ErrorKind::not_found, "org_not_found", "api.org_not_found", {user.org}, "org"};
            return;
        }
        auto text = tx.procedure_text(user.org, tx.latest_procedure_version(user.org));
        auto loaded = app::load_procedure_text(text.value_or(""));
        for (const auto& grant : user.roles) {
            // "complainant" is given by a portal link and "handler" by an assignment, never to an account.
            const bool given_otherwise = grant.role == "complainant" || grant.role == "handler";
            const bool known =
                !given_otherwise && (grant.role == "administrator" ||
                                     (loaded.loaded && loaded.loaded->procedure.role(grant.role)));
            const bool unit_known =
                grant.unit.empty() || (loaded.loaded && loaded.loaded->procedure.unit(grant.unit));
            if (!known || !unit_known) {
                error = ServiceError{ErrorKind::bad_request,
                                     "unknown_role",
                                     "api.unknown_role",
                                     {grant.role + (grant.unit.empty() ? "" : "@" + grant.unit)},
                                     "role"};
                return;
            }
        }
        if (tx.user_by_email(user.org, user.email)) {
            error =
                ServiceError{ErrorKind::conflict, "user_exists", "api.user_exists", {user.email}, "email"};
            return;
        }
        storage::UserRecord record{
            random_token().substr(0, 32), user.org, user.email, user.name, password_hash, user.roles};
        tx.insert_user(record, now);
        tx.insert_token(sha256_hex(token), record.id, now);
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
        auto user = tx.user_by_email(org, email);
        found = user.has_value();
        if (!found)
            return;
        change(tx, *user);
        append_audit(tx, now, org, actor, audit_action, email, "{}");
    });
    return found;
}

}  // namespace

std::optional<std::string> issue_token(storage::Store& store, const std::string& org,
                                       const std::string& email, const std::string& actor, int64_t now) {
    const std::string token = random_token();
    if (!change_account(store, org, email, actor, now, "token.issue",
                        [&](storage::Tx& tx, const storage::UserRecord& user) {
                            tx.insert_token(sha256_hex(token), user.id, now);
                        }))
        return std::nullopt;
    return token;
}

bool set_password(storage::Store& store, const std::string& org, const std::string& email,
                  const std::string& password, const std::string& actor, int64_t now) {
    const std::string hash = hash_password(password);
    return change_account(
        store, org, email, actor, now, "user.password",
        [&](storage::Tx& tx, const storage::UserRecord& user) { tx.set_password(user.id, hash); });
}

std::optional<Principal> authenticate(storage::Store& store, const std::string& token) {
    if (token.size() != 64)
        return std::nullopt;
    std::optional<storage::UserRecord> user;
    store.read([&](storage::Tx& tx) { user = tx.user_by_token(sha256_hex(token)); });
    if (!user)
        return std::nullopt;
    return Principal{user->id, user->org, user->email, user->name, user->roles};
}

}  // namespace meldpunt::service
