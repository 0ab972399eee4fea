#include "service/case_service.hpp"

#include "service/complainant_numbering.hpp"
#include "service/dossier_files.hpp"
#include "service/webhook_events.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/case/field_value.hpp"
#include "domain/engine/engine.hpp"
#include "domain/engine/intake_routing.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "service/audit_log.hpp"
#include "service/case_steps.hpp"
#include "service/crypto.hpp"
#include "service/letter_document.hpp"
#include "service/letter_mail.hpp"
#include "service/letters.hpp"
#include "service/links.hpp"
#include "service/recipients.hpp"
#include "service/report_figures.hpp"
#include "service/staff_notice.hpp"
#include "storage/case_codec.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

// A moment given by the caller (ISO 8601): a letter is often registered days after it arrived, but
// nothing can happen more than a few minutes (clock skew) in the future.
// A person field (the handler) and a people field (whom the case is about) name active accounts of
// the organisation: a case is never given to a mistyped address or to someone whose account was
// disabled, and impartiality is checked against real people.
std::optional<ServiceError> unknown_person(storage::Tx& tx, const procedure::Procedure& procedure,
                                           const std::string& org,
                                           const std::map<std::string, std::string>& fields) {
    for (const auto& [name, value] : fields) {
        const auto* field = procedure.field(name);
        if (!field || value.empty())
            continue;
        std::vector<std::string> people;
        if (field->type == procedure::FieldType::person)
            people = {value};
        else if (field->type == procedure::FieldType::people)
            people = cases::split_list(value);
        for (const auto& person : people) {
            auto account = tx.accounts.user_by_email(org, person);
            if (!account || !account->active())
                return ServiceError::with_message(ErrorKind::unprocessable, "invalid_field",
                                                  "api.no_active_account", {person}, name);
        }
    }
    return std::nullopt;
}

constexpr sys_seconds kEarliestMoment{};  // 1970-01-01T00:00:00Z

Result<sys_seconds> moment(const std::string& text, const std::string& field,
                           const calendar::WorkingCalendar& calendar, sys_seconds now) {
    auto at = calendar::parse_instant(text, calendar);
    if (!at)
        return ServiceError::invalid_field(field, "not_iso8601");
    if (*at > now + std::chrono::minutes{5})
        return ServiceError::invalid_field(field, "in_the_future", ErrorKind::unprocessable);
    // A moment mistyped as centuries ago (the year 0) is no moment of this register: reports count
    // periods from 1970 on (reporting_period.hpp), and the register lists cases by receipt.
    if (*at < kEarliestMoment)
        return ServiceError::invalid_field(field, "before_1970", ErrorKind::unprocessable);
    return *at;
}

// The representative's written authorisation, when given at intake, is the dossier's first document.
constexpr const char* kAuthorisationDocument = "d1";

bool addressed_to_complainant(const std::string& recipients) {
    size_t pos = 0;
    while (pos <= recipients.size()) {
        const size_t end = std::min(recipients.find(',', pos), recipients.size());
        if (recipients.compare(pos, end - pos, "complainant") == 0)
            return true;
        pos = end + 1;
    }
    return false;
}

// A complainant's view of their case: the shared part of the dossier and the letters sent to them.
// The dossier as a party sees it (002 §Interne klachtenafhandeling): only the documents shared
// with both parties, and no pointer to one that is not (the representative's authorisation is
// internal: it names the complainant).
void keep_only_shared_documents(CaseRecord& record) {
    std::erase_if(record.documents, [](const auto& d) { return d.visibility != "shared"; });
    std::erase_if(record.messages, [](const auto& m) { return m.visibility != "shared"; });
    auto& representative = record.stored.state.representative;
    const auto shown = [&](const std::string& id) {
        return std::any_of(record.documents.begin(), record.documents.end(),
                           [&](const auto& d) { return d.id == id; });
    };
    if (representative && !representative->authorisation.empty() && !shown(representative->authorisation))
        representative->authorisation.clear();
}

void keep_what_the_complainant_sees(CaseRecord& record) {
    keep_only_shared_documents(record);
    std::erase_if(record.letters, [](const auto& l) { return !addressed_to_complainant(l.recipients); });
    number_for_complainant(record);
}

}  // namespace

CaseService::CaseService(storage::Store& store, ProcedureRegistry& procedures,
                         const messages::Catalogue& letter_language)
    : store_(store), procedures_(procedures), letter_language_(letter_language) {}

std::optional<ServiceError> CaseService::check_upload(const Upload& upload) {
    if (upload.content.size() > kMaxDocumentBytes)
        return ServiceError::of(ErrorKind::payload_too_large, "too_large",
                                {std::to_string(kMaxDocumentBytes / (1024 * 1024))});
    if (!accepted_content_type(upload.content_type))
        return ServiceError::of(ErrorKind::unsupported_media_type, "unsupported_type", {upload.content_type});
    if (upload.visibility != "internal" && upload.visibility != "shared")
        return ServiceError::invalid_field("visibility", "not_an_option");
    if (upload.name.empty() || upload.name.size() > 200 || !support::valid_text(upload.name))
        return ServiceError::invalid_field("name", upload.name.empty() ? "missing" : "not_a_file_name");
    return std::nullopt;
}

