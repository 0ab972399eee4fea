#pragma once
// A length of time as a procedure states it: "5 werkdagen", "2 weken", "6 maanden",
// "volgende werkdag", "dezelfde dag". Parsed from Dutch or English text.
#include <optional>
#include <string>
#include <string_view>

namespace meldpunt::calendar {

enum class PeriodUnit { working_days, calendar_days, weeks, months, years, next_working_day, same_day };

struct Period {
    PeriodUnit unit = PeriodUnit::working_days;
    int count = 0;  // ignored for next_working_day and same_day

    bool operator==(const Period&) const = default;
};

// Accepts "<n> <unit>" (n from 1 to 1000) or one of the fixed phrases; case-insensitive.
// Returns nullopt with nothing else for any other text.
std::optional<Period> parse_period(std::string_view text);

// Dutch, as a regulation would write it: "5 werkdagen", "1 week", "de volgende werkdag".
std::string describe_period_nl(const Period& period);

// Canonical English form that parse_period accepts again: "5 working days".
std::string describe_period_en(const Period& period);

}  // namespace meldpunt::calendar
