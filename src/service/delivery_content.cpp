#include "service/delivery_content.hpp"

#include "pdf/letter_pdf.hpp"
#include "service/account_links.hpp"
#include "service/letter_document.hpp"
#include "service/letter_mail.hpp"
#include "service/mail_intake.hpp"
#include "service/portal_links.hpp"

namespace meldpunt::service {

DeliveryContents::DeliveryContents(storage::Store& store, const messages::Catalogue& letter_language)
    : store_(store), language_(letter_language) {}

DeliveryContent DeliveryContents::of(const storage::Delivery& delivery, const std::string& public_url,
                                     int64_t now) {
    DeliveryContent content;
    storage::Delivery with_portal_link = delivery;
    with_portal_link.body = body_with_portal_link(store_, delivery, public_url, now);
    content.text = body_with_password_link(store_, with_portal_link, public_url, now);
    if (delivery.channel == "email") {
        content.letter = letter_of(delivery);
        content.reply_to = reply_to_of(delivery);
    }
    return content;
}

std::string DeliveryContents::reply_to_of(const storage::Delivery& delivery) {
    if (delivery.reference.empty())
        return {};
    std::string mail_in, token;
    bool to_complainant = false;
    store_.read([&](storage::Tx& tx) {
        const auto org = tx.orgs.get(delivery.org);
        mail_in = org ? org->mail_in : "";
        const auto stored = mail_in.empty() ? std::nullopt : tx.cases.get(delivery.org, delivery.reference);
        if (!stored)
            return;
        const auto& state = stored->state;
        to_complainant = delivery.recipient == complainant_email(state) ||
                         delivery.recipient == state.complainant.email ||
                         (state.representative && delivery.recipient == state.representative->email);
        if (to_complainant)
            token = tx.incoming_mail.reply_token(delivery.org, delivery.reference);
    });
    if (!to_complainant)
        return {};
    if (token.empty())  // the first message that needs it: made and committed before it leaves
        store_.transact(
            [&](storage::Tx& tx) { token = case_reply_token(tx, delivery.org, delivery.reference); });
    return reply_address(mail_in, token);
}

std::optional<LetterFile> DeliveryContents::letter_of(const storage::Delivery& delivery) {
    const auto seq = letter_seq_of_cause(delivery.cause);
    if (!seq)
        return std::nullopt;
    std::optional<CaseRecord> record;
    std::optional<storage::LetterRecord> letter;
    store_.read([&](storage::Tx& tx) {
        record.reset();
        letter.reset();
        auto stored = tx.cases.get(delivery.org, delivery.reference);
        if (!stored)
            return;
        auto procedure = procedures_.get(tx, delivery.org, stored->state.procedure_version);
        if (!procedure)
            return;
        for (auto& l : tx.dossier.letters(delivery.org, delivery.reference))
            if (l.seq == *seq)
                letter = std::move(l);
        record = CaseRecord{std::move(*stored), std::move(procedure), {}, {}};
    });
    if (!record || !letter)
        return std::nullopt;
    auto document = letter_document(*record, *letter, language_);
    // The address window shows the complainant's name and home address: only they (or their
    // representative) get the letter with it; a copy to staff, perhaps to the employee the
    // complaint is about, goes without it.
    if (delivery.recipient != complainant_email(record->stored.state))
        document.recipient_lines.clear();
    return LetterFile{letter_file_name(*letter), pdf::render_letter(document)};
}

}  // namespace meldpunt::service