std::optional<ServiceError> CaseService::check_file(const Upload& upload, bool as_received) {
    if (!as_received)
        return check_upload(upload);
    // The e-mail as it arrived: larger than a document may be, always internal.
    if (upload.content.size() > kMaxMailBytes)
        return ServiceError::of(ErrorKind::payload_too_large, "too_large",
                                {std::to_string(kMaxMailBytes / (1024 * 1024))});
    Upload checked = upload;
    checked.content.clear();
    if (upload.visibility != "internal" || upload.content_type != "message/rfc822")
        return ServiceError::invalid_field("as_received", "not_an_option");
    return check_upload(checked);
}

std::vector<const Upload*> CaseService::intake_files(const IntakeInput& input) {
    std::vector<const Upload*> files;
    for (const auto& upload : input.documents)
        files.push_back(&upload);
    if (input.as_received)
        files.push_back(&*input.as_received);
    return files;
}

bool CaseService::accepted_content_type(const std::string& type) {
    static const char* const accepted[] = {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/plain",
        "message/rfc822",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
    for (const char* a : accepted) {
        if (type == a)
            return true;
    }
    return false;
}

namespace {

// Whether one of `letters` is addressed to anyone but the complainant.
bool letters_reach_staff(const procedure::Procedure& procedure, const std::vector<std::string>& letters) {
    return std::any_of(letters.begin(), letters.end(), [&](const std::string& id) {
        const procedure::Letter* letter = procedure.letter(id);
        return letter && std::any_of(letter->to.begin(), letter->to.end(),
                                     [](const std::string& to) { return to != procedure::kComplainantRole; });
    });
}

}  // namespace

bool CaseService::generate_letters(storage::Tx& tx, CaseRecord& record,
                                   const std::vector<std::string>& letters, calendar::Day today,
                                   int64_t now) {
    if (letters.empty())
        return false;
    const cases::Case& c = record.stored.state;
    LetterPeople people;
    people.organisation = tx.orgs.get(record.stored.org).value_or(storage::OrgRecord{}).name;
    people.subject = record.stored.subject;
    if (auto handler = tx.accounts.user_by_email(record.stored.org, c.handler)) {
        people.handler_name = handler->name;
        people.handler_email = handler->email;
    } else {
        people.handler_email = c.handler;
    }
    if (auto director = tx.accounts.user_with_role(record.stored.org, "director")) {
        people.director_name = director->name;
        people.director_email = director->email;
    }
    people.procedure_url = public_url_ + "/" + record.stored.org + "/procedure";
    people.form_url = public_url_ + "/" + record.stored.org + "/klacht";
    int64_t seq = tx.dossier.last_letter_seq(record.stored.org, c.reference);
    bool mailed = false;
    // The accounts only when a letter goes to staff: most go to the complainant alone.
    std::vector<storage::UserRecord> users;
    if (letters_reach_staff(record.procedure->procedure, letters))
        users = tx.accounts.users_of(record.stored.org);
    for (const auto& id : letters) {
        const procedure::Letter* letter = record.procedure->procedure.letter(id);
        if (!letter)
            continue;
        std::string recipients;
        for (const auto& to : letter->to)
            recipients += (recipients.empty() ? "" : ",") + to;
        storage::LetterRecord stored{
            record.stored.org,
            c.reference,
            ++seq,
            id,
            letter->name,
            recipients,
            render_letter(*record.procedure, *letter, c, people, today, letter_language_),
            now};
        tx.dossier.insert_letter(stored);
        mailed |=
            queue_letter(tx, {record.stored, *letter, users, letter_language_, public_url_}, stored, now)
                .complainant_by_email;
        record.letters.push_back(stored);
    }
    return mailed;
}

// Whom a case of a routed kind goes to at intake (002 §A.1): the people involved as their accounts
// say (roles for the case's unit, supervisor); disabled accounts are nobody to route to.
std::string CaseService::routed_handler(storage::Tx& tx, const procedure::Procedure& procedure,
                                        const std::string& org, const cases::IntakeRequest& request) {
    const auto facts = [&](const std::string& email) -> std::optional<cases::PersonFacts> {
        const auto account = tx.accounts.user_by_email(org, email);
        if (!account || !account->active())
            return std::nullopt;
        std::vector<std::string> roles;
        for (const auto& grant : account->roles)
            if (grant.unit.empty() || grant.unit == request.unit)
                roles.push_back(grant.role);
        return cases::PersonFacts{email, roles, account->supervisor};
    };
    const cases::PersonFacts registrar =
        facts(request.registered_by.id).value_or(cases::PersonFacts{request.registered_by.id, {}, ""});
    std::vector<cases::PersonFacts> about;
    for (const auto& person : request.about)
        if (auto known = facts(person))
            about.push_back(*known);
    const std::string to = cases::route_intake(procedure, request.kind, registrar, about);
    const auto chosen = to.empty() ? std::nullopt : facts(to);
    return chosen ? to : "";
}

Result<CaseService::PreparedIntake> CaseService::prepare_intake(storage::Tx& tx, const Principal& who,
                                                                const std::string& org,
                                                                const IntakeInput& input, sys_seconds now) {
    PreparedIntake out;
    const int version = tx.orgs.procedure_in_force(org);
    out.procedure = procedures_.get(tx, org, version);
    if (!out.procedure)
        return ServiceError::not_found(org);
    const auto& calendar = out.procedure->calendar;
    cases::IntakeRequest request;
    request.kind = input.kind;
    request.channel = input.channel;
    request.received_at = now;
    if (input.received_at) {
        auto at = moment(*input.received_at, "received_at", calendar, now);
        if (auto* e = at.failure())
            return *e;
        request.received_at = at.value();
    }
    if (input.event_date) {
        request.event_date = calendar::parse_day(*input.event_date);
        if (!request.event_date)
            return ServiceError::invalid_field("event_date", "not_a_date");
        // What happened cannot have happened after the complaint about it came in.
        if (*request.event_date > calendar.local_day(request.received_at))
            return ServiceError::invalid_field("event_date", "after_receipt", ErrorKind::unprocessable);
    }
    request.unit = input.unit;
    request.complainant = {input.complainant.name,    input.complainant.email,     input.complainant.phone,
                           input.complainant.address, input.complainant.anonymous, input.complainant.group};
    if (input.representative_name)
        request.representative =
            cases::Representative{*input.representative_name, input.representative_relation.value_or(""),
                                  input.representative_email.value_or("")};
    request.about = input.about;
    request.reported_about = input.about_text;
    request.urgent = input.urgent;
    request.registered_by = {who.email, who.roles_for_unit(input.unit)};
    if (const auto* kind = out.procedure->procedure.kind(input.kind); kind && kind->routed)
        request.handler = routed_handler(tx, out.procedure->procedure, org, request);
    const cases::Engine engine(out.procedure->procedure, calendar);
    auto result = engine.intake(request);
    if (auto* refusal = result.failure())
        return from_refusal(*refusal);
    cases::Case state = std::move(result).value();
    if (input.authorisation) {
        // The dossier's first document, kept internal: it names the complainant and the representative.
        if (auto refused = check_upload(*input.authorisation)) {
            refused->field = "authorisation";
            return *refused;
        }
        if (auto refusal =
                engine.add_document(state, {kAuthorisationDocument, "internal"}, now, request.registered_by))
            return from_refusal(*refusal);
        state.representative->authorisation = kAuthorisationDocument;
    }
    // The files that came with it, then the e-mail as it arrived: d2, d3 ... after an authorisation.
    const auto files = intake_files(input);
    for (size_t i = 0; i < files.size(); ++i) {
        if (auto refused = check_file(*files[i], input.as_received && files[i] == &*input.as_received)) {
            refused->field = "documents";
            return *refused;
        }
        const std::string id = "d" + std::to_string(i + (input.authorisation ? 2 : 1));
        if (auto refusal = engine.add_document(state, {id, files[i]->visibility}, now, request.registered_by))
            return from_refusal(*refusal);
    }
    out.year = static_cast<int>(std::chrono::year_month_day{calendar.local_day(request.received_at)}.year());
    out.stored = {org, std::move(state), 1, input.subject, input.description, std::nullopt};
    // The stored version number, not the file's own `version`: it is what the case is read back with.
    out.stored.state.procedure_version = version;
    out.stored.next_due = next_due(engine, out.stored.state, calendar.local_day(now));
    out.stored.review_on = engine.first_review(out.stored.state);
    out.stored.figures = figures_line(*out.procedure, out.stored.state, calendar.local_day(now));
    // Without its reference (the reference column is authoritative): taken only in the transaction.
    out.data = storage::encode_case(out.stored.state).dump();
    return out;
}

Result<CaseRecord> CaseService::intake(const Principal& who, const std::string& org, const IntakeInput& input,
                                       const std::string& idempotency_key, sys_seconds now) {
    return intake_with(who, org, input, idempotency_key, now, nullptr);
}

Result<CaseService::PublicIntake> CaseService::intake_by_complainant(const std::string& org,
                                                                     const IntakeInput& input,
                                                                     const std::string& client,
                                                                     sys_seconds now) {
    // Counted and checked in one write, so that filings sent in parallel cannot all slip under the
    // limit; a refused filing writes nothing.
    bool flooded = false;
    store_.transact([&](storage::Tx& tx) {
        const int64_t since = calendar::unix_seconds(now) - kPublicFilingWindowSeconds;
        tx.throttling.forget_public_filings_before(since);
        flooded = tx.throttling.public_filings_since(client, since) >= kMaxPublicFilings;
        if (!flooded)
            tx.throttling.record_public_filing(client, calendar::unix_seconds(now));
    });
    if (flooded)
        return ServiceError::of(
            ErrorKind::too_many_requests, "too_many_filings",
            {std::to_string(kMaxPublicFilings), std::to_string(kPublicFilingWindowSeconds / 60)});
    // A complainant files only what the procedure opens to the public (internal kinds are staff's).
    if (auto current = current_procedure(org)) {
        const procedure::Kind* kind = current->procedure.kind(input.kind);
        if (kind && !kind->open_to_public)
            return ServiceError::invalid_field("kind", "not_public", ErrorKind::unprocessable);
    }
    const std::string token = random_token();
    auto result = intake_with(
        complainant_principal(org, ""), org, input, "", now, [&](storage::Tx& tx, const CaseRecord& record) {
            tx.cases.insert_portal_link(sha256_hex(token), org, record.stored.state.reference,
                                        calendar::unix_seconds(now));
        });
    if (auto* e = result.failure())
        return *e;
    return PublicIntake{std::move(result).value(), token};
}

std::optional<Principal> CaseService::portal_principal(const std::string& token) {
    if (token.size() != 64)
        return std::nullopt;
    std::optional<std::pair<std::string, std::string>> link;
    store_.read([&](storage::Tx& tx) { link = tx.cases.portal_link(sha256_hex(token)); });
    if (!link)
        return std::nullopt;
    return complainant_principal(link->first, link->second);
}

Result<CaseRecord> CaseService::intake_with(const Principal& who, const std::string& org,
                                            const IntakeInput& input, const std::string& idempotency_key,
                                            sys_seconds now, const AlsoInTransaction& also) {
    if (who.org != org)
        return ServiceError::not_found(org);
    if (auto refused = check_intake(input))
        return *refused;
    if (idempotency_key.size() > 200)
        return ServiceError::of(ErrorKind::bad_request, "invalid_field", {"Idempotency-Key", "too_long"});
    // Everything that needs no write lock is done first, outside the transaction: writes are serial
    // (SQLite has one writer, and group commit runs every queued intake on one thread), so the work
    // done while holding the lock bounds how many intakes a second the register takes.
    Result<PreparedIntake> prepared = ServiceError{};
    store_.read([&](storage::Tx& tx) { prepared = prepare_intake(tx, who, org, input, now); });
    // A refusal needs no lock; with an Idempotency-Key the first answer may still be a case.
    if (auto* refused = prepared.failure(); refused && idempotency_key.empty())
        return *refused;
    std::optional<ServiceError> error;
    CaseRecord record;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        record = CaseRecord{};
        if (!idempotency_key.empty()) {
            if (auto reference = tx.cases.idempotent_reference(org, who.user_id + ":" + idempotency_key)) {
                error = load_visible(tx, who, org, *reference, record);
                record.replayed = true;
                return;
            }
        }
        // A refusal, or a new procedure version since the preparation: (again) under the lock.
        auto* ready = prepared.success();
        if (!ready || ready->stored.state.procedure_version != tx.orgs.procedure_in_force(org)) {
            prepared = prepare_intake(tx, who, org, input, now);
            ready = prepared.success();
        }
        if (!ready) {
            error = prepared.error();
            return;
        }
        record.procedure = ready->procedure;
        record.stored = ready->stored;
        // The number is taken only for a case that is taken in, so refusals leave no gaps.
        char reference[32];
        std::snprintf(reference, sizeof reference, "%d-%06lld", ready->year,
                      static_cast<long long>(tx.cases.next_reference_number(org, ready->year)));
        record.stored.state.reference = reference;
        tx.cases.insert(record.stored, ready->data);
        queue_case_created(tx, org, record.stored.state, record.procedure->procedure,
                           calendar::unix_seconds(now));
        std::vector<std::string> letters;
        for (const auto& l : record.stored.state.letters)
            letters.push_back(l.letter);
        if (!generate_letters(tx, record, letters, record.procedure->calendar.local_day(now),
                              calendar::unix_seconds(now)))
            queue_portal_invitation(
                tx, {record.stored, record.procedure->procedure.meta.organisation, letter_language_},
                calendar::unix_seconds(now));
        if (input.authorisation)
            store_document(tx, record.stored.org, record.stored.state.reference, kAuthorisationDocument,
                           {input.authorisation->name, input.authorisation->content_type, "internal",
                            input.authorisation->content},
                           who.email, now);
        const auto files = intake_files(input);
        for (size_t i = 0; i < files.size(); ++i)
            store_document(tx, record.stored.org, record.stored.state.reference,
                           "d" + std::to_string(i + (input.authorisation ? 2 : 1)), *files[i], who.email,
                           now);
        if (!idempotency_key.empty())
            tx.cases.remember_idempotency(org, who.user_id + ":" + idempotency_key,
                                          record.stored.state.reference);
        if (also)
            also(tx, record);
        append_audit(
            tx, calendar::unix_seconds(now), org, who.email, "case.intake", record.stored.state.reference,
            nlohmann::json{{"kind", record.stored.state.kind}, {"channel", record.stored.state.channel}}
                .dump());
        // Routed at intake (002 §A.1): whoever it went to is told, as of an assignment.
        if (!record.stored.state.handler.empty())
            tell_new_handler(tx, who, record.stored, calendar::unix_seconds(now));
    });
    if (error)
        return *error;
    return record;
}

