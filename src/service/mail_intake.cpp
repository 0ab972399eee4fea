// Mail in (issue 14): CaseService::receive_mail. Each message is read with GMime
// (mail/incoming_message), recorded once per organisation and Message-ID in the same transaction
// as what it caused, and kept byte for byte.
#include "service/mail_intake.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "domain/calendar/instant.hpp"
#include "mail/incoming_message.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/crypto.hpp"
#include "service/message_id.hpp"
#include "support/enum_names.hpp"
#include "support/mail_address.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

using std::chrono::sys_seconds;

namespace {

constexpr support::EnumName<MailOutcome> kOutcomeNames[] = {
    {MailOutcome::new_case, "new_case"},       {MailOutcome::reply, "reply"},
    {MailOutcome::bounce, "bounce"},           {MailOutcome::automatic, "automatic"},
    {MailOutcome::quarantined, "quarantined"}, {MailOutcome::duplicate, "duplicate"},
    {MailOutcome::refused, "refused"}};
static_assert(support::names_every_value(kOutcomeNames, MailOutcome::refused));

// The head of a message too large to take in, kept in quarantine so that staff see who sent what.
constexpr size_t kQuarantinedHeadBytes = 64 * 1024;
// A Received date further back than this is not believed: the moment of delivery is the server's.
constexpr int64_t kLongestDeliveryDelay = 7 * 24 * 3600;
constexpr size_t kTokenLength = 24;

// A record already there for this message: another delivery of it won the race.
struct AlreadyTaken {};

// A file name the dossier takes: no path, at most 200 bytes with its extension kept.
std::string file_name(const std::string& given) {
    std::string name = given;
    std::replace(name.begin(), name.end(), '/', '_');
    std::replace(name.begin(), name.end(), '\\', '_');
    if (name.size() <= 200)
        return name;
    const auto dot = name.rfind('.');
    const std::string extension = dot != std::string::npos && name.size() - dot <= 10 ? name.substr(dot) : "";
    return support::utf8_prefix(name, 200 - extension.size()) + extension;
}

std::string iso_utc(int64_t seconds) {
    return calendar::format_instant(sys_seconds{std::chrono::seconds{seconds}});
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// When the organisation's mail server took the message in: its topmost Received header, when that
// is no later than now and at most a week before; else now.
int64_t delivered_at(const mail::IncomingMessage& message, int64_t now) {
    if (!message.received)
        return now;
    const int64_t received = message.received->time_since_epoch().count();
    return received <= now && received >= now - kLongestDeliveryDelay ? received : now;
}

storage::IncomingMailRecord record_of(const std::string& org, const std::string& key, const std::string& raw,
                                      size_t size, const std::string& outcome, int64_t at) {
    storage::IncomingMailRecord r;
    r.org = org;
    r.message_key = key;
    r.received_at = at;
    r.outcome = outcome;
    r.size = static_cast<int64_t>(size);
    r.raw_hash = sha256_hex(raw);
    return r;
}

// Records `r` with its bytes, audited without its content; throws AlreadyTaken when the message
// was recorded before.
void keep(storage::Tx& tx, const storage::IncomingMailRecord& r, const std::string& raw) {
    tx.incoming_mail.put_raw(r.raw_hash, raw);
    if (!tx.incoming_mail.record(r))
        throw AlreadyTaken{};
    append_audit(
        tx, r.received_at, r.org, "mail", "mail." + r.outcome, r.reference,
        nlohmann::json{{"message", sha256_hex(r.message_key)}, {"size", r.size}, {"reason", r.reason}}
            .dump());
}

// A web form or forwarding service sends from its own no-reply address with the person in
// Reply-To: the person is the sender.
void sender_of_relayed(mail::IncomingMessage& message) {
    if (!message.reply_to || message.reply_to->address == message.from.address)
        return;
    const auto local = message.from.address.substr(0, message.from.address.find('@'));
    for (const char* no_reply :
         {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply"})
        if (local.find(no_reply) != std::string::npos) {
            message.from = *message.reply_to;
            return;
        }
}

// `text` with every portal link (".../ORG/portaal/64 hex digits") made harmless: a reply quotes
// the message it answers, link and all, and whoever reads the case must not get the key to it.
std::string without_portal_links(const std::string& text) {
    const std::string marker = "/portaal/";
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    std::string out;
    size_t copied = 0;
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        const size_t token = at + marker.size();
        if (text.size() - token < 64 || !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(token),
                                                     text.begin() + static_cast<std::ptrdiff_t>(token + 64),
                                                     [](unsigned char c) { return std::isxdigit(c); }))
            continue;
        size_t begin = at;
        while (begin > copied && !space(text[begin - 1]))
            --begin;
        size_t end = token + 64;
        while (end < text.size() && !space(text[end]))
            ++end;
        out.append(text, copied, begin - copied);
        out += "[portaallink]";
        copied = end;
        at = end - 1;
    }
    out.append(text, copied, std::string::npos);
    return out;
}

}  // namespace

const char* outcome_name(MailOutcome outcome) {
    return support::name_of(kOutcomeNames, outcome, "refused");
}

std::string reply_address(const std::string& mail_in, const std::string& token) {
    const auto at = mail_in.find('@');
    if (at == std::string::npos || at == 0 || token.empty() || !support::is_mail_address(mail_in))
        return {};
    return mail_in.substr(0, at) + "+" + token + mail_in.substr(at);
}

std::string token_in_address(const std::string& address) {
    const auto at = address.rfind('@');
    const auto plus = address.find('+');
    if (at == std::string::npos || plus == std::string::npos || plus > at || at - plus - 1 != kTokenLength)
        return {};
    const std::string token = support::ascii_lowercase(address.substr(plus + 1, kTokenLength));
    return std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isxdigit(c); }) ? token
                                                                                                     : "";
}

