#include "service/account_links.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "service/directory.hpp"
#include "service/links.hpp"
#include "service/message_id.hpp"
#include "service/portal_links.hpp"
#include "support/mail_address.hpp"

namespace meldpunt::service {

namespace {

constexpr const char* kInvite = "invite";
constexpr const char* kReset = "reset";

// "account:invite:<user id>:<unix seconds>": what the link made as the message leaves is for.
std::string link_cause(const std::string& purpose, const std::string& user_id, int64_t now) {
    return "account:" + purpose + ":" + user_id + ":" + std::to_string(now);
}

struct LinkCause {
    std::string purpose, user_id;
};

std::optional<LinkCause> parse_link_cause(const std::string& cause) {
    const std::string prefix = "account:";
    if (cause.rfind(prefix, 0) != 0)
        return std::nullopt;
    const size_t purpose_end = cause.find(':', prefix.size());
    const size_t user_end = purpose_end == std::string::npos ? purpose_end : cause.find(':', purpose_end + 1);
    if (user_end == std::string::npos)
        return std::nullopt;
    return LinkCause{cause.substr(prefix.size(), purpose_end - prefix.size()),
                     cause.substr(purpose_end + 1, user_end - purpose_end - 1)};
}

// The message with the link: to the account's address, from the organisation's sender.
void queue_link(storage::Tx& tx, const storage::UserRecord& user, const std::string& purpose,
                const messages::Catalogue& t, int64_t now) {
    const auto organisation = tx.orgs.get(user.org);
    const std::string org_name = organisation ? organisation->name : user.org;
    const std::string name = user.name.empty() ? user.email : user.name;
    storage::Delivery d;
    d.org = user.org;
    d.cause = link_cause(purpose, user.id, now);
    d.recipient = user.email;
    d.recipient_name = user.name;
    d.subject = t.text("mail." + purpose + "_subject", {org_name});
    d.body = without_portal_marker(t.text("mail." + purpose + "_body", {name, org_name})) + "\n\n" +
             kPasswordLinkMarker + "\n";
    d.message_id = stable_message_id(tx.message_key(), user.org, "", d.cause, user.email);
    d.next_attempt_at = now;
    d.created_at = now;
    tx.outbox.enqueue(d);
}

ServiceError link_not_usable() {
    return ServiceError::with_message(ErrorKind::not_found, "link_not_usable", "api.link_not_usable");
}

}  // namespace

Result<Done> AccountLinks::invite(const std::string& org, const std::string& user_id,
                                  const messages::Catalogue& language, const std::string& actor,
                                  calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        const auto user = tx.accounts.user(user_id);
        if (!user || user->org != org || !user->active()) {
            error = ServiceError::of(ErrorKind::not_found, "user_not_found", {}, "user");
            return;
        }
        queue_link(tx, *user, kInvite, language, now);
        append_audit(tx, now, org, actor, "user.invite", user->email, "{}");
    });
    if (error)
        return *error;
    return Done{};
}

Result<Done> AccountLinks::request_reset(const std::string& email, const std::string& client,
                                         const messages::Catalogue& language, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (email.size() > 254 || !support::is_mail_address(email))
        return ServiceError::of(ErrorKind::bad_request, "invalid_email", {email}, "email");
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        const std::string by_address = "address:" + email, by_client = "client:" + client;
        const int64_t since = now - kRequestWindowSeconds;
        tx.throttling.forget_link_requests_before(since);
        if (tx.throttling.link_requests_since(by_address, since) >= kMaxRequestsPerAddress ||
            tx.throttling.link_requests_since(by_client, since) >= kMaxRequestsPerClient) {
            error = ServiceError::of(ErrorKind::too_many_requests, "too_many_link_requests",
                                     {std::to_string(kRequestWindowSeconds / 60)});
            return;
        }
        tx.throttling.record_link_request(by_address, now);
        tx.throttling.record_link_request(by_client, now);
        // Also an invited person whose invitation expired (they have no password yet).
        for (const auto& user : tx.accounts.active_users_with_email(email)) {
            queue_link(tx, user, kReset, language, now);
            append_audit(tx, now, user.org, email, "user.reset_requested", email, "{}");
        }
    });
    if (error)
        return *error;
    return Done{};
}

Result<storage::UserRecord> AccountLinks::account_of(const std::string& token, calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    std::optional<storage::UserRecord> user;
    store_.read([&](storage::Tx& tx) {
        user.reset();
        const auto link = tx.accounts.link(sha256_hex(token));
        if (!link || link->used_at || link->expires_at <= now)
            return;
        user = tx.accounts.user(link->user_id);
        if (user && !user->active())
            user.reset();
    });
    if (!user)
        return link_not_usable();
    return *user;
}

Result<storage::UserRecord> AccountLinks::set_password(const std::string& token, const std::string& password,
                                                       calendar::Instant at) {
    const int64_t now = calendar::unix_seconds(at);
    if (password.size() < kMinPasswordLength)
        return ServiceError::of(ErrorKind::unprocessable, "password_too_short",
                                {std::to_string(kMinPasswordLength)}, "password");
    if (password.size() > 1024)
        return ServiceError::invalid_field("password", "too_long");
    const std::string hash = hash_password(password);
    std::optional<storage::UserRecord> user;
    store_.transact([&](storage::Tx& tx) {
        user.reset();
        const std::string token_hash = sha256_hex(token);
        const auto link = tx.accounts.link(token_hash);
        if (!link)
            return;
        user = tx.accounts.user(link->user_id);
        // Used up here, conditionally: of two requests with one link, only one sets a password.
        if (!user || !user->active() || !tx.accounts.use_link(token_hash, now)) {
            user.reset();
            return;
        }
        tx.accounts.set_password(user->id, hash);
        tx.accounts.use_links_of(user->id, now);
        tx.accounts.delete_sessions_of(user->id);
        // A reset follows a forgotten or a stolen password: the account's API tokens end too (issue
        // 15). An invitation sets the first password and leaves the tokens an account was made with.
        if (link->purpose == kReset)
            tx.accounts.delete_tokens_of(user->id);
        append_audit(tx, now, user->org, user->email, "user.password_set", user->email,
                     nlohmann::json{{"by", link->purpose}}.dump());
    });
    if (!user)
        return link_not_usable();
    return *user;
}

std::string body_with_password_link(storage::Store& store, const storage::Delivery& delivery,
                                    const std::string& public_url, int64_t now) {
    std::string body = delivery.body;
    const auto at = body.rfind(kPasswordLinkMarker);
    const auto cause = parse_link_cause(delivery.cause);
    if (at == std::string::npos || !cause)
        return body;
    const std::string token = random_token();
    const int64_t lasts =
        cause->purpose == kInvite ? AccountLinks::kInvitationSeconds : AccountLinks::kResetSeconds;
    // Committed before the message leaves: the link works the moment it arrives.
    store.transact([&](storage::Tx& tx) {
        tx.accounts.forget_links_expired_before(now);
        tx.accounts.insert_link(sha256_hex(token),
                                {cause->user_id, cause->purpose, now, now + lasts, std::nullopt});
    });
    body.replace(at, std::strlen(kPasswordLinkMarker), public_url + password_path(token));
    return body;
}

}  // namespace meldpunt::service