std::optional<ServiceError> CaseService::load_to_change(storage::Tx& tx, const Principal& who,
                                                        const std::string& org, const std::string& reference,
                                                        std::optional<int64_t> if_match,
                                                        const std::string& not_yours, CaseRecord& record) {
    if (auto error = load_visible(tx, who, org, reference, record))
        return error;
    if (auto error = refuse_if_restricted(tx, who, org, reference))
        return error;
    if (!may_correct(who, record))
        return ServiceError::with_message(ErrorKind::forbidden, "not_permitted", not_yours);
    if (if_match && *if_match != record.stored.version)
        return ServiceError::of(ErrorKind::precondition_failed, "version_mismatch",
                                {std::to_string(record.stored.version)});
    return std::nullopt;
}

CaseService::Sight CaseService::sight(storage::Tx& tx, const Principal& who, const std::string& org,
                                      const std::string& reference, const storage::CaseStamp& stamp) {
    if (who.org != org)
        return Sight::none;
    // Who sees what is the organisation's current rule (the same one the register list applies),
    // whichever version the case itself runs under.
    auto current = procedures_.get(tx, org, tx.orgs.procedure_in_force(org));
    if (!current || !may_see(who, current->procedure, reference, stamp))
        return Sight::none;
    const bool party = !who.complainant_of.empty() || sees_as_subject(who, current->procedure, stamp);
    return party ? Sight::shared_only : Sight::whole;
}