std::string case_reply_token(storage::Tx& tx, const std::string& org, const std::string& reference) {
    auto token = tx.incoming_mail.reply_token(org, reference);
    if (!token.empty())
        return token;
    tx.incoming_mail.add_reply_token(org, reference, random_token().substr(0, kTokenLength));
    return tx.incoming_mail.reply_token(org, reference);
}

MailReceipt CaseService::quarantine(const std::string& org, const std::string& key, const std::string& raw,
                                    size_t size, const std::string& sender, const std::string& subject,
                                    const std::string& reason, int64_t at) {
    auto r = record_of(org, key, raw, size, "quarantined", at);
    r.sender = support::utf8_prefix(sender, 200);
    r.subject = support::utf8_prefix(subject, 200);
    r.reason = support::utf8_prefix(reason, 500);
    try {
        store_.transact([&](storage::Tx& tx) { keep(tx, r, raw); });
    } catch (const AlreadyTaken&) {
        return {MailOutcome::duplicate, "", "quarantined before"};
    }
    return {MailOutcome::quarantined, "", reason};
}

MailReceipt CaseService::receive_mail(const std::string& org, const std::string& raw, sys_seconds now) {
    const int64_t at = calendar::unix_seconds(now);
    bool known = false;
    store_.read([&](storage::Tx& tx) { known = tx.orgs.get(org).has_value(); });
    if (!known)
        return {MailOutcome::refused, "", "no organisation " + org};
    std::shared_ptr<const loading::LoadedProcedure> procedure = current_procedure(org);
    if (!procedure)
        return {MailOutcome::refused, "", "organisation " + org + " has no procedure in force", true};
    const std::string raw_key = "sha256:" + sha256_hex(raw);

    if (raw.size() > kMaxMailBytes) {
        const std::string head = raw.substr(0, kQuarantinedHeadBytes);
        std::string sender, subject;
        try {
            const auto m = mail::read_incoming(head);
            sender = m.from.address;
            subject = m.subject;
        } catch (const mail::MalformedMessage&) {
        }
        quarantine(org, raw_key, head, raw.size(), sender, subject, "too_large", at);
        return {MailOutcome::refused, "",
                "message too large: " + std::to_string(raw.size()) + " bytes, at most " +
                    std::to_string(kMaxMailBytes)};
    }
    mail::IncomingMessage message;
    try {
        message = mail::read_incoming(raw);
    } catch (const mail::MalformedMessage& e) {
        return quarantine(org, raw_key, raw, raw.size(), "", "", std::string("malformed: ") + e.what(), at);
    }
    sender_of_relayed(message);
    std::string key = message.message_id.empty() ? raw_key : message.message_id;
    if (key.size() > 250)
        key = "sha256:" + sha256_hex(key);
    std::optional<storage::IncomingMailRecord> before;
    store_.read([&](storage::Tx& tx) { before = tx.incoming_mail.get(org, key); });
    if (before) {
        // The same message again (the mail system retried, or it was addressed twice); another
        // sender reusing a Message-ID is kept apart for staff, never dropped as a repeat.
        if (before->sender == support::utf8_prefix(message.from.address, 200))
            return {MailOutcome::duplicate, before->reference, before->outcome};
        return quarantine(org, raw_key, raw, raw.size(), message.from.address, message.subject, "reused_id",
                          at);
    }

    const int64_t arrived = delivered_at(message, at);
    auto record = record_of(org, key, raw, raw.size(), "", arrived);
    record.sender = support::utf8_prefix(message.from.address, 200);
    record.subject = support::utf8_prefix(message.subject, 200);
    try {
        if (message.automatic == mail::Automatic::delivery)
            return take_bounce(message, record, raw);
        if (message.automatic == mail::Automatic::reply) {
            record.outcome = "automatic";
            record.reason = support::utf8_prefix(message.automatic_reason, 500);
            store_.transact([&](storage::Tx& tx) { keep(tx, record, raw); });
            return {MailOutcome::automatic, "", message.automatic_reason};
        }
        if (message.from.address.empty() || !support::is_mail_address(message.from.address))
            return quarantine(org, key, raw, raw.size(), message.from.address, message.subject, "no_sender",
                              at);
        // No more than a description or message holds (the whole is in the e-mail kept with it); a
        // portal link quoted from one of Meldpunt's messages is a key to the case: never kept.
        message.text = without_portal_links(support::utf8_prefix(message.text, kMaxMessageBytes));
        if (auto reference = case_answered(org, message))
            return take_reply(message, record, raw, *reference, sys_seconds{std::chrono::seconds{arrived}});
        return take_new_case(message, record, raw, *procedure, sys_seconds{std::chrono::seconds{arrived}});
    } catch (const AlreadyTaken&) {
        return {MailOutcome::duplicate, "", "taken in before"};
    } catch (const storage::StorageError&) {
        throw;  // the mail system tries again
    } catch (const std::exception& e) {
        // Anything else would fail the same way every time: kept for staff instead of retried.
        return quarantine(org, key, raw, raw.size(), message.from.address, message.subject,
                          std::string("failed: ") + e.what(), at);
    }
}

