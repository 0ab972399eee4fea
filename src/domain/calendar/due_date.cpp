#include "domain/calendar/due_date.hpp"

#include <algorithm>

namespace meldpunt::calendar {

using std::chrono::days;

SkipReason skip_reason_of(DayOffKind kind) {
    switch (kind) {
        case DayOffKind::saturday:
            return SkipReason::saturday;
        case DayOffKind::sunday:
            return SkipReason::sunday;
        case DayOffKind::holiday:
            return SkipReason::holiday;
        case DayOffKind::decree:
            return SkipReason::decree;
        case DayOffKind::extra:
            return SkipReason::extra;
        case DayOffKind::closure:
            return SkipReason::closure;
    }
    return SkipReason::holiday;
}

namespace {

enum class PauseState { running, paused, held };  // held: paused with no resume yet

PauseState pause_state(const std::vector<Pause>& pauses, Day day) {
    PauseState state = PauseState::running;
    for (const Pause& p : pauses) {
        if (day <= p.from)
            continue;
        if (!p.until)
            return PauseState::held;
        if (day <= *p.until)
            state = PauseState::paused;
    }
    return state;
}

// Result of one counting step: the day reached, or nullopt when an open pause stops the clock.
std::optional<Day> count_working_days(const WorkingCalendar& cal, Day start, int n,
                                      const std::vector<Pause>& pauses, std::vector<SkippedDay>& skipped) {
    Day day = start;
    int counted = 0;
    while (counted < n) {
        day += days{1};
        const PauseState state = pause_state(pauses, day);
        if (state == PauseState::held)
            return std::nullopt;
        if (state == PauseState::paused) {
            skipped.push_back({day, SkipReason::paused, ""});
            continue;
        }
        if (auto off = cal.day_off(day)) {
            skipped.push_back({day, skip_reason_of(off->kind), off->name});
            continue;
        }
        ++counted;
    }
    return day;
}

Day add_calendar(Day start, const Period& period) {
    switch (period.unit) {
        case PeriodUnit::calendar_days:
            return start + days{period.count};
        case PeriodUnit::weeks:
            return start + days{7 * period.count};
        case PeriodUnit::months:
        case PeriodUnit::years: {
            const std::chrono::year_month_day ymd{start};
            const int months = period.unit == PeriodUnit::years ? 12 * period.count : period.count;
            std::chrono::year_month_day target = ymd + std::chrono::months{months};
            if (!target.ok())
                target = target.year() / target.month() / std::chrono::last;
            return Day{target};
        }
        default:
            return start;
    }
}

// Calendar periods: paused days push the end out by as many days, then a non-working end day
// moves forward to the next working day.
std::optional<Day> count_calendar(const WorkingCalendar& cal, Day start, const Period& period,
                                  const std::vector<Pause>& pauses, std::vector<SkippedDay>& skipped,
                                  std::optional<Day>& nominal_end) {
    Day end = add_calendar(start, period);
    for (Day d = start + days{1}; d <= end; d += days{1}) {
        const PauseState state = pause_state(pauses, d);
        if (state == PauseState::held)
            return std::nullopt;
        if (state == PauseState::paused) {
            skipped.push_back({d, SkipReason::paused, ""});
            end += days{1};
        }
    }
    nominal_end = end;
    while (auto off = cal.day_off(end)) {
        skipped.push_back({end, skip_reason_of(off->kind), off->name});
        end += days{1};
    }
    return end;
}

std::optional<Day> apply_period(const WorkingCalendar& cal, Day start, const Period& period,
                                const std::vector<Pause>& pauses, DueDate& out) {
    switch (period.unit) {
        case PeriodUnit::working_days:
            return count_working_days(cal, start, period.count, pauses, out.skipped);
        case PeriodUnit::next_working_day:
            return count_working_days(cal, start, 1, pauses, out.skipped);
        case PeriodUnit::same_day: {
            Day day = start;
            while (auto off = cal.day_off(day)) {
                out.skipped.push_back({day, skip_reason_of(off->kind), off->name});
                day += days{1};
            }
            return day;
        }
        default:
            return count_calendar(cal, start, period, pauses, out.skipped, out.nominal_end);
    }
}

}  // namespace

DueDate compute_due(const WorkingCalendar& calendar, Day start, const Period& period,
                    const std::vector<Pause>& pauses, const std::vector<Period>& extensions) {
    DueDate out{start, period, std::nullopt, {}, std::nullopt, extensions};
    std::optional<Day> due = apply_period(calendar, start, period, pauses, out);
    for (const Period& extension : extensions) {
        if (!due)
            break;
        due = apply_period(calendar, *due, extension, pauses, out);
    }
    out.due = due;
    return out;
}

}  // namespace meldpunt::calendar
