#include "domain/report/tally.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/calendar/day.hpp"
#include "domain/report/figures.hpp"

namespace meldpunt::report {

namespace {

constexpr std::string_view kLineVersion = "1";
constexpr char kField = '|', kItem = ';', kPart = ':';

const char* outcome_value(DeadlineOutcome outcome) {
    switch (outcome) {
        case DeadlineOutcome::on_time:
            return kOnTime;
        case DeadlineOutcome::late:
            return kLate;
        case DeadlineOutcome::stopped:
            return kStopped;
        case DeadlineOutcome::overdue:
            return kOverdue;
        case DeadlineOutcome::running:
            break;
    }
    return kPaused;
}

// `value` with the line's separators, '%' and control characters written as %XX.
void put(std::string& out, std::string_view value) {
    for (const char ch : value) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte < 0x20 || byte == 0x7f || ch == '%' || ch == kField || ch == kItem || ch == kPart) {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
            out += escaped;
        } else {
            out += ch;
        }
    }
}

int hex_digit(char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

std::optional<std::string> take(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

}  // namespace

std::vector<TallyKey> tally_keys(const CaseFigures& c) {
    const std::string month = month_key(c.received_on);
    std::vector<TallyKey> out;
    const auto add = [&](std::string dimension, std::string value) {
        out.push_back({month, std::move(dimension), std::move(value)});
    };
    if (c.merged) {
        add(dimension::kMerged, "");
        return out;
    }
    add(dimension::kReceived, "");
    if (c.closed)
        add(dimension::kClosed, "");
    if (!c.admissible)
        add(dimension::kInadmissible, c.inadmissible_by);
    add(dimension::kKind, c.kind);
    add(dimension::kChannel, c.channel);
    add(dimension::kUnit, c.unit);
    for (const auto& [meaning, value] : c.analysis)
        if (value != kNotRecorded)
            add(meaning, value);
    for (const auto& stage : c.stages_reached)
        add(dimension::kStage, stage);
    for (const auto& level : c.levels_reached)
        add(dimension::kLevel, level);
    if (!c.ended_in.empty())
        add(dimension::kEnded, c.ended_in);
    for (const auto& d : c.deadlines) {
        const bool waiting = d.outcome == DeadlineOutcome::running || d.outcome == DeadlineOutcome::overdue;
        add(dimension::kDeadline + d.id,
            waiting && d.due ? kDuePrefix + calendar::format_day(*d.due) : outcome_value(d.outcome));
        if (d.working_days)
            add(dimension::kDaysTaken + d.id, std::to_string(*d.working_days));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string tally_line(const std::vector<TallyKey>& keys) {
    std::string out(kLineVersion);
    out += kField;
    if (!keys.empty())
        out += keys.front().month;
    out += kField;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0)
            out += kItem;
        put(out, keys[i].dimension);
        out += kPart;
        put(out, keys[i].value);
    }
    return out;
}

std::optional<std::vector<TallyKey>> keys_of_line(std::string_view line) {
    const auto first = line.find(kField);
    if (first == std::string_view::npos || line.substr(0, first) != kLineVersion)
        return std::nullopt;
    const auto second = line.find(kField, first + 1);
    if (second == std::string_view::npos)
        return std::nullopt;
    const std::string month(line.substr(first + 1, second - first - 1));
    if (!month.empty() && !calendar::parse_day(month + "-01"))
        return std::nullopt;
    std::vector<TallyKey> out;
    std::string_view items = line.substr(second + 1);
    while (!items.empty()) {
        const auto end = items.find(kItem);
        const auto item = items.substr(0, end);
        const auto part = item.find(kPart);
        if (part == std::string_view::npos || month.empty())
            return std::nullopt;
        auto dimension = take(item.substr(0, part)), value = take(item.substr(part + 1));
        if (!dimension || !value || dimension->empty())
            return std::nullopt;
        out.push_back({month, std::move(*dimension), std::move(*value)});
        items = end == std::string_view::npos ? std::string_view{} : items.substr(end + 1);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Tally> tally_difference(const std::vector<TallyKey>& before, const std::vector<TallyKey>& after) {
    std::vector<Tally> out;
    auto b = before.begin(), a = after.begin();
    while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && *b < *a)) {
            out.push_back({*b++, -1});
        } else if (b == before.end() || *a < *b) {
            out.push_back({*a++, +1});
        } else {
            ++a;
            ++b;
        }
    }
    return out;
}

}  // namespace meldpunt::report
