#include "domain/report/measure_figures.hpp"

#include "domain/calendar/instant.hpp"

namespace meldpunt::report {

MeasureFigures measure_figures(const std::vector<measure::Measure>& measures,
                               const calendar::WorkingCalendar& calendar,
                               const procedure::ReportingPeriod& period) {
    const auto day_of = [&](int64_t at) { return calendar.local_day(calendar::from_unix_seconds(at)); };
    const auto in_period = [&](calendar::Day day) { return period.first <= day && day <= period.last; };
    MeasureFigures out;
    for (const auto& m : measures) {
        const calendar::Day proposed = day_of(m.proposal().at);
        if (proposed > period.last)
            continue;
        out.proposed += in_period(proposed) ? 1 : 0;
        const auto decided = m.decided_at ? std::optional{day_of(*m.decided_at)} : std::nullopt;
        const auto closed = m.closed_at ? std::optional{day_of(*m.closed_at)} : std::nullopt;
        out.decided += decided && in_period(*decided) ? 1 : 0;
        if (closed && in_period(*closed)) {
            out.done += m.status == measure::Status::done ? 1 : 0;
            out.not_done += m.status == measure::Status::not_done ? 1 : 0;
        }
        const bool open_at_end = !closed || *closed > period.last;
        if (!open_at_end)
            continue;
        ++out.open_at_end;
        const bool decided_by_end = decided && *decided <= period.last;
        out.overdue_at_end += decided_by_end && m.draft.due && *m.draft.due < period.last ? 1 : 0;
    }
    return out;
}

}  // namespace meldpunt::report
