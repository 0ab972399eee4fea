#include "service/letters.hpp"

#include <mstch/mstch.hpp>

#include "domain/engine/engine.hpp"
#include "procedure_file/describe.hpp"
#include "render/due_date_text.hpp"

namespace meldpunt::service {

namespace {

// {{name}} → {{{name}}}: letters are plain text, so nothing is escaped.
std::string unescaped(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "{{{") == 0) {
            const auto end = text.find("}}}", i);
            const auto stop = end == std::string::npos ? text.size() : end + 3;
            out += text.substr(i, stop - i);
            i = stop;
        } else if (text.compare(i, 2, "{{") == 0 && i + 2 < text.size() && text[i + 2] != '#' &&
                   text[i + 2] != '/' && text[i + 2] != '^' && text[i + 2] != '!' && text[i + 2] != '>') {
            const auto end = text.find("}}", i);
            if (end == std::string::npos) {
                out += text.substr(i);
                break;
            }
            out += "{{{" + text.substr(i + 2, end - i - 2) + "}}}";
            i = end + 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string contact(const std::string& name, const std::string& email) {
    if (email.empty())
        return name;
    return name.empty() ? email : name + " (" + email + ")";
}

}  // namespace

std::string render_letter(const loading::LoadedProcedure& loaded, const procedure::Letter& letter,
                          const cases::Case& c, const LetterPeople& people, calendar::Day today,
                          const messages::Catalogue& catalogue) {
    const procedure::Procedure& p = loaded.procedure;
    mstch::map deadlines, fields;
    std::string resolution_text;
    for (const auto& view : cases::Engine(p, loaded.calendar).deadlines(c, today)) {
        const std::string due =
            view.due.due ? render::long_date(*view.due.due, catalogue) : catalogue.text("letter.no_due");
        deadlines.emplace(view.id, due);
        if (const auto* def = p.deadline(view.id); def && view.id == "resolution")
            resolution_text = procedure_file::describe_deadline(p, *def, catalogue);
    }
    for (const auto& [id, value] : c.facts)
        fields.emplace(id, value);
    std::string procedure_summary;
    for (const auto& d : p.deadlines) {
        if (d.internal)
            continue;  // the organisation's own work, no promise to the complainant
        if (!procedure_summary.empty())
            procedure_summary += " ";
        procedure_summary += procedure_file::describe_deadline(p, d, catalogue);
    }
    const auto* kind = p.kind(c.kind);
    const auto* unit = p.unit(c.unit);
    const auto* referral = p.referral(c.referred_to);
    auto expected = c.facts.find("expected_duration");
    mstch::map context{
        {"organisation", people.organisation},
        {"reference", c.reference},
        {"received_on", render::long_date(c.received_on, catalogue)},
        {"today", render::long_date(today, catalogue)},
        {"kind", kind ? kind->name : c.kind},
        {"subject", people.subject},
        {"complainant", mstch::map{{"name", c.complainant.anonymous ? catalogue.text("letter.anonymous")
                                                                    : c.complainant.name},
                                   {"address", c.complainant.address}}},
        {"representative",
         mstch::map{{"name", c.representative ? c.representative->name : std::string()},
                    {"relation", c.representative ? c.representative->relation : std::string()}}},
        {"handler", mstch::map{{"name", people.handler_name},
                               {"email", people.handler_email},
                               {"phone", std::string()},
                               {"contact", contact(people.handler_name, people.handler_email)}}},
        {"director", mstch::map{{"name", people.director_name},
                                {"contact", contact(people.director_name, people.director_email)}}},
        {"expected_duration", expected != c.facts.end() ? expected->second : resolution_text},
        {"procedure", mstch::map{{"url", people.procedure_url}}},
        {"form", mstch::map{{"url", people.form_url}}},
        {"unit", mstch::map{{"name", unit ? unit->name : c.unit}}},
        {"referral", mstch::map{{"to", referral ? referral->to : std::string()},
                                {"contact", referral ? referral->contact : std::string()}}},
        {"closed_on", c.closed_on ? render::long_date(*c.closed_on, catalogue) : std::string()},
        {"retain_until", c.retain_until ? render::long_date(*c.retain_until, catalogue) : std::string()},
        {"deadline", deadlines},
        {"field", fields},
    };
    // "procedure" is both a value ({{procedure}}) and a section holding procedure.url: the summary
    // is rendered in a first pass so that both work.
    std::string text = unescaped(letter.template_text);
    for (size_t at = 0; (at = text.find("{{{procedure}}}", at)) != std::string::npos;)
        text.replace(at, 15, procedure_summary), at += procedure_summary.size();
    return mstch::render(text, context);
}

}  // namespace meldpunt::service
