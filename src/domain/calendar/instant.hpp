#pragma once
// Instants as people and systems write them (ISO 8601).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar/working_calendar.hpp"

namespace meldpunt::calendar {

// A moment, to the second: "now" wherever it is passed in (the domain and the services never read
// a clock; the edges and the workers do, once, and pass it on).
using Instant = std::chrono::sys_seconds;

// As stored: seconds since 1970-01-01T00:00:00Z.
inline int64_t unix_seconds(Instant at) {
    return at.time_since_epoch().count();
}
inline Instant from_unix_seconds(int64_t seconds) {
    return Instant{std::chrono::seconds{seconds}};
}

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff", each optionally followed by
// "Z" or an offset "+HH:MM" / "-HH:MM" / "+HHMM". A value without zone or offset is local time in the
// calendar's zone; a date alone is local midnight. Returns nullopt for anything else
// (including impossible dates and times).
std::optional<std::chrono::sys_seconds> parse_instant(std::string_view text, const WorkingCalendar& calendar);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_instant(std::chrono::sys_seconds instant);

}  // namespace meldpunt::calendar