MailReceipt CaseService::take_bounce(const mail::IncomingMessage& message, storage::IncomingMailRecord record,
                                     const std::string& raw) {
    record.outcome = "bounce";
    record.reason = support::utf8_prefix(
        message.undelivered_reason.empty() ? message.automatic_reason : message.undelivered_reason, 500);
    const auto reference = reference_in_message_id(message.undelivered_message_id);
    bool marked = false;
    store_.transact([&](storage::Tx& tx) {
        marked = false;
        if (reference && message.undelivered_permanently) {
            // The report names a message Meldpunt sent (its Message-ID is known only to those it
            // reached), to the address the report names.
            auto delivery =
                tx.outbox.by_message_id(record.org, *reference, "<" + message.undelivered_message_id + ">");
            // The report names the address (before or after forwarding) it was sent to.
            const auto to = delivery ? support::ascii_lowercase(delivery->recipient) : std::string();
            if (delivery && !message.undelivered_recipient.empty() && to != message.undelivered_recipient &&
                to != message.undelivered_original_recipient)
                delivery.reset();
            if (delivery) {
                // "niet bezorgd" on the case and the dashboard, with the receiving server's reason.
                marked = tx.outbox.mark_undeliverable(delivery->id, "bounce: " + record.reason);
                record.reference = *reference;
            }
        }
        keep(tx, record, raw);
    });
    return {MailOutcome::bounce, record.reference,
            marked ? record.reason : "no undelivered message of this organisation: " + record.reason};
}

std::optional<std::string> CaseService::case_answered(const std::string& org,
                                                      const mail::IncomingMessage& message) {
    std::optional<std::string> found;
    store_.read([&](storage::Tx& tx) {
        // The case's reply address: only its complainant was given it.
        for (const auto& recipient : message.recipients) {
            const auto token = token_in_address(recipient);
            if (!token.empty())
                if ((found = tx.incoming_mail.case_of_token(org, token)))
                    return;
        }
        // A message Meldpunt sent to this very address about the case, which it answers.
        for (const auto& id : message.answers) {
            const auto reference = reference_in_message_id(id);
            if (!reference)
                continue;
            const auto delivery = tx.outbox.by_message_id(org, *reference, "<" + id + ">");
            if (!delivery || support::ascii_lowercase(delivery->recipient) != message.from.address)
                continue;
            const auto stored = tx.cases.get(org, *reference);
            if (!stored)
                continue;
            const auto& state = stored->state;
            const bool complainant =
                support::ascii_lowercase(state.complainant.email) == message.from.address;
            const bool representative =
                state.representative &&
                support::ascii_lowercase(state.representative->email) == message.from.address;
            if (complainant || representative) {
                found = reference;
                return;
            }
        }
    });
    return found;
}

