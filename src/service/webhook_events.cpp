#include "service/webhook_events.hpp"

#include <functional>

#include "domain/calendar/instant.hpp"
#include "domain/procedure/analysis.hpp"

namespace meldpunt::service {

namespace {

// The envelope every payload shares.
nlohmann::json envelope(const std::string& event, const std::string& id, const std::string& org, int64_t at) {
    return {{"id", id},
            {"event", event},
            {"occurred_at", calendar::format_instant(calendar::from_unix_seconds(at))},
            {"organisation", org}};
}

// Queues the event for the organisation's subscriptions that take it. The body is made only when
// one does: most organisations have no webhook, and their writes should pay nothing for it
// (storage::Webhooks::anyone_takes answers from memory).
int64_t queue(storage::Tx& tx, const std::string& org, const std::string& event, const std::string& id,
              const std::string& reference, const std::function<nlohmann::json()>& payload, int64_t at) {
    if (!tx.webhooks.anyone_takes(org, event))
        return 0;
    return tx.webhooks.fan_out(org, event, id, reference, payload().dump(), at);
}

std::string case_event_id(const std::string& org, const cases::Case& c, const std::string& what) {
    return org + "/" + c.reference + "/" + what;
}

}  // namespace

bool is_webhook_event(std::string_view event) {
    for (const auto known : kWebhookEvents)
        if (known == event)
            return true;
    return false;
}

nlohmann::json case_payload(const cases::Case& c, const procedure::Procedure& procedure) {
    const auto* stage = procedure.stage(c.stage);
    const auto* kind = procedure.kind(c.kind);
    nlohmann::json analysis = nlohmann::json::object();
    for (const auto& field : procedure.fields) {
        if (field.analysis.empty() || field.type != procedure::FieldType::choice)
            continue;
        if (auto value = c.facts.find(field.id); value != c.facts.end())
            analysis[field.analysis] = value->second;
    }
    nlohmann::json out{
        {"reference", c.reference},
        {"kind", c.kind},
        {"kind_name", kind ? kind->name : c.kind},
        {"channel", c.channel},
        {"unit", c.unit},
        {"stage", c.stage},
        {"stage_name", stage ? stage->name : c.stage},
        {"final", stage && stage->final},
        {"urgent", c.urgent},
        {"received_on", calendar::format_day(c.received_on)},
        {"closed_on", c.closed_on ? nlohmann::json(calendar::format_day(*c.closed_on)) : nullptr},
        {"procedure_version", c.procedure_version},
        {"analysis", analysis}};
    return out;
}

int64_t queue_case_created(storage::Tx& tx, const std::string& org, const cases::Case& c,
                           const procedure::Procedure& procedure, int64_t at) {
    const std::string id = case_event_id(org, c, "created");
    return queue(
        tx, org, "case.created", id, c.reference,
        [&] {
            auto payload = envelope("case.created", id, org, at);
            payload["case"] = case_payload(c, procedure);
            return payload;
        },
        at);
}

int64_t queue_case_changed(storage::Tx& tx, const std::string& org, const cases::Case& c, int64_t version,
                           const std::string& stage_before, const procedure::Procedure& procedure,
                           int64_t at) {
    if (c.stage == stage_before)
        return 0;
    const auto told = [&](const char* event, const std::string& id) {
        return queue(
            tx, org, event, id, c.reference,
            [&] {
                auto payload = envelope(event, id, org, at);
                payload["case"] = case_payload(c, procedure);
                payload["from_stage"] = stage_before;
                return payload;
            },
            at);
    };
    int64_t queued =
        told("case.stage_changed", case_event_id(org, c, "v" + std::to_string(version) + "/stage"));
    if (const auto* stage = procedure.stage(c.stage); stage && stage->final)
        queued += told("case.closed", case_event_id(org, c, "v" + std::to_string(version) + "/closed"));
    return queued;
}

int64_t queue_deadline_passed(storage::Tx& tx, const std::string& org, const cases::Case& c,
                              const cases::Effect& overdue, const procedure::Procedure& procedure,
                              int64_t at) {
    const std::string id = case_event_id(org, c, overdue.key);
    return queue(
        tx, org, "case.deadline_passed", id, c.reference,
        [&] {
            auto payload = envelope("case.deadline_passed", id, org, at);
            payload["case"] = case_payload(c, procedure);
            const auto* deadline = procedure.deadline(overdue.deadline);
            payload["deadline"] = {{"id", overdue.deadline},
                                   {"name", deadline ? deadline->name : overdue.deadline},
                                   {"due_on", calendar::format_day(overdue.due)}};
            return payload;
        },
        at);
}

int64_t queue_case_closing(storage::Tx& tx, const std::string& org, const cases::Case& c,
                           const std::string& action, const std::string& field, const std::string& event_id,
                           const procedure::Procedure& procedure, int64_t at) {
    return queue(
        tx, org, "case.closing", event_id, c.reference,
        [&] {
            auto payload = envelope("case.closing", event_id, org, at);
            payload["case"] = case_payload(c, procedure);
            payload["action"] = action;
            payload["reference_field"] = field;
            return payload;
        },
        at);
}

int64_t queue_report_issued(storage::Tx& tx, const std::string& org, const std::string& period,
                            const nlohmann::json& report, int64_t at) {
    const std::string id = org + "/report/" + period;
    return queue(
        tx, org, "report.issued", id, period,
        [&] {
            auto payload = envelope("report.issued", id, org, at);
            payload["period"] = period;
            payload["report"] = report;
            return payload;
        },
        at);
}

}  // namespace meldpunt::service
