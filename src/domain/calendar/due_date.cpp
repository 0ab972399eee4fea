#include "domain/calendar/due_date.hpp"

#include <algorithm>

namespace meldpunt::calendar {

using std::chrono::days;

Day add_calendar_period(Day start, const Period& period) {
    switch (period.unit) {
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
        case PeriodUnit::calendar_days:
            return start + days{period.count};
        default:
            return start;
    }
}

bool is_calendar_period(const Period& period) {
    return period.unit == PeriodUnit::calendar_days || period.unit == PeriodUnit::weeks ||
           period.unit == PeriodUnit::months || period.unit == PeriodUnit::years;
}

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

// A calendar that offers no working day for this long is not a calendar a procedure can use (the
// validator refuses runs of more than 60 days off); the loops stop here rather than run forever.
constexpr int kMaxConsecutiveDaysOff = 3660;

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
    int off_in_a_row = 0;
    while (counted < n && off_in_a_row < kMaxConsecutiveDaysOff) {
        day += days{1};
        ++off_in_a_row;
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
        off_in_a_row = 0;
        ++counted;
    }
    return day;
}

// Moves `day` forward past non-working days, recording them; bounded by kMaxConsecutiveDaysOff.
Day roll_to_working_day(const WorkingCalendar& cal, Day day, std::vector<SkippedDay>& skipped) {
    for (int i = 0; i < kMaxConsecutiveDaysOff; ++i) {
        auto off = cal.day_off(day);
        if (!off)
            break;
        skipped.push_back({day, skip_reason_of(off->kind), off->name});
        day += days{1};
    }
    return day;
}

int working_days_in(const WorkingCalendar& cal, Day after, Day through, const std::vector<Pause>& pauses) {
    int count = 0;
    for (Day d = after + days{1}; d <= through && count < 2; d += days{1}) {
        if (pause_state(pauses, d) == PauseState::running && cal.is_working_day(d))
            ++count;
    }
    return count;
}

// Calendar periods: paused days push the end out by as many days, then a non-working end day
// moves forward to the next working day. Atw art. 2: a period of three days or more is extended
// as far as needed to contain at least two working days.
std::optional<Day> count_calendar(const WorkingCalendar& cal, Day start, const Period& period,
                                  const std::vector<Pause>& pauses, DueDate& out) {
    auto& skipped = out.skipped;
    Day end = add_calendar_period(start, period);
    // Art. 2 applies to the period as the rule states it, not as pauses or a day off lengthened it.
    const bool at_least_three_days = end - start >= days{3};
    for (Day d = start + days{1}; d <= end; d += days{1}) {
        const PauseState state = pause_state(pauses, d);
        if (state == PauseState::held)
            return std::nullopt;
        if (state == PauseState::paused) {
            skipped.push_back({d, SkipReason::paused, ""});
            end += days{1};
        }
    }
    out.nominal_end = end;
    end = roll_to_working_day(cal, end, skipped);
    out.nominal_end_was_day_off = end != *out.nominal_end;
    if (at_least_three_days) {
        for (int i = 0; i < 2 && working_days_in(cal, start, end, pauses) < 2; ++i) {
            end = roll_to_working_day(cal, end + days{1}, skipped);
            out.extended_to_two_working_days = true;
        }
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
        case PeriodUnit::same_day:
            return start;
        default:
            return count_calendar(cal, start, period, pauses, out);
    }
}

}  // namespace

DueDate compute_due(const WorkingCalendar& calendar, Day start, const Period& period,
                    const std::vector<Pause>& pauses, const std::vector<Period>& extensions) {
    DueDate out{start, period, std::nullopt, {}, std::nullopt, false, extensions};
    std::optional<Day> due = apply_period(calendar, start, period, pauses, out);
    for (const Period& extension : extensions) {
        if (!due)
            break;
        due = apply_period(calendar, *due, extension, pauses, out);
    }
    // Only "dezelfde dag" can end on a day off; an extension of it ends on a working day.
    out.due_is_day_off = period.unit == PeriodUnit::same_day && due && calendar.day_off(*due).has_value();
    out.due = due;
    return out;
}

}  // namespace meldpunt::calendar
