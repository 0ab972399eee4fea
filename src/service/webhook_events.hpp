#pragma once
// What Meldpunt tells other systems (issue 16): the events a webhook subscription may take, each
// queued for every subscription of the organisation that takes it, in the transaction of the
// change it tells of (storage::Webhooks::fan_out), so that an event is sent once it happened and
// never when the change rolled back. Each has an id that stays the same for every subscription and
// every try (the Idempotency-Key a receiver deduplicates on).
//
// What a payload holds, and what not: the case by its reference, kind, channel, unit, stage,
// dates and the analysis recorded as choices (cause, nature, verdict ...), never the complainant's
// name, address or words, nor a free-text field: a receiver that needs more asks the API with an
// account that may see the case (docs/webhooks.md).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/case/case.hpp"
#include "domain/case/effect.hpp"
#include "domain/procedure/procedure.hpp"
#include "storage/tx.hpp"

namespace meldpunt::service {

// The events, in the order the administration page offers them.
inline constexpr std::array<std::string_view, 6> kWebhookEvents = {
    "case.created",          // a case was taken in (any channel)
    "case.stage_changed",    // a step moved it to another stage
    "case.closed",           // it reached a final stage
    "case.deadline_passed",  // one of its deadlines passed unmet (the sweep, the first working day after)
    "case.closing",          // a closing waits for the ERP's reference (held_steps; docs/webhooks.md)
    "report.issued",         // a period's report was issued
};
bool is_webhook_event(std::string_view event);

// The case as a payload tells of it (see above).
nlohmann::json case_payload(const cases::Case& c, const procedure::Procedure& procedure);

// Each queues the event for the organisation's subscriptions that take it; `at` is when it
// happened. Returns how many deliveries were queued.
int64_t queue_case_created(storage::Tx& tx, const std::string& org, const cases::Case& c,
                           const procedure::Procedure& procedure, int64_t at);
// A changed case (version `version`): stage_changed when it moved, and closed too when it moved
// into a final stage.
int64_t queue_case_changed(storage::Tx& tx, const std::string& org, const cases::Case& c, int64_t version,
                           const std::string& stage_before, const procedure::Procedure& procedure,
                           int64_t at);
int64_t queue_deadline_passed(storage::Tx& tx, const std::string& org, const cases::Case& c,
                              const cases::Effect& overdue, const procedure::Procedure& procedure,
                              int64_t at);
// A closing held for the ERP's reference (`field`), asked for at `at`, under `event_id` (the held
// step's own: only an answer to it acknowledges that step).
int64_t queue_case_closing(storage::Tx& tx, const std::string& org, const cases::Case& c,
                           const std::string& action, const std::string& field, const std::string& event_id,
                           const procedure::Procedure& procedure, int64_t at);
// `report` is the issued report's version to publish (render::publication_json): small counts hidden.
int64_t queue_report_issued(storage::Tx& tx, const std::string& org, const std::string& period,
                            const nlohmann::json& report, int64_t at);

}  // namespace meldpunt::service
