#include "web/register_csv.hpp"

#include <cstdio>

#include "domain/procedure/analysis.hpp"
#include "web/case_view.hpp"

namespace meldpunt::web {

namespace {

constexpr const char* kColumns[] = {"reference", "received", "kind",     "stage",
                                    "unit",      "handler",  "next_due", "subject"};

}  // namespace

RegisterCsv::RegisterCsv(const messages::Catalogue& language, std::map<std::string, std::string> names)
    : language_(language), names_(std::move(names)), separator_(language.text("web.register.csv_separator")) {
    out_ = "\xEF\xBB\xBF";
    std::string line;
    for (const char* column : kColumns)
        line += (line.empty() ? "" : separator_) +
                cell(language_.text(std::string("web.register.csv_") + column));
    for (const auto meaning : procedure::kAnalysisMeanings)
        line += separator_ + cell(language_.text("web.register.csv_" + std::string(meaning)));
    out_ += line + "\r\n";
}

void RegisterCsv::add(const std::vector<service::CaseRecord>& records) {
    for (const auto& r : records) {
        const auto& p = r.procedure->procedure;
        const auto& c = r.stored.state;
        const auto* kind = p.kind(c.kind);
        const auto* unit = c.unit.empty() ? nullptr : p.unit(c.unit);
        const auto person = names_.find(c.handler);
        const std::string values[] = {
            c.reference,
            date(c.received_on),
            kind ? kind->name : c.kind,
            stage_text(c, p, language_),
            unit ? unit->name : c.unit,
            person != names_.end() && !person->second.empty() ? person->second : c.handler,
            r.stored.next_due ? date(*r.stored.next_due) : std::string(),
            r.stored.subject};
        std::string line;
        for (const auto& value : values)
            line += (line.empty() ? "" : separator_) + cell(value);
        // The case's analysis as recorded, under the field that means it in its procedure.
        for (const auto meaning : procedure::kAnalysisMeanings) {
            const auto* field = p.field_meaning(meaning);
            const auto fact = field ? c.facts.find(field->id) : c.facts.end();
            line += separator_ + cell(fact != c.facts.end() ? fact->second : std::string());
        }
        out_ += line + "\r\n";
    }
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
