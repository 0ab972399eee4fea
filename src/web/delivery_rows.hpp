#pragma once
// What Meldpunt sent as page data: each delivery (storage::Outbox) with its subject, to whom and
// how, and how it fared in the reader's words ("bezorgd op 2 maart 2027", "niet bezorgd: …"),
// for the case page and the dashboard's list of messages not delivered.
#include <mstch/mstch.hpp>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "messages/catalogue.hpp"
#include "storage/outbox.hpp"

namespace meldpunt::web {

mstch::array delivery_rows(const std::vector<storage::Delivery>& deliveries,
                           const calendar::WorkingCalendar& calendar, const messages::Catalogue& catalogue);

}  // namespace meldpunt::web
