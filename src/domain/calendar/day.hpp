#pragma once
// A calendar day without a time of day or zone: the unit every deadline is counted in.
// Days are std::chrono::sys_days so that arithmetic (+ days{n}) and weekday() are exact.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace meldpunt::calendar {

using Day = std::chrono::sys_days;

Day make_day(int year, unsigned month, unsigned day);

// "YYYY-MM-DD". Returns nullopt for anything else, including impossible dates (2027-02-29).
std::optional<Day> parse_day(std::string_view text);

std::string format_day(Day day);

}  // namespace meldpunt::calendar