std::optional<ServiceError> CaseService::load_visible(storage::Tx& tx, const Principal& who,
                                                      const std::string& org, const std::string& reference,
                                                      CaseRecord& out) {
    if (who.org != org)
        return ServiceError::not_found(reference);
    auto stored = tx.cases.get(org, reference);
    const Sight seen = stored ? sight(tx, who, org, reference, parties_of(*stored)) : Sight::none;
    if (seen == Sight::none)
        return ServiceError::not_found(reference);
    out.shared_documents_only = seen == Sight::shared_only;
    out.procedure = procedures_.get(tx, org, stored->state.procedure_version);
    if (!out.procedure)
        return ServiceError::not_found(reference);
    out.stored = std::move(*stored);
    out.letters = tx.dossier.letters(org, reference);
    out.documents = tx.dossier.documents(org, reference);
    out.messages = tx.dossier.messages(org, reference);
    if (waits_for_references(out.procedure->procedure)) {
        out.held = tx.webhooks.held(org, reference);
        out.references_from_elsewhere = tx.webhooks.anyone_takes(org, "case.closing");
    }
    return std::nullopt;
}

Result<CaseRecord> CaseService::get(const Principal& who, const std::string& org,
                                    const std::string& reference) {
    auto result = get_if_changed(who, org, reference, std::nullopt);
    if (auto* e = result.failure())
        return *e;
    return std::move(*result.value());
}

