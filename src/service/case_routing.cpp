// A case judged urgent and sent on to whoever should take it (002 §B: "Is de medewerker afwezig,
// dan beoordeelt degene die de telefoon, mail of brief aanneemt de urgentie en stuurt het zo nodig
// door naar de leidinggevende"). The engine changes the case; here who may, the checks of what was
// typed, the audit and the notice to the person it now reaches.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "service/links.hpp"
#include "service/staff_notice.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

std::optional<ServiceError> check_note(std::string& note) {
    std::erase(note, '\r');
    if (note.size() > CaseService::kMaxRoutingNote)
        return ServiceError::invalid_field("note", "too_long");
    if (!support::valid_text(note, true))
        return ServiceError::invalid_field("note", "control_characters");
    if (note.find_first_not_of(" \t\n") == std::string::npos)
        note.clear();
    return std::nullopt;
}

}  // namespace

bool CaseService::may_forward(const Principal& who, const CaseRecord& record) {
    if (record.shared_documents_only || !who.complainant_of.empty())
        return false;
    const cases::Case& c = record.stored.state;
    if (c.registered_by() == who.email)
        return true;
    const auto roles = who.roles_for_unit(c.unit);
    const auto holds = [&](const std::string& role) { return std::ranges::find(roles, role) != roles.end(); };
    for (const auto& action : record.procedure->procedure.actions)
        if (action.sets_handler &&
            (action.kinds.empty() || std::ranges::find(action.kinds, c.kind) != action.kinds.end()) &&
            std::ranges::any_of(action.roles, holds))
            return true;
    return false;
}

Result<CaseRecord> CaseService::set_urgency(const Principal& who, const std::string& org,
                                            const std::string& reference, bool urgent,
                                            const std::string& note, std::optional<int64_t> if_match,
                                            std::chrono::sys_seconds now) {
    std::string text = note;
    if (auto wrong = check_note(text))
        return *wrong;
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        if ((error = load_to_change(tx, who, org, reference, if_match, "api.routing_not_yours", record)))
            return;
        cases::Case& c = record.stored.state;
        const loading::LoadedProcedure& procedure = *record.procedure;
        const cases::Engine engine(procedure.procedure, procedure.calendar);
        if (auto refusal = engine.set_urgency(c, urgent, text, now, actor_for(who, c))) {
            error = refusal->subject == "urgent"
                        ? ServiceError::with_message(ErrorKind::unprocessable, "nothing_changed",
                                                     urgent ? "api.urgent_already" : "api.not_urgent_already")
                        : from_refusal(*refusal);
            return;
        }
        record.stored.next_due = next_due(engine, c, procedure.calendar.local_day(now));
        record.stored.review_on = engine.first_review(c);
        save_changed(tx, record.stored, c.stage, procedure, now);
        const int64_t at = calendar::unix_seconds(now);
        append_audit(tx, at, org, who.email, "case.urgency", reference,
                     nlohmann::json{{"urgent", urgent}}.dump());
        if (!urgent || c.handler.empty() || c.handler == who.email)
            return;
        queue_staff_notice_to(tx,
                              {org,
                               reference,
                               "urgent:" + std::to_string(record.stored.version),
                               "notice.urgent",
                               {reference, record.stored.subject, public_url_ + staff_case_path(reference),
                                who.name.empty() ? who.email : who.name, text}},
                              c.handler, letter_language_, at);
    });
    if (error)
        return *error;
    return record;
}

Result<CaseRecord> CaseService::forward(const Principal& who, const std::string& org,
                                        const std::string& reference, const ForwardInput& input,
                                        std::optional<int64_t> if_match, std::chrono::sys_seconds now) {
    std::string note = input.note;
    if (auto wrong = check_note(note))
        return *wrong;
    if (input.unit.empty() && input.to.empty())
        return ServiceError::with_message(ErrorKind::unprocessable, "missing_field", "api.forward_to", {},
                                          "to");
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        if ((error = load_to_change(tx, who, org, reference, if_match, "api.routing_not_yours", record)))
            return;
        if (!may_forward(who, record)) {
            error =
                ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.forward_not_yours");
            return;
        }
        if (!input.to.empty()) {
            const auto account = tx.accounts.user_by_email(org, input.to);
            if (!account || !account->active()) {
                error = ServiceError::with_message(ErrorKind::unprocessable, "invalid_field",
                                                   "api.no_active_account", {input.to}, "to");
                return;
            }
        }
        cases::Case& c = record.stored.state;
        const loading::LoadedProcedure& procedure = *record.procedure;
        const cases::Engine engine(procedure.procedure, procedure.calendar);
        const std::string handler_before = c.handler;
        if (auto refusal = engine.forward(c, {input.unit, input.to, note, now, actor_for(who, c)})) {
            error = refusal->subject == "to" && !refusal->details.empty() &&
                            refusal->details[0] == "nothing_changed"
                        ? ServiceError::with_message(ErrorKind::unprocessable, "nothing_changed",
                                                     "api.forward_same")
                        : from_refusal(*refusal);
            return;
        }
        save_changed(tx, record.stored, c.stage, procedure, now);
        const int64_t at = calendar::unix_seconds(now);
        append_audit(tx, at, org, who.email, "case.forward", reference,
                     nlohmann::json{{"unit", input.unit}, {"to", input.to}}.dump());
        if (c.handler == handler_before || c.handler == who.email)
            return;
        queue_staff_notice_to(tx,
                              {org,
                               reference,
                               "forwarded:" + std::to_string(record.stored.version),
                               note.empty() ? "notice.forwarded" : "notice.forwarded_with_note",
                               {reference, record.stored.subject, public_url_ + staff_case_path(reference),
                                who.name.empty() ? who.email : who.name, note}},
                              c.handler, letter_language_, at);
    });
    if (error)
        return *error;
    return record;
}

}  // namespace meldpunt::service
