#pragma once
// What a queued delivery carries as it leaves: its text, with the complainant's portal link made at
// that moment (portal_links.hpp) or the link to set a password (account_links.hpp), and, for a letter sent by
// e-mail, the letter as the PDF its reader would download from the case page or the portal
// (letter_document.hpp). The PDF is made when the message is sent, not kept in the outbox: the stored letter
// is the record, and the outbox stays small.
#include <cstdint>
#include <optional>
#include <string>

#include "messages/catalogue.hpp"
#include "service/procedure_registry.hpp"
#include "storage/outbox.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

struct LetterFile {
    std::string file_name;  // "2027-000001 Ontvangstbevestiging.pdf"
    std::string bytes;      // application/pdf
};

struct DeliveryContent {
    std::string text;
    std::optional<LetterFile> letter;  // a letter's deliveries by e-mail; none for notices
    // Where the complainant's (or representative's) answer goes: the case's reply address at the
    // organisation's address for mail in (mail_intake.hpp); empty for everyone else, or when the
    // organisation has no such address.
    std::string reply_to;
};

class DeliveryContents {
  public:
    // `letter_language`: the language letters are written in (as CaseService's).
    DeliveryContents(storage::Store& store, const messages::Catalogue& letter_language);

    // `delivery` as it is sent at `now`, its portal link below `public_url`.
    DeliveryContent of(const storage::Delivery& delivery, const std::string& public_url, int64_t now);

  private:
    // The case's reply address, when `delivery` goes to its complainant or representative by e-mail.
    std::string reply_to_of(const storage::Delivery& delivery);
    // The letter a delivery carries out as a PDF; none when it carries out no letter, or the
    // letter or its case is no longer there.
    std::optional<LetterFile> letter_of(const storage::Delivery& delivery);

    storage::Store& store_;
    ProcedureRegistry procedures_;
    const messages::Catalogue& language_;
};

}  // namespace meldpunt::service
