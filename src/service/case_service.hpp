#pragma once
// The register's use cases: take a case in, show it, list the register, act on a case, keep its
// dossier. Each call is one transaction; "now" is given by the caller. Visibility is enforced
// here: a case the caller may not see answers not_found, exactly like a case that does not exist
// (another organisation's case included), so its existence is not revealed.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/case/requests.hpp"
#include "messages/catalogue.hpp"
#include "service/errors.hpp"
#include "service/intake_input.hpp"
#include "service/mail_intake.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "service/upload.hpp"
#include "storage/store.hpp"

namespace meldpunt::mail {
struct IncomingMessage;
}

namespace meldpunt::service {

struct CaseRecord {
    storage::StoredCase stored;
    std::shared_ptr<const loading::LoadedProcedure> procedure;
    std::vector<storage::LetterRecord> letters;
    std::vector<storage::DocumentRecord> documents;
    std::vector<storage::MessageRecord> messages;  // the conversation, by seq
    bool replayed = false;                         // an intake answered from its Idempotency-Key
    // The caller sees only the documents shared with both parties: the complainant, or a person
    // the case is about (sees_as_subject).
    bool shared_documents_only = false;
    // A step held for another system's reference (act): waiting, or refused when it came.
    std::optional<storage::HeldStep> held;
    // A webhook of the organisation gives the references of Action::external_reference, so that
    // a step may be taken without one (and is then held).
    bool references_from_elsewhere = false;
};

struct ActionInput {
    std::string action;
    std::optional<std::string> at;  // ISO 8601; default: now
    std::map<std::string, std::string> fields;
};

// A message for the case's conversation as an edge hands it over: its text, who may read it (the
// complainant's own are always "shared") and the files that come with it (with its visibility).
struct MessageInput {
    std::string body;
    std::string visibility = "shared";
    std::vector<Upload> attachments;
    // The e-mail the message came in as (mail in), kept internal after the attachments.
    std::optional<Upload> as_received;
};

// Corrected details of a case (each given field is its new value): the register's subject and
// description, the complainant's contact details, whom it is about in their words, the unit, the
// people (accounts) it is about.
struct CorrectionInput {
    std::optional<std::string> subject, description;
    std::optional<std::string> name, email, phone, address;
    std::optional<std::string> reported_about, unit;
    std::optional<std::vector<std::string>> about;
};

// A commitment to the complainant as staff record it (service/commitments.cpp): what was agreed, the
// account that carries it out, the day it is due (YYYY-MM-DD), and whether the complainant's portal
// shows it.
struct CommitmentInput {
    std::string what, who, due;
    bool complainant_sees = true;
};

// Where a case is sent on to (service/case_routing.cpp): a unit, a person (who becomes its handler),
// or both, with a note for them.
struct ForwardInput {
    std::string unit, to, note;
};

// A case with messages from the complainant that this reader has not read, for the dashboard.
struct UnreadCase {
    std::string reference, subject;
    int64_t count = 0;
    int64_t latest_at = 0;
};

struct RegisterQuery {
    storage::CaseQuery query;
    bool overdue = false;
    // Received on these local days (both included), made into instants with the organisation's
    // calendar by CaseService::list.
    std::optional<calendar::Day> received_from, received_to;
};

class CaseService {
  public:
    static constexpr size_t kMaxDocumentBytes = 10 * 1024 * 1024;

    CaseService(storage::Store& store, ProcedureRegistry& procedures,
                const messages::Catalogue& letter_language);

    // The address at which the public reaches this server (https://klachten.example.nl), without a
    // trailing slash: letters link to the procedure page and the complaint form with it, since a
    // letter is read far from any page (001 §Procedure 3: "via onze website"). Set once, before
    // serving; until then links are relative.
    void set_public_url(std::string url) { public_url_ = std::move(url); }

    Result<CaseRecord> intake(const Principal& who, const std::string& org, const IntakeInput& input,
                              const std::string& idempotency_key, std::chrono::sys_seconds now);
    // The web form: the complainant files the case themselves. Answers the case and the token of
    // their private portal link (shown once; only its hash is stored).
    struct PublicIntake {
        CaseRecord record;
        std::string portal_token;
    };
    // At most kMaxPublicFilings filings per client address (`client`) in kPublicFilingWindowSeconds;
    // more is refused (too_many_requests) before anything is registered.
    // A refusal when files of `bytes` in all, sent by a complainant from `client`, no longer fit
    // that address's upload quota (dossier_files.hpp): the public form asks before it files a case.
    std::optional<ServiceError> refuse_public_upload(const std::string& client, size_t bytes,
                                                     std::chrono::sys_seconds now);
    static constexpr int kMaxPublicFilings = 10;
    static constexpr int64_t kPublicFilingWindowSeconds = 3600;
    Result<PublicIntake> intake_by_complainant(const std::string& org, const IntakeInput& input,
                                               const std::string& client, std::chrono::sys_seconds now);
    // The complainant a portal token belongs to (see complainant_principal), or nullopt.
    std::optional<Principal> portal_principal(const std::string& token);

