#pragma once
// The days that are not working days besides Saturday and Sunday.
//
// The default is the Dutch Algemene termijnenwet (Atw): the holidays of article 3(1) and (2),
// computed for any year, plus the days a Royal Decree under article 3(3) equates with a holiday
// (a small table, kept up to date by hand: decrees are published about every three years).
// A procedure file may omit holidays (in every year or except in some years), add single days
// and add yearly closures (e.g. the office is closed between Christmas and New Year).
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"

namespace meldpunt::calendar {

struct Holiday {
    std::string id;    // stable identifier, e.g. "koningsdag", used by procedure files
    std::string name;  // official Dutch name, e.g. "Koningsdag"
    Day day;
};

// The Atw article 3(1)+(2) holidays of one year, in date order.
std::vector<Holiday> statutory_holidays(int year);

// The day Koningsdag (before 2014: Koninginnedag) is celebrated in `year`.
Day kings_day_of(int year);

// Ids statutory_holidays() can return, for validating procedure files.
const std::vector<std::string>& statutory_holiday_ids();

// Days equated with a holiday by Royal Decree (Atw art. 3(3)), all years known to Meldpunt.
const std::vector<Holiday>& decreed_days();

struct HolidayPolicy {
    struct Omission {
        std::string holiday_id;
        int unless_year_divisible_by = 0;  // 5: kept in lustrum years only (5 May in 2025, 2030 ...)
    };
    struct YearlyClosure {
        unsigned from_month = 0, from_day = 0, to_month = 0, to_day = 0;  // inclusive; may wrap the year end
        std::string name;
    };

    bool include_decreed_days = true;
    std::vector<Omission> omissions;
    std::vector<Holiday> extra_days;
    std::vector<YearlyClosure> closures;
};

enum class DayOffKind { saturday, sunday, holiday, decree, extra, closure };

struct DayOff {
    DayOffKind kind;
    std::string name;  // holiday or closure name; empty for weekends
};

// Why `day` is not a working day under `policy`, or nullopt when it is one.
std::optional<DayOff> day_off(const HolidayPolicy& policy, Day day);

}  // namespace meldpunt::calendar
