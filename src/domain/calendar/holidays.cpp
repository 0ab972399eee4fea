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

std::vector<Holiday> statutory_holidays(int year) {
    const Day easter{easter_sunday(std::chrono::year{year})};
    const Day kings_day = kings_day_of(year);
    std::vector<Holiday> result{
        {"nieuwjaarsdag", "Nieuwjaarsdag", make_day(year, 1, 1)},
        {"goede_vrijdag", "Goede Vrijdag", easter - days{2}},  // Atw art. 3(2)
        {"tweede_paasdag", "Tweede Paasdag", easter + days{1}},
        {"koningsdag", "Koningsdag", kings_day},
        {"bevrijdingsdag", "Bevrijdingsdag (5 mei)", make_day(year, 5, 5)},
        {"hemelvaartsdag", "Hemelvaartsdag", easter + days{39}},
        {"tweede_pinksterdag", "Tweede Pinksterdag", easter + days{50}},
        {"eerste_kerstdag", "Eerste Kerstdag", make_day(year, 12, 25)},
        {"tweede_kerstdag", "Tweede Kerstdag", make_day(year, 12, 26)},
    };
    std::sort(result.begin(), result.end(), [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
    return result;
}

const std::vector<std::string>& statutory_holiday_ids() {
    static const std::vector<std::string> ids{"nieuwjaarsdag",      "goede_vrijdag",   "tweede_paasdag",
                                              "koningsdag",         "bevrijdingsdag",  "hemelvaartsdag",
                                              "tweede_pinksterdag", "eerste_kerstdag", "tweede_kerstdag"};
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

struct StatutoryHit {
    const char* id;
    const char* name;
};

// The statutory holiday on `day`, if any, without building the year's list: this is on the hot
// path of every deadline computation.
std::optional<StatutoryHit> statutory_holiday_on(Day day, const std::chrono::year_month_day& ymd) {
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    if (m == 1 && d == 1)
        return StatutoryHit{"nieuwjaarsdag", "Nieuwjaarsdag"};
    if (m == 12 && d == 25)
        return StatutoryHit{"eerste_kerstdag", "Eerste Kerstdag"};
    if (m == 12 && d == 26)
        return StatutoryHit{"tweede_kerstdag", "Tweede Kerstdag"};
    if (m == 5 && d == 5)
        return StatutoryHit{"bevrijdingsdag", "Bevrijdingsdag (5 mei)"};
    if (((m == 4 && d >= 26) || (m == 5 && d == 1)) && day == kings_day_of(static_cast<int>(ymd.year())))
        return StatutoryHit{"koningsdag", "Koningsdag"};
    if (m < 3 || m > 6)
        return std::nullopt;  // the movable feasts fall between 20 March and 14 June
    const Day easter{easter_sunday(ymd.year())};
    const auto offset = (day - easter).count();
    switch (offset) {
        case -2:
            return StatutoryHit{"goede_vrijdag", "Goede Vrijdag"};
        case 1:
            return StatutoryHit{"tweede_paasdag", "Tweede Paasdag"};
        case 39:
            return StatutoryHit{"hemelvaartsdag", "Hemelvaartsdag"};
        case 50:
            return StatutoryHit{"tweede_pinksterdag", "Tweede Pinksterdag"};
        default:
            return std::nullopt;
    }
}

}  // namespace

std::optional<DayOff> day_off(const HolidayPolicy& policy, Day day) {
    const std::chrono::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (auto hit = statutory_holiday_on(day, ymd); hit && !omitted(policy, hit->id, year))
        return DayOff{DayOffKind::holiday, hit->name};
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
