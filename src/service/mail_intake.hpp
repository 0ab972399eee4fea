#pragma once
// Mail in (issue 14): what became of one e-mail that arrived (CaseService::receive_mail in
// mail_intake.cpp). A new message becomes a case of the kind the procedure names for mail, its
// sender the complainant; a reply lands on its case as a message from the complainant, found by
// the case's reply address (klachten+TOKEN@...) or by the Message-ID of a message Meldpunt sent to
// that very sender, never by a reference typed in a subject; a bounce marks the message it
// returns as not delivered; an auto-reply is kept aside; what cannot be taken in waits in
// quarantine with the reason. Nothing that arrived is dropped.
#include <string>

namespace meldpunt::storage {
class Tx;
}

namespace meldpunt::service {

enum class MailOutcome {
    new_case,     // a case was registered
    reply,        // a message on an existing case
    bounce,       // a delivery report on a message Meldpunt sent
    automatic,    // an auto-reply, out of office, read receipt or list mail: no case
    quarantined,  // kept for staff with the reason
    duplicate,    // this message was taken in before
    refused,      // not taken: no such organisation, or larger than any complaint needs
};

struct MailReceipt {
    MailOutcome outcome = MailOutcome::refused;
    std::string reference;  // the case it became or joined
    std::string reason;  // quarantined, automatic, bounce, refused: why, in English (logs, the mail system)
    // Refused for now by how this server is set up (the organisation has no procedure in force):
    // the mail system should try again later rather than bounce the message.
    bool retry_later = false;
};

// "new_case", "reply" ... as recorded and printed.
const char* outcome_name(MailOutcome outcome);

// A reply address for case token `token` at the organisation's address `mail_in`
// ("klachten@x.nl" -> "klachten+TOKEN@x.nl"); empty when `mail_in` is no address.
std::string reply_address(const std::string& mail_in, const std::string& token);

// The case token in a reply address ("klachten+TOKEN@x.nl"), or empty.
std::string token_in_address(const std::string& address);

// The case's reply token, made (random, 24 hex digits) the first time a message to its
// complainant needs it.
std::string case_reply_token(storage::Tx& tx, const std::string& org, const std::string& reference);

}  // namespace meldpunt::service