Result<std::optional<CaseRecord>> CaseService::get_if_changed(const Principal& who, const std::string& org,
                                                              const std::string& reference,
                                                              std::optional<int64_t> known_version) {
    std::optional<CaseRecord> record;
    std::optional<ServiceError> error;
    store_.read([&](storage::Tx& tx) {
        record.reset();
        error.reset();
        if (known_version) {
            // The cheap path: the stamp alone says whether the caller's copy is still current. Only
            // for a reader of the whole dossier: a party's view is their own, never a shared copy.
            auto stamp = tx.cases.stamp(org, reference);
            const Sight seen = stamp ? sight(tx, who, org, reference, *stamp) : Sight::none;
            if (seen == Sight::none) {
                error = ServiceError::not_found(reference);
                return;
            }
            if (seen == Sight::whole && stamp->version == *known_version)
                return;
        }
        record.emplace();
        error = load_visible(tx, who, org, reference, *record);
    });
    if (error)
        return *error;
    if (record && !who.complainant_of.empty())
        keep_what_the_complainant_sees(*record);
    else if (record && record->shared_documents_only)
        keep_only_shared_documents(*record);
    return record;
}

Result<std::vector<CaseRecord>> CaseService::list(const Principal& who, const std::string& org,
                                                  RegisterQuery q, sys_seconds now) {
    if (who.org != org || !who.complainant_of.empty())
        return ServiceError::not_found(org);
    std::vector<CaseRecord> out;
    store_.read([&](storage::Tx& tx) {
        out.clear();
        auto current = procedures_.get(tx, org, tx.orgs.procedure_in_force(org));
        if (!current)
            return;
        if (q.overdue)
            q.query.overdue_on = current->calendar.local_day(now);
        if (q.received_from)
            q.query.received_from = calendar::unix_seconds(current->calendar.start_of(*q.received_from));
        if (q.received_to)
            q.query.received_before =
                calendar::unix_seconds(current->calendar.start_of(*q.received_to + std::chrono::days{1}));
        // Confidentiality in the query itself, so paging stays correct.
        const VisibleScope scope = visible_scope(who, current->procedure);
        q.query.restricted = !scope.all;
        q.query.units = scope.units;
        q.query.stages = scope.stages;
        q.query.handled_by = scope.person;
        q.query.subjects_see = scope.subjects_see;
        for (auto& stored : tx.cases.list(org, q.query)) {
            CaseRecord record;
            record.procedure = procedures_.get(tx, org, stored.state.procedure_version);
            record.stored = std::move(stored);
            out.push_back(std::move(record));
        }
    });
    return out;
}

