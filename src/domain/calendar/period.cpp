#include "domain/calendar/period.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace meldpunt::calendar {

namespace {

std::string normalise(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space)
            out.push_back(' ');
        space = false;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

struct UnitWord {
    std::string_view word;
    PeriodUnit unit;
};

constexpr std::array<UnitWord, 20> kUnitWords{{
    {"werkdag", PeriodUnit::working_days},
    {"werkdagen", PeriodUnit::working_days},
    {"working day", PeriodUnit::working_days},
    {"working days", PeriodUnit::working_days},
    {"kalenderdag", PeriodUnit::calendar_days},
    {"kalenderdagen", PeriodUnit::calendar_days},
    {"dag", PeriodUnit::calendar_days},
    {"dagen", PeriodUnit::calendar_days},
    {"calendar day", PeriodUnit::calendar_days},
    {"calendar days", PeriodUnit::calendar_days},
    {"week", PeriodUnit::weeks},
    {"weken", PeriodUnit::weeks},
    {"weeks", PeriodUnit::weeks},
    {"maand", PeriodUnit::months},
    {"maanden", PeriodUnit::months},
    {"month", PeriodUnit::months},
    {"months", PeriodUnit::months},
    {"jaar", PeriodUnit::years},
    {"jaren", PeriodUnit::years},
    {"years", PeriodUnit::years},
}};

constexpr std::array<UnitWord, 5> kPhrases{{
    {"volgende werkdag", PeriodUnit::next_working_day},
    {"de volgende werkdag", PeriodUnit::next_working_day},
    {"next working day", PeriodUnit::next_working_day},
    {"dezelfde dag", PeriodUnit::same_day},
    {"same day", PeriodUnit::same_day},
}};

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
    const std::string norm = normalise(text);
    for (const auto& phrase : kPhrases) {
        if (norm == phrase.word)
            return Period{phrase.unit, 0};
    }
    const auto space = norm.find(' ');
    if (space == std::string::npos)
        return std::nullopt;
    int count = 0;
    auto [ptr, ec] = std::from_chars(norm.data(), norm.data() + space, count);
    if (ec != std::errc{} || ptr != norm.data() + space || count < 1 || count > 1000)
        return std::nullopt;
    std::string_view unit_word = std::string_view(norm).substr(space + 1);
    if (unit_word == "day" || unit_word == "days")
        return Period{PeriodUnit::calendar_days, count};
    if (unit_word == "year")
        return Period{PeriodUnit::years, count};
    for (const auto& word : kUnitWords) {
        if (unit_word == word.word)
            return Period{word.unit, count};
    }
    return std::nullopt;
}

std::string describe_period_nl(const Period& p) {
    const bool one = p.count == 1;
    const std::string n = std::to_string(p.count);
    switch (p.unit) {
        case PeriodUnit::working_days:
            return n + (one ? " werkdag" : " werkdagen");
        case PeriodUnit::calendar_days:
            return n + (one ? " kalenderdag" : " kalenderdagen");
        case PeriodUnit::weeks:
            return n + (one ? " week" : " weken");
        case PeriodUnit::months:
            return n + (one ? " maand" : " maanden");
        case PeriodUnit::years:
            return n + (one ? " jaar" : " jaar");
        case PeriodUnit::next_working_day:
            return "de volgende werkdag";
        case PeriodUnit::same_day:
            return "dezelfde dag";
    }
    return n;
}

std::string describe_period_en(const Period& p) {
    const bool one = p.count == 1;
    const std::string n = std::to_string(p.count);
    switch (p.unit) {
        case PeriodUnit::working_days:
            return n + (one ? " working day" : " working days");
        case PeriodUnit::calendar_days:
            return n + (one ? " calendar day" : " calendar days");
        case PeriodUnit::weeks:
            return n + (one ? " week" : " weeks");
        case PeriodUnit::months:
            return n + (one ? " month" : " months");
        case PeriodUnit::years:
            return n + (one ? " year" : " years");
        case PeriodUnit::next_working_day:
            return "next working day";
        case PeriodUnit::same_day:
            return "same day";
    }
    return n;
}

}  // namespace meldpunt::calendar
