#pragma once
// The reminders of improvement measures, for the sweep: the owner of a decided measure reminded
// the procedure's `remind_before` working days before its due day, and on the first working day
// after it, the owner and the roles of `escalate_to` told it is overdue (measure::alerts_of). Each
// once per measure, due day and person (a stable Message-ID), also after downtime; a new due day
// brings new ones.
#include <chrono>
#include <cstdint>
#include <string>

#include "messages/catalogue.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// Measures looked at per sweep: an organisation has tens, not thousands.
inline constexpr int kMeasureAlertBatch = 500;

// Queues the alerts due by `now` of the measures due for review; returns the messages queued.
int64_t queue_measure_alerts(storage::Store& store, ProcedureRegistry& procedures,
                             const messages::Catalogue& language, const std::string& public_url,
                             std::chrono::sys_seconds now);

}  // namespace meldpunt::service