    // For a complainant (Principal::complainant_of) only the shared documents and the letters
    // addressed to them.
    Result<CaseRecord> get(const Principal& who, const std::string& org, const std::string& reference);
    // Like `get`, but answers an empty optional when the caller already holds `known_version` of
    // the case: the version changes with every change to the case, its letters and its dossier.
    // Only a reader of the whole dossier gets the empty answer; a party who sees the shared
    // documents only (CaseRecord::shared_documents_only) always gets their own view, so that a copy
    // rendered for one reader is never handed to another. Visibility is checked either way.
    Result<std::optional<CaseRecord>> get_if_changed(const Principal& who, const std::string& org,
                                                     const std::string& reference,
                                                     std::optional<int64_t> known_version);
    Result<std::vector<CaseRecord>> list(const Principal& who, const std::string& org, RegisterQuery query,
                                         std::chrono::sys_seconds now);
    // A step taken without the reference another system gives (Action::external_reference) while
    // a webhook of the organisation takes "case.closing" is held for it instead (held_steps.cpp):
    // checked as if given, kept, told to the webhook, and the case shows it waiting
    // (CaseRecord::held); the case itself is unchanged.
    Result<CaseRecord> act(const Principal& who, const std::string& org, const std::string& reference,
                           const ActionInput& input, std::optional<int64_t> if_match,
                           std::chrono::sys_seconds now);
    // The other system gives its reference for the step held on the case (held_steps.cpp): the step
    // is applied now with `value` in its field, as the person who took it. `caller`: an account
    // acknowledging over the API, which must hold a role the step may be taken by; none: the
    // answer of the webhook's receiver. When the step is refused now (the case moved meanwhile),
    // it stays with the reason for staff to see. Refused: no step waiting (not_found), a reference
    // that is empty, over 100 characters or not one line.
    Result<Done> acknowledge(const std::string& org, const std::string& reference, const std::string& value,
                             const Principal* caller, std::chrono::sys_seconds now);
    // Applies every held step whose webhook delivery was answered with a reference; returns how
    // many were applied (the webhook worker, after each pass).
    int acknowledge_answered(std::chrono::sys_seconds now);
    // Staff give up waiting for the other system: the held step is dropped (audited); they take it
    // again with the reference themselves.
    Result<Done> release_held(const Principal& who, const std::string& org, const std::string& reference,
                              std::chrono::sys_seconds now);
    // A document the complainant adds tells staff (tell_of_complainant_message) unless
    // `tell_staff` is false: the files of a public filing, or all but the first of one portal post.
    Result<storage::DocumentRecord> upload(const Principal& who, const std::string& org,
                                           const std::string& reference, const Upload& upload,
                                           std::chrono::sys_seconds now, bool tell_staff = true);
    // Corrects what was registered wrongly (service/case_corrections.cpp), by a member of staff who
    // reads the whole dossier: audited and on the timeline by the names of the fields changed (the
    // values are the case's own). `if_match`: the version the corrector saw.
    Result<CaseRecord> correct(const Principal& who, const std::string& org, const std::string& reference,
                               const CorrectionInput& input, std::optional<int64_t> if_match,
                               std::chrono::sys_seconds now);

    // Merges case `reference`, a duplicate, into case `into` (service/case_merge.cpp; issue 12, case
    // housekeeping). The duplicate is closed (its deadlines stop) and refers to `into`; every later
    // step on it is refused with that reference. `into` records it on its timeline and gets one
    // internal note with what the duplicate said (subject, description, conversation) and a copy of
    // each of its documents, kept internal. The duplicate's complainant reads why in the portal and
    // by e-mail. By someone who may end the duplicate (may_end) and may correct `into`
    // (may_correct); `into` is an open case of the organisation, not merged itself, of the same
    // complainant (an anonymous duplicate: anyone's; else the same e-mail address, or name) and of
    // the same unit when both have one. Not undone. `if_match`: the duplicate's version the caller
    // saw. Answers the duplicate.
    Result<CaseRecord> merge(const Principal& who, const std::string& org, const std::string& reference,
                             const std::string& into, std::optional<int64_t> if_match,
                             std::chrono::sys_seconds now);
    // Cases that may be the same as `record`: not closed, not merged, seen by `who`, of the same
    // complainant (as merge requires), the newest first, at most `limit`.
    std::vector<CaseRecord> possible_duplicates(const Principal& who, const CaseRecord& record,
                                                std::chrono::sys_seconds now, size_t limit);

