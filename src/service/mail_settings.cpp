#include "service/mail_settings.hpp"

#include <nlohmann/json.hpp>

#include "mail/imap_mailbox.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "service/message_id.hpp"
#include "service/portal_links.hpp"
#include "support/mail_address.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

storage::OrgRecord MailSettings::sender(const std::string& org) {
    std::optional<storage::OrgRecord> found;
    store_.read([&](storage::Tx& tx) { found = tx.orgs.get(org); });
    return found.value_or(storage::OrgRecord{});
}

Result<Done> MailSettings::change_setting(const std::string& org,
                                          const std::function<void(storage::Tx&)>& change) {
    bool found = false;
    store_.transact([&](storage::Tx& tx) {
        found = tx.orgs.get(org).has_value();
        if (found)
            change(tx);
    });
    if (!found)
        return ServiceError::not_found(org);
    return Done{};
}

Result<Done> MailSettings::set_sender(const std::string& org, const std::string& from,
                                      const std::string& name, const std::string& actor,
                                      calendar::Instant at) {
    if (!from.empty() && !support::is_mail_address(from))
        return ServiceError::of(ErrorKind::bad_request, "invalid_email", {from}, "mail_from");
    if (from.empty() && !name.empty())
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                          "web.admin.mail_name_without_address", {}, "mail_from_name");
    if (name.size() > 100 || !support::valid_text(name))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                          "web.admin.mail_name_invalid", {}, "mail_from_name");
    return change_setting(org, [&](storage::Tx& tx) {
        tx.orgs.set_mail_sender(org, from, name);
        append_audit(tx, calendar::unix_seconds(at), org, actor, "org.mail_sender", org,
                     nlohmann::json{{"from", from}, {"name", name}}.dump());
    });
}

Result<Done> MailSettings::set_mail_in(const std::string& org, const std::string& address,
                                       const std::string& actor, calendar::Instant at) {
    if (!address.empty() && (!support::is_mail_address(address) || address.find('+') != std::string::npos))
        return ServiceError::of(ErrorKind::bad_request, "invalid_email", {address}, "mail_in");
    return change_setting(org, [&](storage::Tx& tx) {
        tx.orgs.set_mail_in(org, address);
        append_audit(tx, calendar::unix_seconds(at), org, actor, "org.mail_in", org,
                     nlohmann::json{{"address", address}}.dump());
    });
}

Result<Done> MailSettings::set_mailbox(const std::string& org, const std::string& url,
                                       const std::string& username, const std::string& password,
                                       const std::string& actor, calendar::Instant at) {
    if (!url.empty() && (!mail::is_imap_url(url) || url.size() > 500 || !support::valid_text(url)))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                          "web.admin.mailbox_url_invalid", {}, "mailbox_url");
    if (username.size() > 200 || password.size() > 200 || !support::valid_text(username) ||
        !support::valid_text(password))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                          "web.admin.mailbox_login_invalid", {}, "mailbox_username");
    return change_setting(org, [&](storage::Tx& tx) {
        tx.incoming_mail.set_mailbox({org, url, username, password, std::nullopt, ""});
        append_audit(tx, calendar::unix_seconds(at), org, actor, "org.mailbox", org,
                     nlohmann::json{{"url", url}, {"username", username}}.dump());
    });
}

std::optional<storage::MailboxRecord> MailSettings::mailbox(const std::string& org) {
    std::optional<storage::MailboxRecord> found;
    store_.read([&](storage::Tx& tx) { found = tx.incoming_mail.mailbox(org); });
    return found;
}

std::vector<storage::IncomingMailRecord> MailSettings::arrivals(const std::string& org, int limit) {
    std::vector<storage::IncomingMailRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.incoming_mail.recent(org, limit); });
    return out;
}

std::vector<storage::IncomingMailRecord> MailSettings::quarantined(const std::string& org, int limit) {
    std::vector<storage::IncomingMailRecord> out;
    store_.read([&](storage::Tx& tx) { out = tx.incoming_mail.quarantined(org, limit); });
    return out;
}

std::optional<std::pair<storage::IncomingMailRecord, std::string>> MailSettings::message_as_received(
    const std::string& org, const std::string& raw_hash) {
    std::optional<std::pair<storage::IncomingMailRecord, std::string>> out;
    store_.read([&](storage::Tx& tx) {
        auto record = tx.incoming_mail.by_raw_hash(org, raw_hash);
        if (!record)
            return;
        auto raw = tx.incoming_mail.raw(record->raw_hash);
        if (raw)
            out.emplace(std::move(*record), std::move(*raw));
    });
    return out;
}

Result<Done> MailSettings::clear_quarantined(const std::string& org, const std::string& key,
                                             const std::string& actor, calendar::Instant at) {
    bool cleared = false;
    store_.transact([&](storage::Tx& tx) {
        cleared = tx.incoming_mail.clear(org, key, actor, calendar::unix_seconds(at));
        if (cleared)
            append_audit(tx, calendar::unix_seconds(at), org, actor, "mail.cleared", "",
                         nlohmann::json{{"message", sha256_hex(key)}}.dump());
    });
    if (!cleared)
        return ServiceError::not_found(key);
    return Done{};
}

Result<Done> MailSettings::send_test(const std::string& org, const std::string& to,
                                     const std::string& to_name, const messages::Catalogue& t,
                                     const std::string& actor, calendar::Instant at) {
    if (!support::is_mail_address(to))
        return ServiceError::of(ErrorKind::bad_request, "invalid_email", {to}, "email");
    const int64_t now = calendar::unix_seconds(at);
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        const auto organisation = tx.orgs.get(org);
        if (!organisation) {
            error = ServiceError::not_found(org);
            return;
        }
        storage::Delivery d;
        d.org = org;
        d.cause = kTestMessageCause + std::to_string(now);
        d.recipient = to;
        d.recipient_name = to_name;
        d.subject = t.text("mail.test_subject", {organisation->name});
        d.body = without_portal_marker(
            t.text("mail.test_body", {to_name.empty() ? to : to_name, organisation->name}));
        d.message_id = stable_message_id(tx.message_key(), org, "", d.cause, to);
        d.next_attempt_at = now;
        d.created_at = now;
        tx.outbox.enqueue(d);  // a second click in the same second is the same message
        append_audit(tx, now, org, actor, "mail.test", to, "{}");
    });
    if (error)
        return *error;
    return Done{};
}

std::vector<storage::Delivery> MailSettings::tests(const std::string& org, int limit) {
    std::vector<storage::Delivery> out;
    store_.read([&](storage::Tx& tx) { out = tx.outbox.tests_of(org, limit); });
    return out;
}

}  // namespace meldpunt::service
