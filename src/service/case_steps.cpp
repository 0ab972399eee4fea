#include "service/case_steps.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "service/report_figures.hpp"
#include "service/webhook_events.hpp"

namespace meldpunt::service {

using std::chrono::sys_seconds;

std::optional<ServiceError> refuse_if_restricted(storage::Tx& tx, const Principal& who,
                                                 const std::string& org, const std::string& reference) {
    if (!who.complainant_of.empty() || !tx.subject_requests.restriction_of(org, reference))
        return std::nullopt;
    return ServiceError::of(ErrorKind::conflict, "case_restricted");
}

ServiceError from_refusal(const cases::Refusal& r) {
    const std::string code = cases::refusal_code(r.kind);
    std::vector<std::string> args{r.subject};
    for (const auto& d : r.details)
        args.push_back(d);
    // A merged duplicate takes no step: the reader is sent on to the case it became part of.
    if (r.kind == cases::RefusalKind::invalid_state && r.details.size() == 2 && r.details[0] == "merged")
        return ServiceError::with_message(ErrorKind::conflict, "case_merged", "api.case_merged",
                                          {r.details[1]});
    // Its retention passed: nothing of it is left to act on (anonymise.hpp).
    if (r.kind == cases::RefusalKind::invalid_state && r.details.size() == 1 && r.details[0] == "anonymised")
        return ServiceError::with_message(ErrorKind::conflict, "case_anonymised", "api.case_anonymised", {});
    // A step that would close the case while something agreed with the complainant is still open
    // (003 §Werkwijze 4): the reader is told what to do first.
    if (r.kind == cases::RefusalKind::invalid_state && r.details.size() == 2 &&
        r.details[0] == "open_commitments")
        return ServiceError::with_message(ErrorKind::conflict, "open_commitments", "api.open_commitments",
                                          {r.details[1]});
    if (r.kind == cases::RefusalKind::invalid_state && r.subject == "commitment" && !r.details.empty() &&
        r.details[0] == "closed")
        return ServiceError::with_message(ErrorKind::conflict, "case_closed", "api.commitment_case_closed",
                                          {});
    switch (r.kind) {
        case cases::RefusalKind::unknown_action:
            return ServiceError::with_message(ErrorKind::bad_request, code, "refusal." + code, args,
                                              "action");
        case cases::RefusalKind::not_allowed_in_stage:
        case cases::RefusalKind::invalid_state:
            return ServiceError::with_message(ErrorKind::conflict, code, "refusal." + code, args, "");
        case cases::RefusalKind::not_permitted:
            return ServiceError::with_message(ErrorKind::forbidden, code, "refusal." + code, args, "");
        case cases::RefusalKind::rule_violated: {
            const std::string rule = r.rule_id();
            const std::string source = r.rule ? r.rule->source : "";
            // The rule's id, source and text, then the refusal's particulars (a person, a day).
            std::vector<std::string> rule_args{rule, source, r.rule ? r.rule->text : ""};
            rule_args.insert(rule_args.end(), r.details.begin(), r.details.end());
            auto e = ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, rule_args);
            e.rule = rule;
            e.source = source;
            return e;
        }
        case cases::RefusalKind::unknown_kind:
            return ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, args,
                                              "kind");
        case cases::RefusalKind::unknown_unit:
            return ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, args,
                                              "unit");
        case cases::RefusalKind::channel_not_accepted:
            return ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, args,
                                              "channel");
        case cases::RefusalKind::missing_field:
        case cases::RefusalKind::invalid_field:
            return ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, args,
                                              r.subject);
    }
    return ServiceError::with_message(ErrorKind::unprocessable, code, "refusal." + code, args);
}

std::optional<calendar::Day> next_due(const cases::Engine& engine, const cases::Case& c,
                                      calendar::Day today) {
    std::optional<calendar::Day> earliest;
    for (const auto& view : engine.deadlines(c, today)) {
        if ((view.status == cases::DeadlineStatus::open || view.status == cases::DeadlineStatus::overdue) &&
            view.due.due && (!earliest || *view.due.due < *earliest))
            earliest = view.due.due;
    }
    return earliest;
}

void save_changed(storage::Tx& tx, storage::StoredCase& stored, const std::string& stage_before,
                  const loading::LoadedProcedure& procedure, sys_seconds now) {
    const int64_t previous = stored.version;
    const std::string figures_before = stored.figures;
    stored.version = previous + 1;
    stored.figures = figures_line(procedure, stored.state, procedure.calendar.local_day(now));
    if (!tx.cases.update(stored, previous, stage_before, figures_before))
        concurrent_change();
    queue_case_changed(tx, stored.org, stored.state, stored.version, stage_before, procedure.procedure,
                       calendar::unix_seconds(now));
}

cases::Actor actor_for(const Principal& who, const cases::Case& c) {
    return {who.email, who.roles_for_unit(c.unit)};
}

storage::CaseStamp parties_of(const storage::StoredCase& stored) {
    const cases::Case& c = stored.state;
    return {stored.version, c.unit, c.handler, c.registered_by(), c.about, c.stages_reached()};
}

bool waits_for_references(const procedure::Procedure& procedure) {
    for (const auto& action : procedure.actions)
        if (!action.external_reference.empty())
            return true;
    return false;
}

[[noreturn]] void concurrent_change() {
    throw storage::StorageError("the case changed concurrently", true);
}

storage::DocumentRecord store_document(storage::Tx& tx, const std::string& org, const std::string& reference,
                                       const std::string& id, const Upload& upload, const std::string& by,
                                       sys_seconds now) {
    const std::string hash = sha256_hex(upload.content);
    storage::DocumentRecord document{
        org,         reference,           id,
        upload.name, upload.content_type, static_cast<int64_t>(upload.content.size()),
        hash,        upload.visibility,   calendar::unix_seconds(now),
        by};
    tx.dossier.put_document(document, upload.content);
    append_audit(
        tx, calendar::unix_seconds(now), org, by, "case.document", reference,
        nlohmann::json{{"document", id}, {"sha256", hash}, {"visibility", upload.visibility}}.dump());
    return document;
}

}  // namespace meldpunt::service