    // Whether `who` may end the case now: they can take a step into one of its procedure's final
    // stages (close, withdraw ...), reading the whole dossier. Merging a duplicate ends it too.
    static bool may_end(const Principal& who, const CaseRecord& record);

    // Whether `who` may correct the case's details: its handler, or someone who can take a step on
    // it now, reading the whole dossier.
    static bool may_correct(const Principal& who, const CaseRecord& record);

    // Judges the case urgent or no longer urgent, with a note (service/case_routing.cpp; 002 §B), by
    // someone who may correct it: the deadlines the procedure shortens for urgent cases follow; the
    // handler is told when it becomes urgent (unless they judged so). Audited without the note.
    static constexpr size_t kMaxRoutingNote = 2000;
    Result<CaseRecord> set_urgency(const Principal& who, const std::string& org, const std::string& reference,
                                   bool urgent, const std::string& note, std::optional<int64_t> if_match,
                                   std::chrono::sys_seconds now);
    // Sends the case on to a unit and/or a person with a note (002 §B), by someone who may correct
    // it: the person, an active account of the organisation, becomes its handler under the
    // procedure's rules and is told, with the note. Audited without the note.
    Result<CaseRecord> forward(const Principal& who, const std::string& org, const std::string& reference,
                               const ForwardInput& input, std::optional<int64_t> if_match,
                               std::chrono::sys_seconds now);

    // Whether `who` may send the case on: whoever took it in (002 §B), or whoever the procedure lets
    // take a step that assigns its handler (Focus: the manager, 003 §Werkwijze 1).
    static bool may_forward(const Principal& who, const CaseRecord& record);
    // Whether `who` may take the step held on the case, or stop waiting for it: who took it, or
    // who holds one of its roles for the case's unit (held_steps.cpp). False when nothing is held.
    static bool may_take_held(const Principal& who, const CaseRecord& record, bool or_who_took_it = true);

    // Records what was agreed with the complainant (service/commitments.cpp; 003 §Werkwijze 4), by
    // someone who may correct the case (may_correct); whoever carries it out is an active account
    // of the organisation and is told unless they recorded it. Audited without its text.
    // `if_match`: the version the caller saw.
    static constexpr size_t kMaxCommitmentText = 2000;
    Result<CaseRecord> promise(const Principal& who, const std::string& org, const std::string& reference,
                               const CommitmentInput& input, std::optional<int64_t> if_match,
                               std::chrono::sys_seconds now);
    // Marks commitment `id` "done" (with how, optional) or "waived" (with the reason, required).
    // Done: by whoever carries it out or may correct the case; waived: only by the latter. Also on
    // a closed case. Audited without the note.
    Result<CaseRecord> settle_commitment(const Principal& who, const std::string& org,
                                         const std::string& reference, const std::string& id,
                                         const std::string& outcome, const std::string& note,
                                         std::chrono::sys_seconds now);
    // Adds a message to the case's conversation (service/conversation.cpp): from the complainant
    // (staff are told, as of a document), or from staff who read the whole dossier: a reply the
    // complainant reads in the portal and gets by e-mail, or an internal note. A party who sees
    // only what is shared (the person complained about) cannot post. The sender has read it.
    static constexpr size_t kMaxMessageBytes = 20000;
    Result<storage::MessageRecord> send_message(const Principal& who, const std::string& org,
                                                const std::string& reference, const MessageInput& input,
                                                std::chrono::sys_seconds now);
    // Marks the case's messages up to `seq` as read by `who` (a member of staff) and answers how far
    // they had read before. For a caller who has just been shown the case (get).
    int64_t mark_read(const Principal& who, const std::string& org, const std::string& reference,
                      int64_t seq);
    // The cases `who` may see with messages from the complainant of the last `days` they have not
    // read, the latest first, at most `limit`.
    std::vector<UnreadCase> unread(const Principal& who, const std::string& org, std::chrono::sys_seconds now,
                                   int days, size_t limit);

    Result<std::pair<storage::DocumentRecord, std::string>> download(const Principal& who,
                                                                     const std::string& org,
                                                                     const std::string& reference,
                                                                     const std::string& id);

