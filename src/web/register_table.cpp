#include "web/register_table.hpp"

#include "domain/procedure/analysis.hpp"
#include "web/case_view.hpp"

namespace meldpunt::web {

namespace {

constexpr const char* kColumns[] = {"reference", "received", "kind",     "stage",
                                    "unit",      "handler",  "next_due", "subject"};

spreadsheet::Date date_of(calendar::Day day) {
    const std::chrono::year_month_day ymd{day};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

std::vector<std::string> register_header(const messages::Catalogue& language) {
    std::vector<std::string> out;
    for (const char* column : kColumns)
        out.push_back(language.text(std::string("web.register.csv_") + column));
    for (const auto meaning : procedure::kAnalysisMeanings)
        out.push_back(language.text("web.register.csv_" + std::string(meaning)));
    return out;
}

std::vector<spreadsheet::Cell> register_row(const service::CaseRecord& record,
                                            const std::map<std::string, std::string>& names,
                                            const messages::Catalogue& language) {
    const auto& p = record.procedure->procedure;
    const auto& c = record.stored.state;
    const auto* kind = p.kind(c.kind);
    const auto* unit = c.unit.empty() ? nullptr : p.unit(c.unit);
    const auto person = names.find(c.handler);
    std::vector<spreadsheet::Cell> out{
        c.reference,
        date_of(c.received_on),
        kind ? kind->name : c.kind,
        stage_text(c, p, language),
        unit ? unit->name : c.unit,
        person != names.end() && !person->second.empty() ? person->second : c.handler,
        record.stored.next_due ? spreadsheet::Cell{date_of(*record.stored.next_due)} : spreadsheet::Cell{},
        record.stored.subject};
    // The case's analysis as recorded, under the field that means it in its procedure.
    for (const auto meaning : procedure::kAnalysisMeanings) {
        const auto* field = p.field_meaning(meaning);
        const auto fact = field ? c.facts.find(field->id) : c.facts.end();
        out.push_back(fact != c.facts.end() ? spreadsheet::Cell{fact->second}
                                            : spreadsheet::Cell{std::string()});
    }
    return out;
}

}  // namespace meldpunt::web
