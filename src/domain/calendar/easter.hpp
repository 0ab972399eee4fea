#pragma once
// Easter Sunday in the Gregorian calendar. Pure arithmetic; valid for every year the
// Gregorian calendar covers (1583 onwards). Several Dutch holidays (Goede Vrijdag,
// Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag) are fixed offsets from it.
#include <chrono>

namespace meldpunt::calendar {

std::chrono::year_month_day easter_sunday(std::chrono::year year);

}  // namespace meldpunt::calendar
