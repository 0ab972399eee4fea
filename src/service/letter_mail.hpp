#pragma once
// Letters that leave. A letter the procedure sends (rendered and stored by CaseService) becomes
// one outbox delivery per person it is addressed to, in the transaction that wrote it, so that a
// crash loses none and sends none that was not committed:
// - "complainant": their representative when they have one with an e-mail address (002
//   §Begripsomschrijving 6), else the complainant by e-mail, else on paper (the print queue:
//   channel "print", to the postal address); an anonymous complainant without contact details
//   gets nothing;
// - "handler", "involved" (the persons complained about and the handler, 001 §Procedure 9) and
//   the procedure's roles: the accounts that hold them, by e-mail.
// Whoever receives it as the complainant finds a private portal link under the letter, made when
// the message is sent (portal_links.hpp: the outbox never holds one); staff find the link to the
// case page.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/case/case.hpp"
#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"
#include "storage/tx.hpp"

namespace meldpunt::service {

struct LetterMail {
    const storage::StoredCase& stored;
    const procedure::Letter& definition;
    const std::vector<storage::UserRecord>& users;  // the organisation's accounts
    const messages::Catalogue& language;
    const std::string& public_url;  // as CaseService::set_public_url
};

// Queues `letter` for every person its definition names, at `now`; returns how many deliveries.
int queue_letter(storage::Tx& tx, const LetterMail& mail, const storage::LetterRecord& letter, int64_t now);

// The outbox's cause of the deliveries of a letter ("letter:3"): how a case page finds them.
std::string letter_cause(int64_t seq);

}  // namespace meldpunt::service
