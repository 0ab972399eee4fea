#include "domain/calendar/easter.hpp"

namespace meldpunt::calendar {

// The anonymous Gregorian algorithm (Meeus/Jones/Butcher): integer arithmetic on the
// Metonic cycle (golden number) and the century corrections.
std::chrono::year_month_day easter_sunday(std::chrono::year year) {
    const int y = static_cast<int>(year);
    const int a = y % 19;
    const int b = y / 100;
    const int c = y % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = ((h + l - 7 * m + 114) % 31) + 1;
    return std::chrono::year_month_day{year, std::chrono::month{static_cast<unsigned>(month)},
                                       std::chrono::day{static_cast<unsigned>(day)}};
}

}  // namespace meldpunt::calendar
