#include "web/case_view.hpp"

#include "domain/engine/engine.hpp"
#include "render/due_date_text.hpp"

namespace meldpunt::web {

namespace {

// An event's name: the action's, or the page's own for intake and documents.
std::string event_name(const service::EventLine& line, const messages::Catalogue& catalogue) {
    if (line.event->action == "intake")
        return catalogue.text("web.case.intake_event");
    if (line.event->action == "document")
        return catalogue.text("web.case.document_event");
    return line.name;
}

std::string day_text(const std::optional<calendar::Day>& day, const messages::Catalogue& catalogue) {
    return day ? render::long_date(*day, catalogue) : "";
}

mstch::array deadline_rows(const service::CaseView& view, const messages::Catalogue& catalogue) {
    mstch::array rows;
    for (const auto& d : view.deadlines) {
        const std::string status = cases::status_name(d.state.status);
        rows.push_back(mstch::map{{"name", d.state.id},
                                  {"label", d.name},
                                  {"status", status},
                                  {"status_label", catalogue.text("web.status." + status)},
                                  {"due_text", day_text(d.state.due.due, catalogue)},
                                  {"explanation", render::explanation_text(d.state.due, catalogue)}});
    }
    return rows;
}

// Complainants see what happened, not which member of staff did it, nor the fields staff recorded.
mstch::array event_rows(const service::CaseView& view, const messages::Catalogue& catalogue, bool staff) {
    mstch::array rows;
    for (const auto& line : view.events) {
        const auto& e = *line.event;
        mstch::map row{{"action", e.action},
                       {"name", event_name(line, catalogue)},
                       {"to_stage_name", line.to_stage_name},
                       {"at_text", render::long_date(line.day, catalogue)}};
        if (staff) {
            mstch::array fields;
            for (const auto& f : line.fields)
                fields.push_back(mstch::map{{"name", f.name}, {"value", f.value}});
            row.emplace("actor", e.actor);
            row.emplace("has_fields", !fields.empty());
            row.emplace("field_list", fields);
        } else {
            row.emplace("actor", catalogue.text(e.actor == "complainant" ? "web.portal.you"
                                                                         : "web.portal.organisation"));
        }
        rows.push_back(row);
    }
    return rows;
}

// (What a complainant may see of letters and documents the service has already chosen.)
mstch::array letter_rows(const service::CaseView& view, const messages::Catalogue& catalogue) {
    mstch::array rows;
    for (const auto& line : view.letters)
        rows.push_back(mstch::map{{"letter", line.letter->letter},
                                  {"seq", std::to_string(line.letter->seq)},
                                  {"name", line.letter->name},
                                  {"body", line.letter->body},
                                  {"created_text", render::long_date(line.created_on, catalogue)}});
    return rows;
}

mstch::array document_rows(const service::CaseView& view) {
    mstch::array rows;
    for (const auto& d : view.record.documents)
        rows.push_back(mstch::map{{"id", d.id},
                                  {"name", d.name},
                                  {"size", std::to_string(d.size)},
                                  {"shared", d.visibility == "shared"},
                                  {"uploaded_by", d.uploaded_by}});
    return rows;
}

mstch::node complainant_node(const cases::Case& c) {
    mstch::map complainant{{"name", c.complainant.name},
                           {"email", c.complainant.email},
                           {"phone", c.complainant.phone},
                           {"anonymous", c.complainant.anonymous},
                           {"group", c.complainant.group}};
    return complainant;
}

mstch::map field_view(const procedure::Procedure& p, const std::string& id, bool required,
                      const messages::Catalogue& catalogue, const ActionFormOptions& options) {
    const auto* field = p.field(id);
    mstch::map out{{"id", id}, {"name", field ? field->name : id}, {"required", required}};
    const auto type = field ? field->type : procedure::FieldType::text;
    switch (type) {
        case procedure::FieldType::choice: {
            mstch::array choices;
            for (const auto& option : field->options)
                choices.push_back(mstch::map{{"value", option}, {"label", option}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::boolean:
            out.emplace("is_choice", true);
            out.emplace(
                "options",
                mstch::array{
                    mstch::map{{"value", std::string("true")}, {"label", catalogue.text("web.yes")}},
                    mstch::map{{"value", std::string("false")}, {"label", catalogue.text("web.no")}}});
            break;
        case procedure::FieldType::unit: {
            mstch::array choices;
            for (const auto& unit : p.units)
                choices.push_back(mstch::map{{"value", unit.id}, {"label", unit.name}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::person: {
            mstch::array choices;
            for (const auto& email : options.people)
                choices.push_back(mstch::map{{"value", email}, {"label", email}});
            out.emplace("is_choice", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::people: {
            mstch::array choices;
            for (const auto& email : options.people)
                choices.push_back(mstch::map{{"value", email},
                                             {"label", email},
                                             {"checked", std::find(options.about.begin(), options.about.end(),
                                                                   email) != options.about.end()}});
            out.emplace("is_people", true);
            out.emplace("options", choices);
            break;
        }
        case procedure::FieldType::date:
            out.emplace("is_date", true);
            break;
        default:
            out.emplace("is_text", true);
    }
    return out;
}

}  // namespace

mstch::map case_view(const service::CaseView& view, const messages::Catalogue& catalogue, Audience audience) {
    const bool staff = audience == Audience::staff;
    const auto& c = view.state;
    const auto deadlines = deadline_rows(view, catalogue);
    const auto letters = letter_rows(view, catalogue);
    const auto documents = document_rows(view);
    mstch::map out{
        {"reference", c.reference},
        {"subject", view.record.stored.subject},
        {"description", view.record.stored.description},
        {"kind_name", view.kind_name},
        {"stage_name", view.stage_name},
        {"stage_description", view.stage_description},
        {"final", view.final},
        {"unit", c.unit},
        {"channel_name", catalogue.text("web.channel." + c.channel)},
        {"received_text", render::long_date(c.received_on, catalogue)},
        {"event_text", day_text(c.event_date, catalogue)},
        {"admissibility_text", c.admissibility_reason.empty()
                                   ? std::string()
                                   : catalogue.text("web.case.not_admissible." + c.admissibility_reason)},
        {"complainant", complainant_node(c)},
        {"deadlines", deadlines},
        {"has_deadlines", !deadlines.empty()},
        {"events", event_rows(view, catalogue, staff)},
        {"letters", letters},
        {"has_letters", !letters.empty()},
        {"documents", documents},
        {"has_documents", !documents.empty()},
        {"has_about", staff && !c.about.empty()},
        {"reported_about", c.reported_about},
    };
    if (c.representative)
        out.emplace("representative", mstch::map{{"name", c.representative->name},
                                                 {"relation", c.representative->relation},
                                                 {"email", c.representative->email},
                                                 {"authorisation", c.representative->authorisation}});
    if (staff) {
        out.emplace("handler", c.handler);
        mstch::array about;
        for (const auto& person : c.about)
            about.push_back(person);
        out.emplace("about", about);
    }
    return out;
}

mstch::array action_forms(const service::CaseRecord& record, const service::Principal& who,
                          const messages::Catalogue& catalogue, const ActionFormOptions& given) {
    const auto& p = record.procedure->procedure;
    ActionFormOptions options = given;
    options.about = record.stored.state.about;
    const cases::Engine engine(p, record.procedure->calendar);
    const cases::Actor actor{who.email, who.roles_for_unit(record.stored.state.unit)};
    mstch::array out;
    for (const auto& id : engine.available_actions(record.stored.state, actor)) {
        const auto* action = p.action(id);
        if (!action)
            continue;
        mstch::array fields;
        auto add = [&](const std::string& f, bool required) {
            auto view = field_view(p, f, required, catalogue, options);
            view.emplace("action_id", id);  // input ids must be unique on a page with many forms
            fields.push_back(view);
        };
        for (const auto& f : action->requires_fields)
            add(f, true);
        for (const auto& f : action->optional_fields)
            add(f, false);
        out.push_back(mstch::map{{"id", id},
                                 {"name", action->name},
                                 {"description", action->description},
                                 {"source", action->source},
                                 {"fields", fields},
                                 {"version", std::to_string(record.stored.version)}});
    }
    return out;
}

}  // namespace meldpunt::web
