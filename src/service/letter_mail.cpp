#include "service/letter_mail.hpp"

#include <string_view>

#include "domain/procedure/builtin_roles.hpp"
#include "service/links.hpp"
#include "service/message_id.hpp"
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
    if (const std::string email = complainant_email(c); !email.empty()) {
        const bool representative = c.representative && c.representative->email == email;
        return Addressee{"email", email, representative ? c.representative->name : c.complainant.name, true};
    }
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

std::string complainant_email(const cases::Case& c) {
    if (c.representative && !c.representative->email.empty())
        return c.representative->email;
    return c.complainant.email;
}

std::string letter_cause(int64_t seq) {
    return "letter:" + std::to_string(seq);
}

std::optional<int64_t> letter_seq_of_cause(const std::string& cause) {
    constexpr std::string_view prefix = "letter:";
    if (cause.size() <= prefix.size() || cause.size() > prefix.size() + 18 ||
        cause.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    int64_t seq = 0;
    for (size_t i = prefix.size(); i < cause.size(); ++i) {
        if (cause[i] < '0' || cause[i] > '9')
            return std::nullopt;
        seq = seq * 10 + (cause[i] - '0');
    }
    return seq;
}

QueuedLetter queue_letter(storage::Tx& tx, const LetterMail& mail, const storage::LetterRecord& letter,
                          int64_t now) {
    QueuedLetter queued;
    for (const auto& to : addressees_of(mail)) {
        queued.complainant_by_email |= to.complainant && to.channel == "email";
        storage::Delivery d;
        d.org = letter.org;
        d.reference = letter.reference;
        d.cause = letter_cause(letter.seq);
        d.channel = to.channel;
        d.status = to.channel == "print" ? "to_print" : "queued";
        d.recipient = to.to;
        d.recipient_name = to.name;
        d.subject = mail.language.text("mail.letter_subject", {letter.name, letter.reference});
        d.body = without_portal_marker(letter.body);
        if (const std::string link = link_below(mail, letter, to); !link.empty())
            d.body += "\n\n" + link;
        d.message_id = stable_message_id(tx.message_key(), letter.org, letter.reference, d.cause,
                                         to.channel + ":" + to.to);
        d.next_attempt_at = now;
        d.created_at = now;
        if (tx.outbox.enqueue(d))
            ++queued.deliveries;
    }
    return queued;
}

namespace {

// Whether the complainant's addressee is greeted by name: not an anonymous complainant, nor one
// without a name.
bool named(const cases::Case& c, const Addressee& to) {
    return !to.name.empty() && !(c.complainant.anonymous && to.name == c.complainant.name);
}

std::string greeting(const cases::Case& c, const Addressee& to, const messages::Catalogue& t) {
    return named(c, to) ? t.text("mail.greeting_named", {to.name}) : t.text("mail.greeting_unnamed");
}

}  // namespace

std::string message_cause(int64_t seq) {
    return "message:" + std::to_string(seq);
}

bool queue_message_to_complainant(storage::Tx& tx, const MessageMail& mail, int64_t now) {
    const cases::Case& c = mail.stored.state;
    const auto to = complainant_addressee(c);
    if (!to || to->channel != "email")
        return false;
    const messages::Catalogue& t = mail.language;
    const storage::MessageRecord& m = mail.message;
    std::string text = greeting(c, *to, t) + "\n\n" +
                       t.text("mail.message_intro", {mail.organisation, mail.stored.subject, c.reference}) +
                       "\n\n" + m.body;
    if (!m.documents.empty())
        text += "\n\n" + t.text("mail.message_attachments", {std::to_string(m.documents.size())});
    storage::Delivery d;
    d.org = mail.stored.org;
    d.reference = c.reference;
    d.cause = message_cause(m.seq);
    d.recipient = to->to;
    d.recipient_name = named(c, *to) ? to->name : "";
    d.subject = t.text("mail.message_subject", {mail.organisation, c.reference});
    // The message's own text cannot place a portal link: only the line below it does.
    d.body = without_portal_marker(text) + "\n\n" + t.text("mail.portal_link", {kPortalLinkMarker});
    d.message_id = stable_message_id(tx.message_key(), d.org, d.reference, d.cause, "email:" + d.recipient);
    d.next_attempt_at = now;
    d.created_at = now;
    return tx.outbox.enqueue(d);
}

bool queue_portal_invitation(storage::Tx& tx, const PortalInvitation& invitation, int64_t now) {
    const cases::Case& c = invitation.stored.state;
    const auto to = complainant_addressee(c);
    if (!to || to->channel != "email")
        return false;
    const messages::Catalogue& t = invitation.language;
    storage::Delivery d;
    d.org = invitation.stored.org;
    d.reference = c.reference;
    d.cause = kPortalInvitationCause;
    d.recipient = to->to;
    d.recipient_name = named(c, *to) ? to->name : "";
    d.subject = t.text("mail.invitation_subject", {invitation.organisation, c.reference});
    d.body = without_portal_marker(greeting(c, *to, t) + "\n\n" +
                                   t.text("mail.invitation_body", {invitation.organisation,
                                                                   invitation.stored.subject, c.reference})) +
             "\n\n" + t.text("mail.portal_link", {kPortalLinkMarker});
    d.message_id = stable_message_id(tx.message_key(), d.org, d.reference, d.cause, "email:" + d.recipient);
    d.next_attempt_at = now;
    d.created_at = now;
    return tx.outbox.enqueue(d);
}

}  // namespace meldpunt::service