namespace {

// The fields of `given` whose value the procedure wants someone told of (`notify_when`) and that
// do not hold it yet: what the action about to be taken will newly record.
std::vector<const procedure::Field*> newly_notable(const procedure::Procedure& procedure,
                                                   const cases::Case& c,
                                                   const std::map<std::string, std::string>& given) {
    std::vector<const procedure::Field*> out;
    for (const auto& [id, value] : given) {
        const auto* field = procedure.field(id);
        const auto recorded = c.facts.find(id);
        if (field && !field->notify.empty() && value == field->notify_when &&
            (recorded == c.facts.end() || recorded->second != value))
            out.push_back(field);
    }
    return out;
}

}  // namespace

Result<CaseRecord> CaseService::act(const Principal& who, const std::string& org,
                                    const std::string& reference, const ActionInput& input,
                                    std::optional<int64_t> if_match, sys_seconds now) {
    return act_with(who, org, reference, input, if_match, now, {});
}

Result<CaseRecord> CaseService::act_with(const Principal& who, const std::string& org,
                                         const std::string& reference, const ActionInput& input,
                                         std::optional<int64_t> if_match, sys_seconds now,
                                         const AlsoInTransaction& also) {
    // Field names are one line, values may be several; both clean UTF-8 (app/text.hpp), whichever
    // edge they came through.
    for (const auto& [name, value] : input.fields)
        if (!support::valid_text(name) || !support::valid_text(value, true))
            return ServiceError::invalid_field(name, "control_characters");
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        error = load_visible(tx, who, org, reference, record);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        if (if_match && *if_match != record.stored.version) {
            error = ServiceError::of(ErrorKind::precondition_failed, "version_mismatch",
                                     {std::to_string(record.stored.version)});
            return;
        }
        const auto& calendar = record.procedure->calendar;
        cases::ActionRequest request{input.action, now, actor_for(who, record.stored.state), input.fields};
        // A complainant names documents in their own numbering (complainant_numbering.hpp).
        if (!who.complainant_of.empty()) {
            CaseRecord narrowed = record;
            keep_only_shared_documents(narrowed);
            for (const auto& field : record.procedure->procedure.fields)
                if (auto given = request.fields.find(field.id);
                    field.type == procedure::FieldType::documents && given != request.fields.end()) {
                    auto ids = dossier_document_list(narrowed, given->second);
                    if (!ids) {
                        error = ServiceError::invalid_field(field.id, "unknown_document");
                        return;
                    }
                    given->second = *ids;
                }
        }
        if (input.at) {
            auto at = moment(*input.at, "at", calendar, now);
            if (auto* e = at.failure()) {
                error = *e;
                return;
            }
            request.at = at.value();
        }
        const cases::Engine engine(record.procedure->procedure, calendar);
        const std::string stage_before = record.stored.state.stage;
        const std::string handler_before = record.stored.state.handler;
        const auto to_tell = newly_notable(record.procedure->procedure, record.stored.state, input.fields);
        if (hold_for_reference(tx, who, record, input, request, now, error))
            return;
        auto result = engine.apply(record.stored.state, request);
        if (auto* refusal = result.failure()) {
            error = from_refusal(*refusal);
            return;
        }
        error = unknown_person(tx, record.procedure->procedure, org, input.fields);
        if (error)
            return;
        const auto& outcome = result.value();
        const calendar::Day today = calendar.local_day(now);
        record.stored.next_due = next_due(engine, record.stored.state, today);
        record.stored.review_on = engine.first_review(record.stored.state);
        save_changed(tx, record.stored, stage_before, *record.procedure, now);
        generate_letters(tx, record, outcome.letters, today, calendar::unix_seconds(now));
        if (also)
            also(tx, record);
        // Taken with the reference given, or the case closed another way: nothing waits for the
        // other system any longer.
        if (const auto* action = record.procedure->procedure.action(input.action);
            waits_for_references(record.procedure->procedure) &&
            ((action && !action->external_reference.empty()) || record.stored.state.closed_on))
            tx.webhooks.release(org, reference);
        if (record.stored.state.handler != handler_before)
            tell_new_handler(tx, who, record.stored, calendar::unix_seconds(now));
        if (!to_tell.empty())
            tell_of_recorded(tx, who, record, to_tell, calendar::unix_seconds(now));
        // Which fields were recorded, not what they said: the case keeps the values, and the audit
        // log must not keep them after the case is anonymised (issue 15).
        std::vector<std::string> recorded;
        for (const auto& field : input.fields)
            recorded.push_back(field.first);
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.action", reference,
                     nlohmann::json{{"action", input.action},
                                    {"from", outcome.from_stage},
                                    {"to", outcome.to_stage},
                                    {"fields", recorded}}
                         .dump());
    });
    if (error)
        return *error;
    return record;
}

