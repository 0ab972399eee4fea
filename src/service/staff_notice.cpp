#include "service/staff_notice.hpp"

#include "service/message_id.hpp"
#include "service/portal_links.hpp"

namespace meldpunt::service {

std::vector<storage::Delivery> staff_notice_messages(const StaffNotice& notice,
                                                     const std::vector<Recipient>& to,
                                                     const messages::Catalogue& language, int64_t at,
                                                     const std::string& message_key) {
    std::vector<storage::Delivery> out;
    out.reserve(to.size());
    for (const auto& person : to) {
        std::vector<std::string> args{person.name.empty() ? person.email : person.name};
        args.insert(args.end(), notice.args.begin(), notice.args.end());
        storage::Delivery& d = out.emplace_back();
        d.org = notice.org;
        d.reference = notice.reference;
        d.cause = notice.cause;
        d.recipient = person.email;
        d.recipient_name = person.name;
        d.status = person.daily_digest ? "held" : "queued";
        d.subject = language.text(notice.key + "_subject", args);
        d.body =
            without_portal_marker(language.text(notice.key + "_body", args));  // staff get no portal link
        d.message_id =
            stable_message_id(message_key, notice.org, notice.reference, notice.cause, person.email);
        d.next_attempt_at = at;
        d.created_at = at;
    }
    return out;
}

int queue_staff_notice(storage::Tx& tx, const StaffNotice& notice, const std::vector<Recipient>& to,
                       const messages::Catalogue& language, int64_t at) {
    return static_cast<int>(
        tx.outbox.enqueue(staff_notice_messages(notice, to, language, at, tx.message_key())));
}

int queue_staff_notice_to(storage::Tx& tx, const StaffNotice& notice, const std::string& email,
                          const messages::Catalogue& language, int64_t at) {
    const auto users = tx.accounts.users_of(notice.org);
    Recipients to(users);
    to.add_account(email);
    return queue_staff_notice(tx, notice, to.list(), language, at);
}

}  // namespace meldpunt::service
