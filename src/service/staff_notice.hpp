#pragma once
// Notices to staff about a case: a deadline coming or passed and an escalation (the sweep), the
// case assigned to them, a message from the complainant (CaseService). Each is one outbox message
// per person, written in the transaction of what caused it, in the catalogue's words ([notice] in
// messages/*.toml), with a Message-ID stable per cause and person. A person who chose one overview
// a day (UserRecord::daily_digest) has it held for that overview (digest.hpp) instead.
#include <cstdint>
#include <string>
#include <vector>

#include "messages/catalogue.hpp"
#include "service/recipients.hpp"
#include "storage/tx.hpp"

namespace meldpunt::service {

struct StaffNotice {
    std::string org, reference;
    std::string cause;              // what it carries out ("assigned:4"); with the person, its Message-ID
    std::string key;                // "notice.assigned": the catalogue's notice.assigned_subject and _body
    std::vector<std::string> args;  // {1}, {2} ... of the text; {0} is the person's name
};

// The messages of `notice` to each of `to` at `at`, as the outbox keeps them; their Message-IDs
// under `message_key` (storage::Tx::message_key).
std::vector<storage::Delivery> staff_notice_messages(const StaffNotice& notice,
                                                     const std::vector<Recipient>& to,
                                                     const messages::Catalogue& language, int64_t at,
                                                     const std::string& message_key);
// Queues `notice` for each of `to` at `at`; returns how many messages were new.
int queue_staff_notice(storage::Tx& tx, const StaffNotice& notice, const std::vector<Recipient>& to,
                       const messages::Catalogue& language, int64_t at);
// Queues `notice` for the one active account `email` of the notice's organisation (none when it is
// not one): the case assigned, forwarded, judged urgent, a commitment to carry out.
int queue_staff_notice_to(storage::Tx& tx, const StaffNotice& notice, const std::string& email,
                          const messages::Catalogue& language, int64_t at);

}  // namespace meldpunt::service
