#include "domain/calendar/instant.hpp"

#include <date/tz.h>

#include <cstdio>

namespace meldpunt::calendar {

namespace {

bool two_digits(std::string_view s, size_t at, int& out) {
    if (at + 2 > s.size())
        return false;
    const char a = s[at], b = s[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9')
        return false;
    out = (a - '0') * 10 + (b - '0');
    return true;
}

// Parses a trailing zone designator starting at `at`; sets offset in minutes east of UTC.
bool parse_zone(std::string_view s, size_t at, std::optional<int>& offset_minutes) {
    if (at == s.size())
        return true;
    if (s[at] == 'Z' || s[at] == 'z') {
        offset_minutes = 0;
        return at + 1 == s.size();
    }
    if (s[at] != '+' && s[at] != '-')
        return false;
    const int sign = s[at] == '+' ? 1 : -1;
    int hh = 0, mm = 0;
    if (!two_digits(s, at + 1, hh))
        return false;
    size_t next = at + 3;
    if (next < s.size() && s[next] == ':')
        ++next;
    if (!two_digits(s, next, mm) || next + 2 != s.size() || hh > 18 || mm > 59)
        return false;
    offset_minutes = sign * (hh * 60 + mm);
    return true;
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_instant(std::string_view text,
                                                      const WorkingCalendar& calendar) {
    if (text.size() < 10)
        return std::nullopt;
    const auto day = parse_day(text.substr(0, 10));
    if (!day)
        return std::nullopt;
    if (text.size() == 10)
        return calendar.start_of(*day);
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ')
        return std::nullopt;
    int hh = 0, mi = 0, ss = 0;
    if (!two_digits(text, 11, hh) || text.size() < 16 || text[13] != ':' || !two_digits(text, 14, mi))
        return std::nullopt;
    size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        if (!two_digits(text, at + 1, ss))
            return std::nullopt;
        at += 3;
        if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
            ++at;
            const size_t digits_from = at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9')
                ++at;
            if (at == digits_from)
                return std::nullopt;
        }
    }
    if (hh > 23 || mi > 59 || ss > 60)
        return std::nullopt;
    std::optional<int> offset;
    if (!parse_zone(text, at, offset))
        return std::nullopt;
    const auto time_of_day = std::chrono::hours{hh} + std::chrono::minutes{mi} + std::chrono::seconds{ss};
    if (offset) {
        return std::chrono::sys_seconds{day->time_since_epoch()} + time_of_day -
               std::chrono::minutes{*offset};
    }
    const date::local_seconds local{
        std::chrono::duration_cast<std::chrono::seconds>(day->time_since_epoch()) + time_of_day};
    // A wall-clock time in the spring-forward gap or the autumn overlap is resolved to the earlier
    // instant rather than rejected: people write such times, and the local day is what counts.
    return calendar.zone()->to_sys(local, date::choose::earliest);
}

std::string format_instant(std::chrono::sys_seconds instant) {
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const std::chrono::hh_mm_ss tod{instant - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", format_day(Day{day}).c_str(),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
    return buffer;
}

}  // namespace meldpunt::calendar
