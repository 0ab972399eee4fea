#pragma once
// The daily overview for staff who chose it (UserRecord::daily_digest): their notices are held in
// the outbox (staff_notice.hpp), and once a day, from 07:00 in the organisation's time zone, the
// sweep puts the ones held before then into one message per person. The overview is queued and
// the notices it lists are marked in one transaction, and its Message-ID is one per person and
// day: however many servers sweep, and however often, each notice is told once, and none is lost
// (one held after the day's overview went waits for the next).
#include <chrono>
#include <cstdint>
#include <string>

#include "messages/catalogue.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// The local hour from which a day's overview goes out.
inline constexpr int kDigestHour = 7;

// Queues the overviews due at `now`; returns how many. `public_url` as the sweep's, for links.
int64_t queue_digests(storage::Store& store, ProcedureRegistry& procedures,
                      const messages::Catalogue& language, const std::string& public_url,
                      std::chrono::sys_seconds now);

// The page where staff choose how they are told (the overview links to it).
inline constexpr const char* kSettingsPath = "/werk/instellingen";

}  // namespace meldpunt::service
