#include "service/digest.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "service/links.hpp"
#include "service/message_id.hpp"
#include "service/portal_links.hpp"

namespace meldpunt::service {

namespace {

// The moment today's overview for `org` is due (07:00 local), and that day; none when the
// organisation has no procedure (and so no calendar).
std::optional<std::pair<std::chrono::sys_seconds, calendar::Day>> digest_moment(
    storage::Tx& tx, ProcedureRegistry& procedures, const std::string& org, std::chrono::sys_seconds now) {
    const auto loaded = procedures.get(tx, org, tx.orgs.procedure_in_force(org));
    if (!loaded)
        return std::nullopt;
    const calendar::Day today = loaded->calendar.local_day(now);
    return std::pair{loaded->calendar.at_local_time(today, std::chrono::hours{kDigestHour}), today};
}

struct Overview {
    const std::string& org;
    const std::string& recipient;
    calendar::Day day;
    const messages::Catalogue& language;
    const std::string& public_url;
};

// One overview of `held` in one transaction with marking them; false when today's was sent before.
bool queue_overview(storage::Tx& tx, const Overview& o, const std::vector<storage::Delivery>& held,
                    int64_t now) {
    std::string items;
    for (const auto& d : held)
        items += o.language.text("notice.digest_item",
                                 {d.subject, o.public_url + staff_path_of_notice(d.reference, d.cause)});
    const std::string name = held.back().recipient_name.empty() ? o.recipient : held.back().recipient_name;
    const std::vector<std::string> args{name, std::to_string(held.size()), items,
                                        o.public_url + kSettingsPath};
    storage::Delivery d;
    d.org = o.org;
    d.cause = "digest:" + calendar::format_day(o.day);
    d.recipient = o.recipient;
    d.recipient_name = held.back().recipient_name;
    d.subject = o.language.text("notice.digest_subject", args);
    d.body = without_portal_marker(o.language.text("notice.digest_body", args));
    d.message_id = stable_message_id(tx.message_key(), o.org, "", d.cause, o.recipient);
    d.next_attempt_at = now;
    d.created_at = now;
    if (!tx.outbox.enqueue(d))
        return false;
    for (const auto& notice : held)
        tx.outbox.mark_digested(notice.id, now);
    return true;
}

}  // namespace

int64_t queue_digests(storage::Store& store, ProcedureRegistry& procedures,
                      const messages::Catalogue& language, const std::string& public_url,
                      std::chrono::sys_seconds now) {
    const int64_t at = calendar::unix_seconds(now);
    std::vector<std::pair<std::string, std::string>> waiting;
    store.read([&](storage::Tx& tx) { waiting = tx.outbox.held_recipients(at); });
    int64_t queued = 0;
    for (const auto& person : waiting) {
        // Named, not bound: a lambda may not capture a structured binding in every compiler here.
        const std::string& org = person.first;
        const std::string& recipient = person.second;
        bool sent = false;
        store.transact([&](storage::Tx& tx) {
            const auto moment = digest_moment(tx, procedures, org, now);
            if (!moment || now < moment->first)
                return;
            const auto held = tx.outbox.held_for(org, recipient, calendar::unix_seconds(moment->first));
            sent = !held.empty() &&
                   queue_overview(tx, {org, recipient, moment->second, language, public_url}, held, at);
        });
        queued += sent ? 1 : 0;
    }
    return queued;
}

}  // namespace meldpunt::service
