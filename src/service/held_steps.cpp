// Steps that wait for another system (issue 16; 003 §Afsluiten klacht: the complaint is registered
// in E-Synergy when it is closed). The quality manager closes a Focus case without the ERP's
// reference while a webhook takes "case.closing": the step is checked as if the reference were
// there, held (storage::HeldStep), and the event queued in the same transaction. The ERP answers the
// delivery with {"reference": "..."} or acknowledges later over the API; the step is then applied as
// the quality manager took it, with the reference in its field, and the hold released in the same
// transaction. A step refused by then (the case moved meanwhile) stays with the reason on the case
// page until staff take it again or give up waiting.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "service/crypto.hpp"
#include "service/webhook_events.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

constexpr size_t kMaxReference = 100;
constexpr const char* kClosingEvent = "case.closing";

bool empty_field(const std::map<std::string, std::string>& fields, const std::string& id) {
    const auto found = fields.find(id);
    return found == fields.end() || support::trimmed(found->second).empty();
}

// Writes the unchanged case as its next version, so that every copy of its page (the rendered
// case cache, an If-None-Match) shows the step waiting or refused.
void touch(storage::Tx& tx, CaseRecord& record, sys_seconds now) {
    save_changed(tx, record.stored, record.stored.state.stage, *record.procedure, now);
}

}  // namespace

bool CaseService::may_take_held(const Principal& who, const CaseRecord& record, bool or_who_took_it) {
    if (!record.held || !record.procedure)
        return false;
    if (or_who_took_it && record.held->actor == who.email)
        return true;
    const auto* action = record.procedure->procedure.action(record.held->action);
    if (!action)
        return false;
    for (const auto& role : who.roles_for_unit(record.stored.state.unit))
        if (std::find(action->roles.begin(), action->roles.end(), role) != action->roles.end())
            return true;
    return false;
}

bool CaseService::hold_for_reference(storage::Tx& tx, const Principal& who, CaseRecord& record,
                                     const ActionInput& input, cases::ActionRequest request, sys_seconds now,
                                     std::optional<ServiceError>& error) {
    const auto& procedure = record.procedure->procedure;
    const auto* action = procedure.action(input.action);
    if (!action || action->external_reference.empty() ||
        !empty_field(input.fields, action->external_reference))
        return false;
    const std::string& org = record.stored.org;
    const std::string& reference = record.stored.state.reference;
    if (!tx.webhooks.anyone_takes(org, kClosingEvent))
        return false;  // nothing would answer: the field is required as the procedure says
    // Checked as the step will be taken, on a copy: the case itself does not change now.
    cases::Case trial = record.stored.state;
    request.fields.insert_or_assign(action->external_reference, std::string(1, '-'));
    const cases::Engine engine(procedure, record.procedure->calendar);
    if (auto refused = engine.apply(trial, request); auto* r = refused.failure()) {
        error = from_refusal(*r);
        return true;
    }
    const int64_t at = calendar::unix_seconds(now);
    nlohmann::json given = nlohmann::json::object();
    for (const auto& [name, value] : input.fields)
        if (name != action->external_reference)
            given[name] = value;
    // Its own event id: an answer to an earlier closing of the case acknowledges nothing now.
    const std::string event_id = org + "/" + reference + "/closing/" + random_token().substr(0, 16);
    if (!tx.webhooks.hold({org, reference, action->id, action->external_reference, who.email, given.dump(),
                           at, "waiting", "", event_id})) {
        error = ServiceError::of(ErrorKind::conflict, "step_held", {action->name});
        return true;
    }
    queue_case_closing(tx, org, record.stored.state, action->id, action->external_reference, event_id,
                       procedure, at);
    append_audit(tx, at, org, who.email, "case.held", reference,
                 nlohmann::json{{"action", action->id}, {"waits_for", action->external_reference}}.dump());
    touch(tx, record, now);
    record.held = tx.webhooks.held(org, reference);
    return true;
}

