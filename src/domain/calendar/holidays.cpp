#include "domain/calendar/holidays.hpp"

#include <algorithm>

#include "domain/calendar/easter.hpp"

namespace meldpunt::calendar {

using std::chrono::days;

// Koningsdag: 27 April since 2014 (Saturday 26 April when the 27th is a Sunday). Before that,
// Koninginnedag on 30 April: from 1980 on Saturday 29 April when the 30th was a Sunday, before 1980
// on Monday 1 May.
Day kings_day_of(int year) {
    if (year >= 2014) {
        const Day day = make_day(year, 4, 27);
        return std::chrono::weekday{day} == std::chrono::Sunday ? day - days{1} : day;
    }
    const Day day = make_day(year, 4, 30);
    if (std::chrono::weekday{day} != std::chrono::Sunday)
        return day;
    return year >= 1980 ? day - days{1} : day + days{1};
}

namespace {

// Atw art. 3, once: each holiday by the rule that places it in a year.
struct StatutoryRule {
    enum class Kind { fixed, kings_day, easter } kind;
    const char* id;
    const char* name;
    unsigned month = 0, day = 0;  // fixed
    int easter_offset = 0;        // easter
};

constexpr StatutoryRule kStatutory[] = {
    {StatutoryRule::Kind::fixed, "nieuwjaarsdag", "Nieuwjaarsdag", 1, 1},
    {StatutoryRule::Kind::easter, "goede_vrijdag", "Goede Vrijdag", 0, 0, -2},  // Atw art. 3(2)
    {StatutoryRule::Kind::easter, "tweede_paasdag", "Tweede Paasdag", 0, 0, 1},
    {StatutoryRule::Kind::kings_day, "koningsdag", "Koningsdag"},
    {StatutoryRule::Kind::fixed, "bevrijdingsdag", "Bevrijdingsdag (5 mei)", 5, 5},
    {StatutoryRule::Kind::easter, "hemelvaartsdag", "Hemelvaartsdag", 0, 0, 39},
    {StatutoryRule::Kind::easter, "tweede_pinksterdag", "Tweede Pinksterdag", 0, 0, 50},
    {StatutoryRule::Kind::fixed, "eerste_kerstdag", "Eerste Kerstdag", 12, 25},
    {StatutoryRule::Kind::fixed, "tweede_kerstdag", "Tweede Kerstdag", 12, 26},
};

Day day_of(const StatutoryRule& rule, int year, Day easter) {
    switch (rule.kind) {
        case StatutoryRule::Kind::fixed:
            return make_day(year, rule.month, rule.day);
        case StatutoryRule::Kind::kings_day:
            return kings_day_of(year);
        case StatutoryRule::Kind::easter:
            return easter + days{rule.easter_offset};
    }
    return easter;
}

}  // namespace

std::vector<Holiday> statutory_holidays(int year) {
    const Day easter{easter_sunday(std::chrono::year{year})};
    std::vector<Holiday> result;
    for (const auto& rule : kStatutory)
        result.push_back({rule.id, rule.name, day_of(rule, year, easter)});
    std::sort(result.begin(), result.end(), [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
    return result;
}

const std::vector<std::string>& statutory_holiday_ids() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const auto& rule : kStatutory)
            out.push_back(rule.id);
        return out;
    }();
    return ids;
}

const std::vector<Holiday>& decreed_days() {
    // Besluiten gelijkstelling (Atw art. 3(3)), Staatscourant. Extend when a new decree appears.
    static const std::vector<Holiday> table{
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2022, 5, 27)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Koningsdag)", make_day(2023, 4, 28)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2023, 5, 19)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2024, 5, 10)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Tweede Kerstdag)", make_day(2024, 12, 27)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2025, 5, 30)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Nieuwjaarsdag)", make_day(2026, 1, 2)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2026, 5, 15)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2027, 5, 7)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Koningsdag)", make_day(2028, 4, 28)},
        {"gelijkgesteld", "Gelijkgestelde dag (vrijdag na Hemelvaart)", make_day(2028, 5, 26)},
    };
    return table;
}

namespace {

bool omitted(const HolidayPolicy& policy, const std::string& id, int year) {
    return std::any_of(policy.omissions.begin(), policy.omissions.end(), [&](const auto& omission) {
        if (omission.holiday_id != id)
            return false;
        return omission.unless_year_divisible_by <= 0 || year % omission.unless_year_divisible_by != 0;
    });
}

bool in_closure(const HolidayPolicy::YearlyClosure& closure, const std::chrono::year_month_day& ymd) {
    const unsigned key = static_cast<unsigned>(ymd.month()) * 100 + static_cast<unsigned>(ymd.day());
    const unsigned from = closure.from_month * 100 + closure.from_day;
    const unsigned to = closure.to_month * 100 + closure.to_day;
    return from <= to ? (key >= from && key <= to) : (key >= from || key <= to);
}

}  // namespace

namespace {

// The statutory holiday on `day` that the policy keeps, if any, without building the year's list:
// this is on the hot path of every deadline computation. Two holidays can fall on one day
// (Koningsdag on Tweede Paasdag in 2037, Bevrijdingsdag on Hemelvaart in 2016), so an omitted one
// does not hide the other.
const StatutoryRule* statutory_holiday_on(const HolidayPolicy& policy, Day day,
                                          const std::chrono::year_month_day& ymd) {
    const int year = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    // The movable feasts fall between 20 March and 14 June; Koningsdag between 26 April and 1 May.
    const bool movable_season = m >= 3 && m <= 6;
    std::optional<Day> easter;
    for (const auto& rule : kStatutory) {
        bool on_day = false;
        switch (rule.kind) {
            case StatutoryRule::Kind::fixed:
                on_day = m == rule.month && d == rule.day;
                break;
            case StatutoryRule::Kind::kings_day:
                on_day = ((m == 4 && d >= 26) || (m == 5 && d == 1)) && day == kings_day_of(year);
                break;
            case StatutoryRule::Kind::easter:
                if (!movable_season)
                    break;
                if (!easter)
                    easter = Day{easter_sunday(ymd.year())};
                on_day = (day - *easter).count() == rule.easter_offset;
                break;
        }
        if (on_day && !omitted(policy, rule.id, year))
            return &rule;
    }
    return nullptr;
}

}  // namespace

std::optional<DayOff> day_off(const HolidayPolicy& policy, Day day) {
    const std::chrono::year_month_day ymd{day};
    if (const auto* holiday = statutory_holiday_on(policy, day, ymd))
        return DayOff{DayOffKind::holiday, holiday->name};
    if (policy.include_decreed_days) {
        for (const auto& decreed : decreed_days()) {
            if (decreed.day == day)
                return DayOff{DayOffKind::decree, decreed.name};
        }
    }
    for (const auto& extra : policy.extra_days) {
        if (extra.day == day)
            return DayOff{DayOffKind::extra, extra.name};
    }
    const std::chrono::weekday weekday{day};
    if (weekday == std::chrono::Saturday)
        return DayOff{DayOffKind::saturday, ""};
    if (weekday == std::chrono::Sunday)
        return DayOff{DayOffKind::sunday, ""};
    for (const auto& closure : policy.closures) {
        if (in_closure(closure, ymd))
            return DayOff{DayOffKind::closure, closure.name};
    }
    return std::nullopt;
}

}  // namespace meldpunt::calendar
