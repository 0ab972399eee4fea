#include "domain/procedure/reporting_period.hpp"

namespace meldpunt::procedure {

std::optional<ReportingPeriod> reporting_period_of(const Reporting& reporting, calendar::Day day) {
    using namespace std::chrono;
    const year_month_day ymd{day};
    unsigned months = 0;
    if (reporting.cadence == "monthly")
        months = 1;
    if (reporting.cadence == "quarterly")
        months = 3;
    if (reporting.cadence == "annually")
        months = 12;
    if (months == 0)
        return std::nullopt;
    const unsigned first_month = (static_cast<unsigned>(ymd.month()) - 1) / months * months + 1;
    const year_month first{ymd.year(), month{first_month}};
    const year_month after = first + std::chrono::months{static_cast<int>(months)};
    return ReportingPeriod{calendar::Day{first / 1}, calendar::Day{after / 1} - days{1}};
}

}  // namespace meldpunt::procedure