Result<Done> CaseService::acknowledge(const std::string& org, const std::string& reference,
                                      const std::string& value, const Principal* caller, sys_seconds now) {
    const std::string given = support::trimmed(value);
    if (given.empty() || given.size() > kMaxReference || !support::valid_text(given))
        return ServiceError::of(ErrorKind::bad_request, "acknowledgement_reference",
                                {std::to_string(kMaxReference)}, "reference");
    std::optional<storage::HeldStep> held;
    std::optional<storage::UserRecord> actor;
    std::shared_ptr<const loading::LoadedProcedure> loaded;
    CaseRecord record;
    store_.read([&](storage::Tx& tx) {
        held = tx.webhooks.held(org, reference);
        if (held)
            actor = tx.accounts.user_by_email(org, held->actor);
        if (auto stored = tx.cases.get(org, reference)) {
            loaded = procedures_.get(tx, org, stored->state.procedure_version);
            record.stored = std::move(*stored);
        }
    });
    record.procedure = loaded;
    record.held = held;
    if (!held || held->status != "waiting" || !loaded)
        return ServiceError::of(ErrorKind::not_found, "nothing_held", {reference});
    // Whoever acknowledges over the API may take the step themselves.
    if (caller && (caller->org != org || !may_take_held(*caller, record, false)))
        return ServiceError::of(ErrorKind::not_found, "nothing_held", {reference});
    auto refuse = [&](const std::string& why) {
        store_.transact([&](storage::Tx& tx) {
            if (!tx.webhooks.mark_refused(org, reference, why))
                return;
            append_audit(tx, calendar::unix_seconds(now), org, caller ? caller->email : "webhook",
                         "case.held_refused", reference, nlohmann::json{{"why", why}}.dump());
            CaseRecord current;  // as it is now, to be written again
            if (auto stored = tx.cases.get(org, reference)) {
                current.stored = std::move(*stored);
                current.procedure = loaded;
                touch(tx, current, now);
            }
        });
    };
    if (!actor || !actor->active()) {
        refuse("actor_inactive");
        return ServiceError::of(ErrorKind::conflict, "held_actor_inactive", {held->actor});
    }
    ActionInput input{held->action, std::nullopt, {}};
    const auto fields = nlohmann::json::parse(held->fields, nullptr, false);
    if (fields.is_object())
        for (const auto& [name, v] : fields.items())
            if (v.is_string())
                input.fields.emplace(name, v.get<std::string>());
    input.fields[held->field] = given;
    const Principal as{actor->id, actor->org, actor->email, actor->name, actor->roles, ""};
    const std::string by = caller ? caller->email : "webhook";
    // Applied only while this very step still waits: staff may have stopped waiting, or another
    // server applied it, since it was read.
    struct NoLongerWaiting {};
    Result<CaseRecord> applied = ServiceError{};
    try {
        applied =
            act_with(as, org, reference, input, std::nullopt, now, [&](storage::Tx& tx, const CaseRecord&) {
                if (!tx.webhooks.release_waiting(org, reference, held->event_id))
                    throw NoLongerWaiting{};
                append_audit(tx, calendar::unix_seconds(now), org, by, "case.acknowledged", reference,
                             nlohmann::json{{"action", held->action}, {"field", held->field}}.dump());
            });
    } catch (const NoLongerWaiting&) {
        return ServiceError::of(ErrorKind::not_found, "nothing_held", {reference});
    }
    if (auto* e = applied.failure()) {
        // The step itself was refused (the case moved meanwhile): kept with the reason for staff.
        if (e->kind == ErrorKind::unprocessable || e->kind == ErrorKind::conflict ||
            e->kind == ErrorKind::forbidden)
            refuse(e->code);
        return *e;
    }
    return Done{};
}

int CaseService::acknowledge_answered(sys_seconds now) {
    std::vector<storage::Webhooks::Answered> answered;
    store_.read([&](storage::Tx& tx) { answered = tx.webhooks.answered_waiting(100); });
    int applied = 0;
    for (const auto& a : answered)
        if (acknowledge(a.org, a.reference, a.answer, nullptr, now).ok())
            ++applied;
    return applied;
}

Result<Done> CaseService::release_held(const Principal& who, const std::string& org,
                                       const std::string& reference, sys_seconds now) {
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        CaseRecord record;
        error = load_visible(tx, who, org, reference, record);
        if (error)
            return;
        if (!record.held) {
            error = ServiceError::of(ErrorKind::not_found, "nothing_held", {reference});
            return;
        }
        if (!may_take_held(who, record)) {
            error = ServiceError::of(ErrorKind::forbidden, "held_not_yours");
            return;
        }
        tx.webhooks.release(org, reference);
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.held_released", reference,
                     nlohmann::json{{"action", record.held->action}}.dump());
        touch(tx, record, now);
    });
    if (error)
        return *error;
    return Done{};
}

}  // namespace meldpunt::service
