// A case's conversation (issue 12: "conversations, not files"): messages from the complainant,
// staff's replies and internal notes, with the documents that came with them, and how far each
// member of staff has read them.
#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "service/crypto.hpp"
#include "service/dossier_files.hpp"
#include "service/letter_mail.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

std::optional<ServiceError> check_message(const MessageInput& input) {
    if (input.visibility != "internal" && input.visibility != "shared")
        return ServiceError::invalid_field("visibility", "not_an_option");
    if (input.body.size() > CaseService::kMaxMessageBytes)
        return ServiceError::of(ErrorKind::payload_too_large, "message_too_long",
                                {std::to_string(CaseService::kMaxMessageBytes)});
    if (!support::valid_text(input.body, true))
        return ServiceError::invalid_field("body", "not_text");
    const bool says_something = input.body.find_first_not_of(" \t\r\n") != std::string::npos;
    if (!says_something && input.attachments.empty())
        return ServiceError::with_message(ErrorKind::unprocessable, "nothing_sent",
                                          "web.portal.nothing_sent");
    for (const auto& upload : input.attachments)
        if (auto refused = CaseService::check_upload(upload))
            return refused;
    return std::nullopt;
}

// How the notice to staff names a message from the complainant: "een bericht", with the names of
// its attachments when it has any (never its text: a notice leaves the register by e-mail).
std::string message_described(const MessageInput& input, const messages::Catalogue& t) {
    std::string names;
    for (const auto& upload : input.attachments)
        names += (names.empty() ? "" : ", ") + upload.name;
    return names.empty() ? t.text("notice.a_message") : t.text("notice.a_message_with", {names});
}

}  // namespace

Result<storage::MessageRecord> CaseService::send_message(const Principal& who, const std::string& org,
                                                         const std::string& reference,
                                                         const MessageInput& given, sys_seconds now) {
    return send_message_with(who, org, reference, given, now, nullptr);
}

Result<storage::MessageRecord> CaseService::send_message_with(const Principal& who, const std::string& org,
                                                              const std::string& reference,
                                                              const MessageInput& given, sys_seconds now,
                                                              const AlsoInTransaction& also) {
    MessageInput input = given;
    std::erase(input.body, '\r');  // a browser sends a text area's line breaks as CR LF
    const bool from_complainant = !who.complainant_of.empty();
    if (from_complainant)
        input.visibility = "shared";  // the complainant writes to the organisation, never a note
    for (auto& upload : input.attachments)
        upload.visibility = input.visibility;
    if (auto refused = check_message(input))
        return *refused;
    if (input.as_received)
        if (auto refused = check_file(*input.as_received, true))
            return *refused;
    storage::MessageRecord message;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        CaseRecord record;
        error = load_visible(tx, who, org, reference, record);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        if (record.shared_documents_only && !from_complainant) {
            error =
                ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.message_not_yours");
            return;
        }
        // Files come with a message on the same terms as alone; an e-mail that arrived (mail in,
        // `also`) is kept with its files whatever the case's state: it is what arrived.
        if (!also) {
            size_t bytes = 0;
            for (const auto& upload : input.attachments)
                bytes += upload.content.size();
            if ((error = refuse_files(who, record, input.attachments.size(), bytes)))
                return;
            if ((error = count_public_upload(tx, who, bytes, now)))
                return;
        }
        const int64_t at = calendar::unix_seconds(now);
        message = {org,
                   reference,
                   record.messages.empty() ? 1 : record.messages.back().seq + 1,  // as loaded, by seq
                   at,
                   from_complainant ? std::string(procedure::kComplainantRole) : who.email,
                   input.visibility,
                   support::trimmed(input.body),
                   {}};
        cases::Message change{"m" + std::to_string(message.seq), input.visibility, {}};
        for (size_t i = 0; i < input.attachments.size(); ++i) {
            message.documents.push_back("d" + std::to_string(record.documents.size() + i + 1));
            change.attachments.push_back({message.documents.back(), input.visibility});
        }
        // The e-mail it came in as: for staff, after the attachments.
        const std::string as_received_id =
            "d" + std::to_string(record.documents.size() + input.attachments.size() + 1);
        if (input.as_received)
            change.attachments.push_back({as_received_id, "internal"});
        const cases::Engine engine(record.procedure->procedure, record.procedure->calendar);
        if (auto refusal =
                engine.add_message(record.stored.state, change, now, actor_for(who, record.stored.state))) {
            error = from_refusal(*refusal);
            return;
        }
        save_changed(tx, record.stored, record.stored.state.stage, *record.procedure, now);
        for (size_t i = 0; i < input.attachments.size(); ++i)
            store_document(tx, org, reference, message.documents[i], input.attachments[i], who.email, now);
        if (input.as_received)
            store_document(tx, org, reference, as_received_id, *input.as_received, who.email, now);
        tx.dossier.insert_message(message);
        // The text is the dossier's; the audit log keeps that it was written and its fingerprint.
        append_audit(tx, at, org, who.email, "case.message", reference,
                     nlohmann::json{{"message", change.id},
                                    {"visibility", message.visibility},
                                    {"sha256", sha256_hex(message.body)},
                                    {"documents", message.documents}}
                         .dump());
        if (from_complainant) {
            tell_of_complainant_message(tx, record, change.id, message_described(input, letter_language_),
                                        at);
        } else if (message.visibility == "shared") {
            const auto organisation = tx.orgs.get(org);
            queue_message_to_complainant(
                tx, {record.stored, message, organisation ? organisation->name : org, letter_language_}, at);
        }
        if (also)
            also(tx, record);
    });
    if (error)
        return *error;
    return message;
}

int64_t CaseService::mark_read(const Principal& who, const std::string& org, const std::string& reference,
                               int64_t seq) {
    if (!who.complainant_of.empty() || who.org != org)
        return seq;  // the complainant's reading is not tracked
    int64_t before = 0;
    bool behind = false;
    store_.read([&](storage::Tx& tx) {
        before = tx.dossier.read_up_to(org, reference, who.email);
        behind = before < seq;
    });
    if (behind)  // most views find nothing new: a read, not a write
        store_.transact([&](storage::Tx& tx) { tx.dossier.mark_read(org, reference, who.email, seq); });
    return before;
}

std::vector<UnreadCase> CaseService::unread(const Principal& who, const std::string& org, sys_seconds now,
                                            int days, size_t limit) {
    std::vector<UnreadCase> out;
    if (who.org != org || !who.complainant_of.empty())
        return out;
    const int64_t since = calendar::unix_seconds(now) - int64_t{days} * 86400;
    store_.read([&](storage::Tx& tx) {
        out.clear();
        // Read a few more than asked: some may be on cases this reader does not see.
        for (const auto& unread :
             tx.dossier.unread_from_complainants(org, who.email, since, static_cast<int>(limit * 4 + 8))) {
            if (out.size() == limit)
                break;
            const auto stored = tx.cases.get(org, unread.reference);
            if (!stored || sight(tx, who, org, unread.reference, parties_of(*stored)) != Sight::whole)
                continue;
            out.push_back({unread.reference, stored->subject, unread.count, unread.latest_at});
        }
    });
    return out;
}

}  // namespace meldpunt::service