    // Letter `seq` of the case as a PDF, for whoever may read it (a complainant: only the letters
    // addressed to them).
    struct LetterPdf {
        std::string file_name, bytes;
    };
    Result<LetterPdf> letter_pdf(const Principal& who, const std::string& org, const std::string& reference,
                                 int64_t seq);

    // The letters waiting to be printed and posted (no e-mail address) on the cases `who` reads
    // in whole, oldest first.
    std::vector<storage::Delivery> print_queue(const Principal& who, const std::string& org);
    // The letters of the print queue up to id `up_to` (what the page listed, not a letter queued
    // since), in one PDF to print; not_found when there are none.
    Result<LetterPdf> print_batch(const Principal& who, const std::string& org, int64_t up_to,
                                  const std::string& title);
    // Marks the letters `ids` of the print queue as posted (audited); answers how many were.
    int mark_posted(const Principal& who, const std::string& org, const std::vector<int64_t>& ids,
                    std::chrono::sys_seconds now);

    // What Meldpunt sent or is to send about the case (letters, notices) and how each fared, for a
    // reader of the whole dossier; not_found for anyone else.
    Result<std::vector<storage::Delivery>> deliveries(const Principal& who, const std::string& org,
                                                      const std::string& reference);
    // The newest `limit` deliveries that failed ("niet bezorgd") on cases `who` reads in whole.
    std::vector<storage::Delivery> undelivered(const Principal& who, const std::string& org, int limit);
    // The newest reminders, notices and escalations that reached nobody (no active account holds
    // the role the procedure names), on cases `who` sees in whole, at most `limit`.
    std::vector<storage::EffectRecord> untold(const Principal& who, const std::string& org, int limit);

    // The organisation's procedure in force (new cases start under it); null when there is no
    // such organisation.
    std::shared_ptr<const loading::LoadedProcedure> current_procedure(const std::string& org);
    // Version `version` of the organisation's procedure, in force or not; null when there is none.
    std::shared_ptr<const loading::LoadedProcedure> procedure(const std::string& org, int version);

    // Whether the dossier takes `upload` (size, content type, visibility, a clean name of at most
    // 200 bytes): nullopt, or why not. `upload` checks it too.
    static std::optional<ServiceError> check_upload(const Upload& upload);

    // Content types the dossier accepts.
    static bool accepted_content_type(const std::string& content_type);

    // The largest e-mail Meldpunt takes in (service/mail_intake.cpp); a larger one is refused, and
    // its head kept in quarantine.
    static constexpr size_t kMaxMailBytes = 25 * 1024 * 1024;
    // Takes in one e-mail `raw` for organisation `org`, delivered at `now` (service/mail_intake.cpp):
    // a new case, a reply on its case, a bounce marking the message it returns, an auto-reply kept
    // aside, or quarantine with the reason. The same message twice is taken in once. Throws
    // storage::StorageError when the database cannot take it (the mail system then tries again).
    MailReceipt receive_mail(const std::string& org, const std::string& raw, std::chrono::sys_seconds now);

