#pragma once
// Deadline arithmetic: from a start day and a period to a due day, with the reasons for every
// day that was passed over, so that a coordinator can answer "why that date?".
//
// Counting follows the Algemene termijnenwet and the seeds:
// - the start day itself is not counted; counting begins the day after;
// - N working days: the Nth working day after the start day;
// - weeks and months are calendar periods (1 week after Thursday is the next Thursday; months
//   clamp to the month end: 31 January + 1 month = 28/29 February);
// - a calendar period that ends on a non-working day moves to the next working day, and a period of
//   three days or more is lengthened until it contains at least two working days (Atw art. 2);
// - "same day" is the start day itself, or the next working day when that is not one;
// - days on which the clock was paused do not count: a pause taken on day P and lifted on day R
//   removes the days P+1 .. R (pausing and resuming on the same day costs nothing);
// - an extension adds its period counted from the due day it replaces.
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/calendar/period.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace meldpunt::calendar {

struct Pause {
    Day from;                  // day the clock stopped
    std::optional<Day> until;  // day it restarted; nullopt while still paused

    bool operator==(const Pause&) const = default;
};

enum class SkipReason { saturday, sunday, holiday, decree, extra, closure, paused };

struct SkippedDay {
    Day day;
    SkipReason reason;
    std::string name;  // holiday or closure name, when there is one
};

struct DueDate {
    Day start;
    Period period;
    std::optional<Day> due;                // nullopt while an open pause holds the clock
    std::vector<SkippedDay> skipped;       // in date order; for calendar periods only the roll-forward days
    std::optional<Day> nominal_end;        // calendar periods: the end before moving to a working day
    bool nominal_end_was_day_off = false;  // and it moved for that reason (not only for art. 2)
    std::vector<Period> extensions;        // applied in order after the base period
    bool extended_to_two_working_days = false;  // Atw art. 2 lengthened a calendar period
    // "dezelfde dag" ends on the day itself, as the seed says (003 §Werkwijze 1), even when that is
    // not a working day; then this says so, for the explanation.
    bool due_is_day_off = false;
};

DueDate compute_due(const WorkingCalendar& calendar, Day start, const Period& period,
                    const std::vector<Pause>& pauses = {}, const std::vector<Period>& extensions = {});

SkipReason skip_reason_of(DayOffKind kind);

// `start` plus a calendar period (days, weeks, months clamped to the month end, years), without
// moving to a working day: for durations such as a lapse or a retention period. Other units (working
// days, next working day, same day) are not durations and give `start` unchanged; the validator
// only lets calendar periods into rules that measure durations.
Day add_calendar_period(Day start, const Period& period);
bool is_calendar_period(const Period& period);

}  // namespace meldpunt::calendar
