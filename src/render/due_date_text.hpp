#pragma once
// A computed deadline explained in a sentence a coordinator can read to a complainant:
// "Gestart op donderdag 25 maart 2027 (die dag telt niet mee). Niet meegeteld: vrijdag 26 maart 2027
//  (Goede Vrijdag), ... Uiterste datum: woensdag 31 maart 2027."
#include <cstdint>
#include <string>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::render {

std::string explanation_text(const calendar::DueDate& due, const messages::Catalogue& catalogue);

// "donderdag 25 maart 2027" / "Thursday 25 March 2027".
std::string long_date(calendar::Day day, const messages::Catalogue& catalogue);
// "25 mrt. 2027" / "25 Mar 2027": a day in a list or a table.
std::string short_date(calendar::Day day, const messages::Catalogue& catalogue);
// "2 december 2026 09:01": a moment (Unix seconds) in the calendar's time zone.
std::string long_moment(int64_t unix_seconds, const calendar::WorkingCalendar& calendar,
                        const messages::Catalogue& catalogue);

}  // namespace meldpunt::render
