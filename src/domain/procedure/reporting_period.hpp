#pragma once
// Which reporting period a day belongs to, under a procedure's reporting cadence
// (000 §Procedure 6: every three months; 001 §Taken 4 and 002 §Registratie 3: every year).
// A case is counted in the report of the period its receipt falls in.
#include <optional>

#include "domain/calendar/day.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::procedure {

struct ReportingPeriod {
    calendar::Day first;
    calendar::Day last;  // inclusive
};

// nullopt for a cadence the validator would not accept.
std::optional<ReportingPeriod> reporting_period_of(const Reporting& reporting, calendar::Day day);

}  // namespace meldpunt::procedure
