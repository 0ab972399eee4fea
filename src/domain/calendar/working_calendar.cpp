#include "domain/calendar/working_calendar.hpp"

#include <date/tz.h>

#include <utility>

namespace meldpunt::calendar {

WorkingCalendar::WorkingCalendar(HolidayPolicy policy, const date::time_zone* zone)
    : policy_(std::move(policy)), zone_(zone) {}

std::optional<DayOff> WorkingCalendar::day_off(Day day) const {
    return calendar::day_off(policy_, day);
}

Day WorkingCalendar::local_day(std::chrono::sys_seconds instant) const {
    const auto local = zone_->to_local(instant);
    return Day{std::chrono::floor<std::chrono::days>(local).time_since_epoch()};
}

std::chrono::sys_seconds WorkingCalendar::start_of(Day day) const {
    return at_local_time(day, std::chrono::seconds{0});
}

std::chrono::sys_seconds WorkingCalendar::at_local_time(Day day, std::chrono::seconds time_of_day) const {
    const date::local_seconds local{std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()) +
                                    time_of_day};
    // Midnight and the working day's hours never fall in a gap in Europe/Amsterdam (changes happen
    // at 02:00/03:00), but choose the earliest mapping so that any zone gives an answer rather than
    // an exception.
    return zone_->to_sys(local, date::choose::earliest);
}

Day WorkingCalendar::working_days_before(Day day, int count) const {
    while (count > 0) {
        day -= std::chrono::days{1};
        if (is_working_day(day))
            --count;
    }
    return day;
}

Day WorkingCalendar::working_days_after(Day day, int count) const {
    while (count > 0) {
        day += std::chrono::days{1};
        if (is_working_day(day))
            --count;
    }
    return day;
}

}  // namespace meldpunt::calendar