void CaseService::tell_new_handler(storage::Tx& tx, const Principal& who, const storage::StoredCase& stored,
                                   int64_t now) {
    const std::string& handler = stored.state.handler;
    if (handler.empty() || handler == who.email)
        return;  // nobody to tell, or they took it on themselves
    const std::string& reference = stored.state.reference;
    queue_staff_notice_to(tx,
                          {stored.org,
                           reference,
                           "assigned:" + std::to_string(stored.version),
                           "notice.assigned",
                           {reference, stored.subject, public_url_ + staff_case_path(reference),
                            who.name.empty() ? who.email : who.name}},
                          handler, letter_language_, now);
}

void CaseService::tell_of_recorded(storage::Tx& tx, const Principal& who, const CaseRecord& record,
                                   const std::vector<const procedure::Field*>& fields, int64_t now) {
    const cases::Case& c = record.stored.state;
    const auto users = tx.accounts.users_of(record.stored.org);
    for (const auto* field : fields) {
        Recipients to(users);
        for (const auto& role : field->notify)
            to.add_role(role, c);
        std::vector<Recipient> others;  // who recorded it knows
        for (const auto& person : to.list())
            if (person.email != who.email)
                others.push_back(person);
        queue_staff_notice(tx,
                           {record.stored.org,
                            c.reference,
                            "recorded:" + field->id + ":" + std::to_string(record.stored.version),
                            "notice.recorded",
                            {c.reference, record.stored.subject, public_url_ + staff_case_path(c.reference),
                             field->name, field->notify_when, who.name.empty() ? who.email : who.name}},
                           others, letter_language_, now);
    }
}

void CaseService::tell_of_complainant_message(storage::Tx& tx, const CaseRecord& record,
                                              const std::string& cause, const std::string& what,
                                              int64_t now) {
    const cases::Case& c = record.stored.state;
    const auto users = tx.accounts.users_of(record.stored.org);
    Recipients to(users);
    if (!c.handler.empty()) {
        to.add_account(c.handler);
    } else {
        // Nobody handles it yet: those the procedure tells when its running deadlines pass.
        for (const auto& running : c.deadlines)
            if (const auto* deadline = record.procedure->procedure.deadline(running.id);
                deadline && !running.met_on && !running.stopped_on)
                for (const auto& role : deadline->on_overdue.notify)
                    to.add_role(role, c);
    }
    queue_staff_notice(
        tx,
        {record.stored.org,
         c.reference,
         "from_complainant:" + cause,
         "notice.complainant_message",
         {c.reference, record.stored.subject, public_url_ + staff_case_path(c.reference), what}},
        to.list(), letter_language_, now);
}

Result<storage::DocumentRecord> CaseService::upload(const Principal& who, const std::string& org,
                                                    const std::string& reference, const Upload& upload,
                                                    sys_seconds now, bool tell_staff) {
    if (auto refused = check_upload(upload))
        return *refused;
    storage::DocumentRecord document;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        CaseRecord record;
        error = load_visible(tx, who, org, reference, record);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        if ((error = refuse_files(who, record, 1, upload.content.size())))
            return;
        if ((error = count_public_upload(tx, who, upload.content.size(), now)))
            return;
        const std::string id = "d" + std::to_string(record.documents.size() + 1);
        const cases::Engine engine(record.procedure->procedure, record.procedure->calendar);
        if (auto refusal = engine.add_document(record.stored.state, {id, upload.visibility}, now,
                                               actor_for(who, record.stored.state))) {
            error = from_refusal(*refusal);
            return;
        }
        save_changed(tx, record.stored, record.stored.state.stage, *record.procedure, now);
        document = store_document(tx, org, reference, id, upload, who.email, now);
        if (tell_staff && !who.complainant_of.empty())
            tell_of_complainant_message(tx, record, document.id, document.name, calendar::unix_seconds(now));
    });
    if (error)
        return *error;
    return document;
}

Result<std::pair<storage::DocumentRecord, std::string>> CaseService::download(const Principal& who,
                                                                              const std::string& org,
                                                                              const std::string& reference,
                                                                              const std::string& id) {
    std::optional<std::pair<storage::DocumentRecord, std::string>> found;
    std::optional<ServiceError> error;
    bool shared_only = true;
    store_.read([&](storage::Tx& tx) {
        CaseRecord record;
        error = load_visible(tx, who, org, reference, record);
        shared_only = record.shared_documents_only;
        if (error)
            return;
        // The complainant names a document in their own numbering (complainant_numbering.hpp).
        std::optional<std::string> stored_id = id;
        if (!who.complainant_of.empty()) {
            keep_only_shared_documents(record);
            stored_id = dossier_document_id(record, id);
        }
        if (stored_id)
            found = tx.dossier.document(org, reference, *stored_id);
    });
    if (error)
        return *error;
    if (!found || (shared_only && found->first.visibility != "shared"))
        return ServiceError::not_found(id);
    return *found;
}

Result<CaseService::LetterPdf> CaseService::letter_pdf(const Principal& who, const std::string& org,
                                                       const std::string& reference, int64_t seq) {
    // Through `get`: a complainant finds only the letters addressed to them.
    auto found = get(who, org, reference);
    if (auto* e = found.failure())
        return *e;
    const CaseRecord& record = found.value();
    for (const auto& letter : record.letters)
        if (letter.seq == seq)
            return LetterPdf{letter_file_name(letter),
                             pdf::render_letter(letter_document(record, letter, letter_language_))};
    return ServiceError::not_found(std::to_string(seq));
}

