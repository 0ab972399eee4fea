#include "domain/procedure/reporting_period.hpp"

#include <charconv>

namespace meldpunt::procedure {

namespace {

unsigned months_of(const Reporting& reporting) {
    if (reporting.cadence == "monthly")
        return 1;
    if (reporting.cadence == "quarterly")
        return 3;
    if (reporting.cadence == "annually")
        return 12;
    return 0;
}

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc{} || stop != end)
        return std::nullopt;
    return value;
}

std::string two_digits(unsigned value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

}  // namespace

std::optional<ReportingPeriod> reporting_period_of(const Reporting& reporting, calendar::Day day) {
    using namespace std::chrono;
    const unsigned months = months_of(reporting);
    if (months == 0)
        return std::nullopt;
    const year_month_day ymd{day};
    const unsigned first_month = (static_cast<unsigned>(ymd.month()) - 1) / months * months + 1;
    const year_month first{ymd.year(), month{first_month}};
    const year_month after = first + std::chrono::months{static_cast<int>(months)};
    return ReportingPeriod{calendar::Day{first / 1}, calendar::Day{after / 1} - days{1}};
}

std::string period_key(const Reporting& reporting, const ReportingPeriod& period) {
    const std::chrono::year_month_day first{period.first};
    const std::string year = std::to_string(static_cast<int>(first.year()));
    const unsigned month = static_cast<unsigned>(first.month());
    switch (months_of(reporting)) {
        case 1:
            return year + "-" + two_digits(month);
        case 3:
            return year + "-Q" + std::to_string((month - 1) / 3 + 1);
        default:
            return year;
    }
}

std::optional<ReportingPeriod> parse_period_key(const Reporting& reporting, std::string_view key) {
    const unsigned months = months_of(reporting);
    if (months == 0 || key.size() < 4)
        return std::nullopt;
    const auto year = number(key.substr(0, 4));
    if (!year || *year < 1970)
        return std::nullopt;
    const std::string_view rest = key.substr(4);
    unsigned month = 1;
    if (months == 12 && !rest.empty())
        return std::nullopt;
    if (months == 3) {
        const auto quarter =
            rest.size() == 3 && rest.substr(0, 2) == "-Q" ? number(rest.substr(2)) : std::nullopt;
        if (!quarter || *quarter < 1 || *quarter > 4)
            return std::nullopt;
        month = static_cast<unsigned>(*quarter - 1) * 3 + 1;
    }
    if (months == 1) {
        const auto in_year = rest.size() == 3 && rest[0] == '-' ? number(rest.substr(1)) : std::nullopt;
        if (!in_year || *in_year < 1 || *in_year > 12)
            return std::nullopt;
        month = static_cast<unsigned>(*in_year);
    }
    return reporting_period_of(reporting, calendar::make_day(*year, month, 1));
}

ReportingPeriod previous_period(const Reporting& reporting, const ReportingPeriod& period) {
    return *reporting_period_of(reporting, period.first - std::chrono::days{1});
}

}  // namespace meldpunt::procedure