namespace {

// The message's files the dossier takes; the rest stay in the e-mail as it arrived (kept with the
// case), named in `left`.
std::vector<Upload> files_of(const mail::IncomingMessage& message, std::vector<std::string>& left) {
    std::vector<Upload> files;
    for (const auto& f : message.files) {
        Upload upload{file_name(f.filename), f.content_type, "shared", f.data};
        if (CaseService::check_upload(upload) || files.size() >= 20)
            left.push_back(upload.name);
        else
            files.push_back(std::move(upload));
    }
    return files;
}

Upload as_received(const std::string& raw, int64_t at) {
    return {"e-mail " + iso_utc(at).substr(0, 10) + ".eml", "message/rfc822", "internal", raw};
}

}  // namespace

MailReceipt CaseService::take_reply(const mail::IncomingMessage& message, storage::IncomingMailRecord record,
                                    const std::string& raw, const std::string& reference, sys_seconds at) {
    record.outcome = "reply";
    record.reference = reference;
    std::vector<std::string> left;
    MessageInput input;
    input.attachments = files_of(message, left);
    input.body = support::utf8_prefix(message.text, kMaxMessageBytes);
    if (support::trimmed(input.body).empty())
        input.body = message.subject.empty() ? letter_language_.text("mail.no_text") : message.subject;
    input.as_received = as_received(raw, record.received_at);
    if (!left.empty())
        record.reason = support::utf8_prefix("files kept only in the e-mail: " + joined(left), 500);
    auto sent = send_message_with(complainant_principal(record.org, reference), record.org, reference, input,
                                  at, [&](storage::Tx& tx, const CaseRecord&) { keep(tx, record, raw); });
    if (auto* e = sent.failure()) {
        // A merged duplicate: the reply belongs to the case it became part of.
        if (e->code == "case_merged" && !e->args.empty() && e->args.front() != reference)
            return take_reply(message, record, raw, e->args.front(), at);
        return quarantine(record.org, record.message_key, raw, raw.size(), record.sender, record.subject,
                          "refused: " + e->code, record.received_at);
    }
    return {MailOutcome::reply, reference, record.reason};
}

MailReceipt CaseService::take_new_case(const mail::IncomingMessage& message,
                                       storage::IncomingMailRecord record, const std::string& raw,
                                       const loading::LoadedProcedure& procedure, sys_seconds at) {
    const procedure::Kind* kind = procedure.procedure.mail_kind();
    if (!kind)
        return quarantine(record.org, record.message_key, raw, raw.size(), record.sender, record.subject,
                          "no_kind", record.received_at);
    record.outcome = "new_case";
    IntakeInput input;
    input.kind = kind->id;
    input.channel = "email";
    input.received_at = iso_utc(record.received_at);
    input.subject = support::utf8_prefix(
        message.subject.empty() ? letter_language_.text("mail.no_subject") : message.subject, 200);
    input.description = support::utf8_prefix(message.text, 20000);
    input.complainant.name = support::utf8_prefix(message.from.name, 200);
    input.complainant.email = message.from.address;
    std::vector<std::string> left;
    input.documents = files_of(message, left);
    input.as_received = as_received(raw, record.received_at);
    if (!left.empty())
        record.reason = support::utf8_prefix("files kept only in the e-mail: " + joined(left), 500);
    auto taken =
        intake_with(complainant_principal(record.org, ""), record.org, input,
                    "mail:" + sha256_hex(record.message_key), at, [&](storage::Tx& tx, const CaseRecord& c) {
                        record.reference = c.stored.state.reference;
                        keep(tx, record, raw);
                    });
    if (auto* e = taken.failure())
        return quarantine(record.org, record.message_key, raw, raw.size(), record.sender, record.subject,
                          "refused: " + e->code + (e->field.empty() ? "" : " (" + e->field + ")"),
                          record.received_at);
    if (taken.value().replayed)
        return {MailOutcome::duplicate, taken.value().stored.state.reference, "taken in before"};
    return {MailOutcome::new_case, record.reference, record.reason};
}

}  // namespace meldpunt::service
