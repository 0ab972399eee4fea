#include "render/due_date_text.hpp"

#include "render/deadline_json.hpp"

#include <date/date.h>
#include <date/tz.h>

namespace meldpunt::render {

std::string long_date(calendar::Day day, const messages::Catalogue& catalogue) {
    const std::chrono::year_month_day ymd{day};
    const unsigned weekday = std::chrono::weekday{day}.c_encoding();  // 0 = Sunday
    return catalogue.text("explain.weekday." + std::to_string(weekday)) + " " +
           std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           catalogue.text("explain.month." + std::to_string(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string short_date(calendar::Day day, const messages::Catalogue& catalogue) {
    const std::chrono::year_month_day ymd{day};
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           catalogue.text("explain.month_short." + std::to_string(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

namespace {

// Consecutive skipped days with the same reason read as one range ("2 t/m 15 februari").
std::string skipped_text(const calendar::DueDate& due, const messages::Catalogue& c) {
    std::string out;
    for (size_t i = 0; i < due.skipped.size();) {
        size_t j = i;
        while (j + 1 < due.skipped.size() && due.skipped[j + 1].reason == due.skipped[i].reason &&
               due.skipped[j + 1].name == due.skipped[i].name &&
               due.skipped[j + 1].day == due.skipped[j].day + std::chrono::days{1})
            ++j;
        const auto& s = due.skipped[i];
        const std::string when =
            i == j ? long_date(s.day, c)
                   : c.text("explain.range", {long_date(s.day, c), long_date(due.skipped[j].day, c)});
        if (!out.empty())
            out += "; ";
        out += c.text(std::string("explain.reason.") + skip_reason_name(s.reason), {when, s.name});
        i = j + 1;
    }
    return out;
}

}  // namespace

std::string explanation_text(const calendar::DueDate& due, const messages::Catalogue& c) {
    const bool same_day = due.period.unit == calendar::PeriodUnit::same_day;
    std::string out =
        c.text(same_day ? "explain.start_same_day" : "explain.start", {long_date(due.start, c)});
    if (!due.skipped.empty())
        out += " " + c.text("explain.skipped", {skipped_text(due, c)});
    if (due.nominal_end && due.nominal_end_was_day_off)
        out += " " + c.text("explain.moved", {long_date(*due.nominal_end, c)});
    if (due.extended_to_two_working_days)
        out += " " + c.text("explain.two_working_days");
    for (const auto& extension : due.extensions) {
        out += " " + c.text("explain.extended", {c.language() == messages::Language::nl
                                                     ? calendar::describe_period_nl(extension)
                                                     : calendar::describe_period_en(extension)});
    }
    out += " " + (due.due ? c.text("explain.due", {long_date(*due.due, c)}) : c.text("explain.held"));
    if (due.due && due.due_is_day_off)
        out += " " + c.text("explain.due_day_off");
    return out;
}

std::string long_moment(int64_t unix_seconds, const calendar::WorkingCalendar& calendar,
                        const messages::Catalogue& catalogue) {
    const std::chrono::sys_seconds at{std::chrono::seconds{unix_seconds}};
    const auto local = date::make_zoned(calendar.zone(), at).get_local_time();
    return long_date(calendar.local_day(at), catalogue) + " " + date::format("%H:%M", local);
}

}  // namespace meldpunt::render
