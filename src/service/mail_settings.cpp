#include "service/mail_settings.hpp"

#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
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
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        if (!tx.orgs.get(org)) {
            error = ServiceError::not_found(org);
            return;
        }
        tx.orgs.set_mail_sender(org, from, name);
        append_audit(tx, calendar::unix_seconds(at), org, actor, "org.mail_sender", org,
                     nlohmann::json{{"from", from}, {"name", name}}.dump());
    });
    if (error)
        return *error;
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
        d.message_id = stable_message_id(org, "", d.cause, to);
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