  private:
    using AlsoInTransaction = std::function<void(storage::Tx&, const CaseRecord&)>;
    // act, with `also` run in its transaction once the step is saved.
    Result<CaseRecord> act_with(const Principal& who, const std::string& org, const std::string& reference,
                                const ActionInput& input, std::optional<int64_t> if_match,
                                std::chrono::sys_seconds now, const AlsoInTransaction& also);
    // Holds the step of `request` for another system's reference when act should (see act): true
    // when held or refused (`error`), false when the step goes on as usual.
    bool hold_for_reference(storage::Tx& tx, const Principal& who, CaseRecord& record,
                            const ActionInput& input, cases::ActionRequest request,
                            std::chrono::sys_seconds now, std::optional<ServiceError>& error);
    // check_upload, or for the e-mail as it arrived (as_received) its own limits.
    static std::optional<ServiceError> check_file(const Upload& upload, bool as_received);
    // An intake's documents, then the e-mail it came in as.
    static std::vector<const Upload*> intake_files(const IntakeInput& input);
    // send_message, with `also` run in its transaction after the message is written.
    Result<storage::MessageRecord> send_message_with(const Principal& who, const std::string& org,
                                                     const std::string& reference, const MessageInput& input,
                                                     std::chrono::sys_seconds now,
                                                     const AlsoInTransaction& also);
    // Mail in (service/mail_intake.cpp): what became of `raw` recorded in quarantine, audited.
    MailReceipt take_bounce(const mail::IncomingMessage& message, storage::IncomingMailRecord record,
                            const std::string& raw);
    // The case `message` answers: by its reply address, or by a Message-ID Meldpunt sent to its
    // sender as complainant or representative of that case.
    std::optional<std::string> case_answered(const std::string& org, const mail::IncomingMessage& message);
    MailReceipt take_reply(const mail::IncomingMessage& message, storage::IncomingMailRecord record,
                           const std::string& raw, const std::string& reference, std::chrono::sys_seconds at);
    MailReceipt take_new_case(const mail::IncomingMessage& message, storage::IncomingMailRecord record,
                              const std::string& raw, const loading::LoadedProcedure& procedure,
                              std::chrono::sys_seconds at);
    MailReceipt quarantine(const std::string& org, const std::string& key, const std::string& raw,
                           size_t size, const std::string& sender, const std::string& subject,
                           const std::string& reason, int64_t at);
    Result<CaseRecord> intake_with(const Principal& who, const std::string& org, const IntakeInput& input,
                                   const std::string& idempotency_key, std::chrono::sys_seconds now,
                                   const AlsoInTransaction& also);
    // An intake worked out before its transaction: all but the reference number.
    struct PreparedIntake {
        std::shared_ptr<const loading::LoadedProcedure> procedure;  // of stored.state.procedure_version
        storage::StoredCase stored;
        int year = 0;      // of the reference series
        std::string data;  // the stored form of the case, without its reference
    };
    Result<PreparedIntake> prepare_intake(storage::Tx& tx, const Principal& who, const std::string& org,
                                          const IntakeInput& input, std::chrono::sys_seconds now);
    // How `who` sees the case with these parties: not at all, the whole dossier, or (the
    // complainant; the person it is about, where the procedure lets them) only what is shared.
    enum class Sight { none, whole, shared_only };
    Sight sight(storage::Tx& tx, const Principal& who, const std::string& org, const std::string& reference,
                const storage::CaseStamp& stamp);
    bool sees_whole(storage::Tx& tx, const Principal& who, const std::string& org,
                    const std::string& reference);
    // Those of `deliveries` on cases `who` sees in whole, at most `limit`, in their order.
    std::vector<storage::Delivery> seen_whole(storage::Tx& tx, const Principal& who, const std::string& org,
                                              std::vector<storage::Delivery> deliveries, size_t limit);
    std::optional<ServiceError> load_visible(storage::Tx& tx, const Principal& who, const std::string& org,
                                             const std::string& reference, CaseRecord& out);
    // The handler a new case goes to when its kind is routed (domain/engine/intake_routing.hpp).
    std::string routed_handler(storage::Tx& tx, const procedure::Procedure& procedure, const std::string& org,
                               const cases::IntakeRequest& request);
    // load_visible for a step by staff that changes the case beside its procedure's steps
    // (commitments, urgency, forwarding): not restricted, by someone who may correct it (else
    // forbidden with message `not_yours`), at version `if_match` when given.
    std::optional<ServiceError> load_to_change(storage::Tx& tx, const Principal& who, const std::string& org,
                                               const std::string& reference, std::optional<int64_t> if_match,
                                               const std::string& not_yours, CaseRecord& record);
    // Staff notices (staff_notice.hpp): the case's new handler is told it was assigned to them
    // (unless they took it themselves); a message or document from the complainant is told to the
    // handler, or, while nobody handles the case, to those its running deadlines tell.
    void tell_new_handler(storage::Tx& tx, const Principal& who, const storage::StoredCase& stored,
                          int64_t now);
    // `fields` (with `notify_when` on them: a structural complaint, 001 §Procedure 4) were just
    // recorded with that value: those holding their `notify` roles for the case are told, except
    // the person who recorded it. Only called when there is something to tell (newly_notable).
    void tell_of_recorded(storage::Tx& tx, const Principal& who, const CaseRecord& record,
                          const std::vector<const procedure::Field*>& fields, int64_t now);
    // `cause` keeps the notice once per message or document; `what` names it in the notice.
    void tell_of_complainant_message(storage::Tx& tx, const CaseRecord& record, const std::string& cause,
                                     const std::string& what, int64_t now);
    // Renders, stores and queues `letters`; true when one of them is mailed to the complainant
    // (who then has their portal link).
    bool generate_letters(storage::Tx& tx, CaseRecord& record, const std::vector<std::string>& letters,
                          calendar::Day today, int64_t now);

    storage::Store& store_;
    ProcedureRegistry& procedures_;
    const messages::Catalogue& letter_language_;
    std::string public_url_;
};

}  // namespace meldpunt::service
