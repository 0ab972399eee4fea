#include "domain/calendar/day.hpp"

#include <charconv>
#include <cstdio>

namespace meldpunt::calendar {

Day make_day(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

namespace {
bool parse_digits(std::string_view text, int& out) {
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}
}  // namespace

std::optional<Day> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
        !parse_digits(text.substr(8, 2), d))
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return Day{ymd};
}

std::string format_day(Day day) {
    const std::chrono::year_month_day ymd{day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

}  // namespace meldpunt::calendar
