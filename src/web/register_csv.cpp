#include "web/register_csv.hpp"

#include <cstdio>

#include "web/register_table.hpp"

namespace meldpunt::web {

RegisterCsv::RegisterCsv(const messages::Catalogue& language, std::map<std::string, std::string> names)
    : language_(language), names_(std::move(names)), separator_(language.text("web.register.csv_separator")) {
    out_ = "\xEF\xBB\xBF";
    std::string line;
    for (const auto& heading : register_header(language_))
        line += (line.empty() ? "" : separator_) + cell(heading);
    out_ += line + "\r\n";
}

void RegisterCsv::add(const std::vector<service::CaseRecord>& records) {
    for (const auto& record : records) {
        std::string line;
        bool first = true;
        for (const auto& value : register_row(record, names_, language_)) {
            line += (first ? "" : separator_) + cell(text_of(value));
            first = false;
        }
        out_ += line + "\r\n";
    }
}

std::string RegisterCsv::text_of(const spreadsheet::Cell& value) const {
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    if (const auto* day = std::get_if<spreadsheet::Date>(&value))
        return date(calendar::make_day(day->year, static_cast<unsigned>(day->month),
                                       static_cast<unsigned>(day->day)));
    return "";
}

// Quoted, quotes doubled; a value a spreadsheet would run as a formula starts with an apostrophe.
std::string RegisterCsv::cell(const std::string& value) const {
    std::string v = value;
    if (!v.empty() && std::string("=+-@\t\r").find(v.front()) != std::string::npos)
        v = "'" + v;
    std::string out = "\"";
    for (char ch : v)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

std::string RegisterCsv::date(calendar::Day day) const {
    if (language_.language() != messages::Language::nl)
        return calendar::format_day(day);
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%02u-%02u-%04d", static_cast<unsigned>(ymd.day()),
                  static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
    return text;
}

}  // namespace meldpunt::web
