#pragma once
// What a period's report says of the improvement measures (issue 13: "the measures decided and
// done"; 001 §Procedure 10, 002 §Registratie 4): how many were proposed, decided, carried out and
// given up in the period, and how many were still open at its end, and of those, past their due day.
// A measure is the organisation's, not a complainant's: its counts are published as they are.
#include <cstdint>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "domain/measure/measure.hpp"
#include "domain/procedure/reporting_period.hpp"

namespace meldpunt::report {

struct MeasureFigures {
    int64_t proposed = 0;
    int64_t decided = 0;
    int64_t done = 0;
    int64_t not_done = 0;
    int64_t open_at_end = 0;     // proposed by the period's end and not closed by then
    int64_t overdue_at_end = 0;  // of those, decided by then and due before the period's last day

    bool operator==(const MeasureFigures&) const = default;
};

// The figures of `measures` for `period` (local days of `calendar`), from when each was proposed,
// decided and closed: a measure done since is counted as it stood then.
MeasureFigures measure_figures(const std::vector<measure::Measure>& measures,
                               const calendar::WorkingCalendar& calendar,
                               const procedure::ReportingPeriod& period);

}  // namespace meldpunt::report
