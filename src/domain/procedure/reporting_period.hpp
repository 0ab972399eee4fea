#pragma once
// Which reporting period a day belongs to, under a procedure's reporting cadence
// (000 §Procedure 6: every three months; 001 §Taken 4 and 002 §Registratie 3: every year).
// A case is counted in the report of the period its receipt falls in.
//
// A period is named by a key that says its cadence: "2027" (a year), "2027-Q2" (a quarter),
// "2027-04" (a month). The key is how a report is asked for (the API, the report's address).
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar/day.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::procedure {

struct ReportingPeriod {
    calendar::Day first;
    calendar::Day last;  // inclusive
    bool operator==(const ReportingPeriod&) const = default;
};

// nullopt for a cadence the validator would not accept.
std::optional<ReportingPeriod> reporting_period_of(const Reporting& reporting, calendar::Day day);

// The period's key under the cadence ("2027", "2027-Q2", "2027-04").
std::string period_key(const Reporting& reporting, const ReportingPeriod& period);

// The period `key` names under this cadence; nullopt when it is not one of its keys (another
// cadence's key, a month 13, a year outside 1970-9999, stray characters).
std::optional<ReportingPeriod> parse_period_key(const Reporting& reporting, std::string_view key);

// The period just before `period`, under the same cadence.
ReportingPeriod previous_period(const Reporting& reporting, const ReportingPeriod& period);

}  // namespace meldpunt::procedure
