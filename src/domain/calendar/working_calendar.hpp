#pragma once
// Which days are working days for one organisation, and which local day an instant falls on.
//
// Thread-safety: immutable after construction; share freely. The time zone is looked up by the
// caller (the edge of the program reads the zone database) and must outlive the calendar.
#include <chrono>
#include <optional>

#include "domain/calendar/day.hpp"
#include "domain/calendar/holidays.hpp"

namespace date {
class time_zone;
}

namespace meldpunt::calendar {

class WorkingCalendar {
  public:
    WorkingCalendar(HolidayPolicy policy, const date::time_zone* zone);

    // Why `day` is not a working day, or nullopt when it is one (Monday-Friday, not a holiday).
    std::optional<DayOff> day_off(Day day) const;
    bool is_working_day(Day day) const { return !day_off(day).has_value(); }
    // The `count`th working day before `day` (1: the last working day before it), for reminders
    // "N working days before the due day".
    Day working_days_before(Day day, int count) const;
    // The `count`th working day after `day` (1: the first working day after it), for notices sent
    // on the working day after a due day.
    Day working_days_after(Day day, int count) const;

    // The local calendar day of `instant` in the organisation's time zone
    // (2027-01-07T23:30Z is Friday 8 January in Europe/Amsterdam).
    Day local_day(std::chrono::sys_seconds instant) const;

    // The instant local midnight of `day` begins (for dates given without a time).
    std::chrono::sys_seconds start_of(Day day) const;
    // The instant the local clock shows `time_of_day` on `day`: 07:00 is 07:00 also on the days
    // the clock is moved (not midnight plus seven hours).
    std::chrono::sys_seconds at_local_time(Day day, std::chrono::seconds time_of_day) const;

    const HolidayPolicy& policy() const { return policy_; }
    const date::time_zone* zone() const { return zone_; }

  private:
    HolidayPolicy policy_;
    const date::time_zone* zone_;
};

}  // namespace meldpunt::calendar
