#include "web/case_view.hpp"

#include "app/due_date_text.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "service/case_json.hpp"
#include "web/mustache_data.hpp"

namespace meldpunt::web {

namespace {

using nlohmann::ordered_json;

std::string stage_name(const procedure::Procedure& p, const std::string& id) {
    const auto* stage = p.stage(id);
    return stage ? stage->name : id;
}

std::string action_name(const procedure::Procedure& p, const std::string& id,
                        const messages::Catalogue& catalogue) {
    if (id == "intake")
        return catalogue.text("web.case.intake_event");
    if (id == "document")
        return catalogue.text("web.case.document_event");
    const auto* action = p.action(id);
    return action ? action->name : id;
}

std::string day_text(const ordered_json& value, const messages::Catalogue& catalogue) {
    if (!value.is_string())
        return "";
    auto day = calendar::parse_day(value.get<std::string>());
    return day ? app::long_date(*day, catalogue) : value.get<std::string>();
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
        case procedure::FieldType::date:
            out.emplace("is_date", true);
            break;
        default:
            out.emplace("is_text", true);
    }
    return out;
}

}  // namespace

mstch::map case_view(const service::CaseRecord& record, calendar::Day today,
                     const messages::Catalogue& catalogue, Audience audience) {
    const auto& p = record.procedure->procedure;
    const bool staff = audience == Audience::staff;
    ordered_json c = service::case_json(record, today, catalogue);
    c["stage_name"] = stage_name(p, c["stage"].get<std::string>());
    const auto* stage = p.stage(record.stored.state.stage);
    c["stage_description"] = stage ? stage->description : "";
    c["final"] = stage && stage->final;
    const auto* kind = p.kind(record.stored.state.kind);
    c["kind_name"] = kind ? kind->name : record.stored.state.kind;
    c["received_text"] = day_text(c["received_on"], catalogue);
    c["channel_name"] = catalogue.text("web.channel." + record.stored.state.channel);
    c["event_text"] = day_text(c["event_date"], catalogue);
    c["admissibility_text"] =
        record.stored.state.admissibility_reason.empty()
            ? ""
            : catalogue.text("web.case.not_admissible." + record.stored.state.admissibility_reason);
    for (auto& d : c["deadlines"]) {
        const auto* def = p.deadline(d["name"].get<std::string>());
        d["label"] = def ? def->name : d["name"].get<std::string>();
        d["due_text"] = day_text(d["due"], catalogue);
        const std::string status = d["status"].get<std::string>();
        d["status_label"] = catalogue.text("web.status." + status);
    }
    for (auto& e : c["events"]) {
        e["name"] = action_name(p, e["action"].get<std::string>(), catalogue);
        e["to_stage_name"] = stage_name(p, e["to_stage"].get<std::string>());
        auto at = calendar::parse_instant(e["at"].get<std::string>(), record.procedure->calendar);
        e["at_text"] = at ? app::long_date(record.procedure->calendar.local_day(*at), catalogue) : "";
        if (!staff) {
            // Complainants see what happened, not which member of staff did it.
            const bool own = e["actor"] == "complainant";
            e["actor"] = catalogue.text(own ? "web.portal.you" : "web.portal.organisation");
            e.erase("fields");
        }
        if (e.contains("fields")) {
            ordered_json fields = ordered_json::array();
            for (auto& [id, value] : e["fields"].items()) {
                const auto* field = p.field(id);
                fields.push_back({{"name", field ? field->name : id}, {"value", value}});
            }
            e["has_fields"] = !fields.empty();
            e["field_list"] = fields;
        }
    }
    // (What a complainant may see of letters and documents the service has already chosen.)
    for (size_t i = 0; i < record.letters.size(); ++i)
        c["letters"][i]["created_text"] =
            app::long_date(calendar::Day(std::chrono::floor<std::chrono::days>(
                               std::chrono::sys_seconds{std::chrono::seconds{record.letters[i].created_at}})),
                           catalogue);
    c["has_letters"] = !c["letters"].empty();
    for (auto& d : c["documents"])
        d["shared"] = d["visibility"] == "shared";
    c["has_documents"] = !c["documents"].empty();
    c["has_deadlines"] = !c["deadlines"].empty();
    c["has_about"] = !c["about"].empty();
    if (!staff) {
        c.erase("handler");
        c.erase("about");
        c["has_about"] = false;
    }
    return boost::get<mstch::map>(to_mustache(c));
}

mstch::array action_forms(const service::CaseRecord& record, const service::Principal& who,
                          const messages::Catalogue& catalogue, const ActionFormOptions& options) {
    const auto& p = record.procedure->procedure;
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
