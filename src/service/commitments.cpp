// What was agreed with the complainant, followed until it is done or waived (003 §Werkwijze 4: "De
// afhandelaar draagt zorg voor een goede afhandeling van wat is afgesproken met de klager"). The
// engine keeps the commitments on the case and holds back a close while one is open; the sweep
// reminds (Engine::review).
#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "render/due_date_text.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "service/links.hpp"
#include "service/staff_notice.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::optional<ServiceError> check_text(const std::string& text, const char* field) {
    if (text.size() > CaseService::kMaxCommitmentText)
        return ServiceError::invalid_field(field, "too_long");
    if (!support::valid_text(text, true))
        return ServiceError::invalid_field(field, "control_characters");
    return std::nullopt;
}

std::optional<ServiceError> check_commitment(const CommitmentInput& in, std::optional<calendar::Day> due,
                                             calendar::Day today) {
    if (blank(in.what))
        return ServiceError::with_message(ErrorKind::unprocessable, "missing_field", "api.commitment_what",
                                          {}, "what");
    if (auto wrong = check_text(in.what, "what"))
        return wrong;
    if (in.who.empty())
        return ServiceError::with_message(ErrorKind::unprocessable, "missing_field", "api.commitment_who", {},
                                          "who");
    if (!due || *due < today)
        return ServiceError::with_message(ErrorKind::unprocessable, "invalid_field", "api.commitment_due", {},
                                          "due");
    return std::nullopt;
}

}  // namespace

Result<CaseRecord> CaseService::promise(const Principal& who, const std::string& org,
                                        const std::string& reference, const CommitmentInput& input,
                                        std::optional<int64_t> if_match, std::chrono::sys_seconds now) {
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        if ((error = load_to_change(tx, who, org, reference, if_match, "api.commitment_not_yours", record)))
            return;
        const loading::LoadedProcedure& procedure = *record.procedure;
        const calendar::Day today = procedure.calendar.local_day(now);
        const auto due = calendar::parse_day(input.due);
        if ((error = check_commitment(input, due, today)))
            return;
        const auto carrier = tx.accounts.user_by_email(org, input.who);
        if (!carrier || !carrier->active()) {
            error = ServiceError::with_message(ErrorKind::unprocessable, "invalid_field",
                                               "api.no_active_account", {input.who}, "who");
            return;
        }
        // Whoever carries it out opens the case to say it is done: someone who sees it whole.
        const Principal as_carrier{carrier->id, org, carrier->email, carrier->name, carrier->roles, "", ""};
        const storage::CaseStamp parties = parties_of(record.stored);
        if (!may_see(as_carrier, procedure.procedure, reference, parties) ||
            sees_as_subject(as_carrier, procedure.procedure, parties)) {
            error = ServiceError::with_message(
                ErrorKind::unprocessable, "invalid_field", "api.commitment_carrier_blind",
                {carrier->name.empty() ? carrier->email : carrier->name}, "who");
            return;
        }
        cases::Commitment commitment;
        commitment.what = input.what;
        std::erase(commitment.what, '\r');
        commitment.who = input.who;
        commitment.due = *due;
        commitment.complainant_sees = input.complainant_sees;
        const cases::Engine engine(procedure.procedure, procedure.calendar);
        auto made = engine.promise(record.stored.state, commitment, now, actor_for(who, record.stored.state));
        if (!made) {
            error =
                made.error().details.size() == 1 && made.error().details[0] == "no_commitments"
                    ? ServiceError::with_message(ErrorKind::conflict, "no_commitments", "api.no_commitments")
                    : from_refusal(made.error());
            return;
        }
        record.stored.review_on = engine.first_review(record.stored.state);
        save_changed(tx, record.stored, record.stored.state.stage, procedure, now);
        const int64_t at = calendar::unix_seconds(now);
        append_audit(
            tx, at, org, who.email, "case.commitment", reference,
            nlohmann::json{{"commitment", made.value()}, {"who", input.who}, {"due", input.due}}.dump());
        if (input.who == who.email)
            return;  // they know
        queue_staff_notice_to(
            tx,
            {org,
             reference,
             "commitment:" + made.value(),
             "notice.commitment",
             {input.what, reference, record.stored.subject, render::long_date(*due, letter_language_),
              public_url_ + staff_case_path(reference), who.name.empty() ? who.email : who.name}},
            input.who, letter_language_, at);
    });
    if (error)
        return *error;
    return record;
}

Result<CaseRecord> CaseService::settle_commitment(const Principal& who, const std::string& org,
                                                  const std::string& reference, const std::string& id,
                                                  const std::string& outcome, const std::string& note,
                                                  std::chrono::sys_seconds now) {
    const auto state = cases::parse_commitment_state(outcome);
    if (!state || *state == cases::CommitmentState::open)
        return ServiceError::with_message(ErrorKind::unprocessable, "invalid_field", "api.commitment_outcome",
                                          {}, "outcome");
    if (auto wrong = check_text(note, "note"))
        return *wrong;
    if (*state == cases::CommitmentState::waived && blank(note))
        return ServiceError::with_message(ErrorKind::unprocessable, "missing_field", "api.commitment_reason",
                                          {}, "note");
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        error = load_visible(tx, who, org, reference, record);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        cases::Case& c = record.stored.state;
        const cases::Commitment* commitment = c.commitment(id);
        if (!commitment) {
            error = ServiceError::of(ErrorKind::not_found, "not_found", {id});
            return;
        }
        // Whoever carries it out says it is done; giving it up is for those who answer for the case.
        const bool carrier = commitment->who == who.email && !record.shared_documents_only;
        const bool responsible = may_correct(who, record);
        if (!(responsible || (carrier && *state == cases::CommitmentState::done))) {
            error =
                ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.commitment_not_yours");
            return;
        }
        if (commitment->state != cases::CommitmentState::open) {
            error = ServiceError::with_message(ErrorKind::conflict, "commitment_settled",
                                               "api.commitment_settled");
            return;
        }
        const loading::LoadedProcedure& procedure = *record.procedure;
        const cases::Engine engine(procedure.procedure, procedure.calendar);
        std::string text = note;
        std::erase(text, '\r');
        if (auto refusal = engine.settle(c, id, *state, text, now, actor_for(who, c))) {
            error = from_refusal(*refusal);
            return;
        }
        record.stored.review_on = engine.first_review(c);
        save_changed(tx, record.stored, c.stage, procedure, now);
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.commitment_" + outcome, reference,
                     nlohmann::json{{"commitment", id}}.dump());
    });
    if (error)
        return *error;
    return record;
}

}  // namespace meldpunt::service
