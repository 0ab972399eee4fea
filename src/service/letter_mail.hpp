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
#include <optional>
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

struct QueuedLetter {
    int deliveries = 0;                 // queued now (a letter queued before adds none)
    bool complainant_by_email = false;  // the complainant (or representative) is written to by e-mail
};

// Queues `letter` for every person its definition names, at `now`.
QueuedLetter queue_letter(storage::Tx& tx, const LetterMail& mail, const storage::LetterRecord& letter,
                          int64_t now);

// Every complainant with an e-mail address gets their portal link, whatever the channel they used
// (issue 11): at intake, when no letter of the intake was mailed to them, a short message says the
// case is registered under its reference and carries the link (made as it leaves). It promises
// nothing the procedure does not: the acknowledgement stays the procedure's own letter.
struct PortalInvitation {
    const storage::StoredCase& stored;
    const std::string& organisation;  // its name, as the complainant knows it
    const messages::Catalogue& language;
};
inline constexpr const char* kPortalInvitationCause = "portal:intake";

// Queues the invitation to the complainant, or their representative, when they have an e-mail
// address; false when there is nobody to mail (or it was queued before).
bool queue_portal_invitation(storage::Tx& tx, const PortalInvitation& invitation, int64_t now);

// A member of staff's message to the complainant (a reply in the conversation) is mailed to them,
// or their representative, when they have an e-mail address: the message itself, a word on its
// attachments (which stay in the portal) and the portal link (made as it leaves). Without an
// e-mail address the complainant reads it in the portal.
struct MessageMail {
    const storage::StoredCase& stored;
    const storage::MessageRecord& message;
    const std::string& organisation;  // its name, as the complainant knows it
    const messages::Catalogue& language;
};
// Queues it; false when there is nobody to mail (or it was queued before).
bool queue_message_to_complainant(storage::Tx& tx, const MessageMail& mail, int64_t now);
// The outbox's cause of that delivery ("message:3").
std::string message_cause(int64_t seq);

// The address a letter to the complainant is mailed to: their representative's when they have one
// with an e-mail address (002 §Begripsomschrijving 6), else their own; empty: on paper or not at all.
std::string complainant_email(const cases::Case& c);

// The outbox's cause of the deliveries of a letter ("letter:3"): how a case page finds them.
std::string letter_cause(int64_t seq);
// The letter number of a cause made by letter_cause; none for any other cause.
std::optional<int64_t> letter_seq_of_cause(const std::string& cause);

}  // namespace meldpunt::service
