#include "service/letter_mail.hpp"

#include "domain/procedure/builtin_roles.hpp"
#include "service/crypto.hpp"
#include "service/links.hpp"
#include "service/portal_links.hpp"
#include "service/recipients.hpp"

namespace meldpunt::service {

namespace {

constexpr const char* kInvolved = "involved";

struct Addressee {
    std::string channel;  // "email" or "print"
    std::string to;       // e-mail address, or postal address for print
    std::string name;
    bool complainant = false;
};

// Whom a letter to the complainant reaches: see letter_mail.hpp.
std::optional<Addressee> complainant_addressee(const cases::Case& c) {
    if (c.representative && !c.representative->email.empty())
        return Addressee{"email", c.representative->email, c.representative->name, true};
    if (!c.complainant.email.empty())
        return Addressee{"email", c.complainant.email, c.complainant.name, true};
    if (!c.complainant.address.empty())
        return Addressee{"print", c.complainant.address, c.complainant.name, true};
    return std::nullopt;
}

std::vector<Addressee> addressees_of(const LetterMail& mail) {
    const cases::Case& c = mail.stored.state;
    std::vector<Addressee> out;
    Recipients staff(mail.users);
    for (const auto& to : mail.definition.to) {
        if (to == procedure::kComplainantRole) {
            if (auto addressee = complainant_addressee(c))
                out.push_back(*addressee);
        } else if (to == kInvolved) {
            staff.add_involved(c);
        } else {
            staff.add_role(to, c);
        }
    }
    for (const auto& person : staff.list())
        if (out.empty() || person.email != out.front().to)
            out.push_back({"email", person.email, person.name, false});
    return out;
}

// A letter to the same person is always the same message (the outbox keeps it once).
std::string message_id_of(const storage::LetterRecord& letter, const Addressee& to) {
    return "<" +
           sha256_hex(letter.org + "\n" + letter.reference + "\n" + letter_cause(letter.seq) + "\n" +
                      to.channel + ":" + to.to)
               .substr(0, 40) +
           "@meldpunt>";
}

// What follows the letter in an e-mail: the complainant's way into their case (the link itself is
// made when the message is sent: portal_links.hpp), or staff's.
std::string link_below(const LetterMail& mail, const storage::LetterRecord& letter, const Addressee& to) {
    if (to.channel != "email")
        return "";
    if (!to.complainant)
        return mail.language.text("mail.case_link", {mail.public_url + staff_case_path(letter.reference)});
    return mail.language.text("mail.portal_link", {kPortalLinkMarker});
}

}  // namespace

std::string letter_cause(int64_t seq) {
    return "letter:" + std::to_string(seq);
}

int queue_letter(storage::Tx& tx, const LetterMail& mail, const storage::LetterRecord& letter, int64_t now) {
    int queued = 0;
    for (const auto& to : addressees_of(mail)) {
        storage::Delivery d;
        d.org = letter.org;
        d.reference = letter.reference;
        d.cause = letter_cause(letter.seq);
        d.channel = to.channel;
        d.status = to.channel == "print" ? "to_print" : "queued";
        d.recipient = to.to;
        d.recipient_name = to.name;
        d.subject = mail.language.text("mail.letter_subject", {letter.name, letter.reference});
        d.body = letter.body;
        if (const std::string link = link_below(mail, letter, to); !link.empty())
            d.body += "\n\n" + link;
        d.message_id = message_id_of(letter, to);
        d.next_attempt_at = now;
        d.created_at = now;
        if (tx.outbox.enqueue(d))
            ++queued;
    }
    return queued;
}

}  // namespace meldpunt::service