std::vector<storage::Delivery> CaseService::seen_whole(storage::Tx& tx, const Principal& who,
                                                       const std::string& org,
                                                       std::vector<storage::Delivery> deliveries,
                                                       size_t limit) {
    std::vector<storage::Delivery> out;
    for (auto& d : deliveries) {
        if (out.size() >= limit)
            break;
        if (sees_whole(tx, who, org, d.reference))
            out.push_back(std::move(d));
    }
    return out;
}

bool CaseService::sees_whole(storage::Tx& tx, const Principal& who, const std::string& org,
                             const std::string& reference) {
    auto stamp = tx.cases.stamp(org, reference);
    return stamp && sight(tx, who, org, reference, *stamp) == Sight::whole;
}

std::vector<storage::Delivery> CaseService::print_queue(const Principal& who, const std::string& org) {
    std::vector<storage::Delivery> out;
    store_.read([&](storage::Tx& tx) {
        if (who.org == org)
            out = seen_whole(tx, who, org, tx.outbox.to_print_of(org), SIZE_MAX);
    });
    return out;
}

Result<CaseService::LetterPdf> CaseService::print_batch(const Principal& who, const std::string& org,
                                                        int64_t up_to, const std::string& title) {
    auto queue = print_queue(who, org);
    std::erase_if(queue, [&](const storage::Delivery& d) { return d.id > up_to; });
    std::vector<pdf::LetterDocument> letters;
    std::string organisation;
    for (const auto& d : queue) {
        auto found = get(who, org, d.reference);
        if (!found.ok())
            continue;
        const CaseRecord& record = found.value();
        organisation = record.procedure->procedure.meta.organisation;
        for (const auto& letter : record.letters)
            if (letter_cause(letter.seq) == d.cause)
                letters.push_back(letter_document(record, letter, letter_language_));
    }
    if (letters.empty())
        return ServiceError::not_found(title);
    return LetterPdf{title + ".pdf", pdf::render_letters(letters, title, organisation)};
}

int CaseService::mark_posted(const Principal& who, const std::string& org, const std::vector<int64_t>& ids,
                             sys_seconds now) {
    const auto queue = print_queue(who, org);
    int posted = 0;
    store_.transact([&](storage::Tx& tx) {
        posted = 0;
        for (const auto& d : queue) {
            if (std::find(ids.begin(), ids.end(), d.id) == ids.end() ||
                !tx.outbox.mark_posted(org, d.id, calendar::unix_seconds(now)))
                continue;
            ++posted;
            append_audit(tx, calendar::unix_seconds(now), org, who.email, "letter.posted", d.reference,
                         nlohmann::json{{"letter", d.cause}}.dump());
        }
    });
    return posted;
}

Result<std::vector<storage::Delivery>> CaseService::deliveries(const Principal& who, const std::string& org,
                                                               const std::string& reference) {
    std::vector<storage::Delivery> out;
    bool seen = false;
    store_.read([&](storage::Tx& tx) {
        auto stamp = tx.cases.stamp(org, reference);
        seen = stamp && sight(tx, who, org, reference, *stamp) == Sight::whole;
        if (seen)
            out = tx.outbox.of_case(org, reference);
    });
    if (!seen)
        return ServiceError::not_found(reference);
    return out;
}

std::vector<storage::Delivery> CaseService::undelivered(const Principal& who, const std::string& org,
                                                        int limit) {
    std::vector<storage::Delivery> out;
    store_.read([&](storage::Tx& tx) {
        // The newest failures first, as many as it takes to find `limit` this reader may see (at
        // most 50 times as many: the dashboard's list, not the register).
        if (who.org == org)
            out = seen_whole(tx, who, org, tx.outbox.failed_of(org, limit * 50), static_cast<size_t>(limit));
    });
    return out;
}

std::vector<storage::EffectRecord> CaseService::untold(const Principal& who, const std::string& org,
                                                       int limit) {
    std::vector<storage::EffectRecord> out;
    store_.read([&](storage::Tx& tx) {
        if (who.org != org)
            return;
        for (auto& effect : tx.effects.untold_of(org, limit * 50)) {
            if (out.size() >= static_cast<size_t>(limit))
                break;
            if (sees_whole(tx, who, org, effect.reference))
                out.push_back(std::move(effect));
        }
    });
    return out;
}

std::shared_ptr<const loading::LoadedProcedure> CaseService::current_procedure(const std::string& org) {
    std::shared_ptr<const loading::LoadedProcedure> out;
    store_.read([&](storage::Tx& tx) {
        const int version = tx.orgs.procedure_in_force(org);
        out = version > 0 ? procedures_.get(tx, org, version) : nullptr;
    });
    return out;
}

std::shared_ptr<const loading::LoadedProcedure> CaseService::procedure(const std::string& org, int version) {
    std::shared_ptr<const loading::LoadedProcedure> out;
    store_.read([&](storage::Tx& tx) { out = procedures_.get(tx, org, version); });
    return out;
}

}  // namespace meldpunt::service
