#include "service/case_view.hpp"

#include "domain/engine/engine.hpp"

namespace meldpunt::service {

std::string stage_name(const procedure::Procedure& procedure, const std::string& id) {
    const auto* stage = procedure.stage(id);
    return stage ? stage->name : id;
}

namespace {

std::string action_name(const procedure::Procedure& procedure, const std::string& id) {
    const auto* action = procedure.action(id);
    return action ? action->name : id;
}

EventLine event_line(const procedure::Procedure& procedure, const calendar::WorkingCalendar& calendar,
                     const cases::Event& event) {
    EventLine line{&event,
                   action_name(procedure, event.action),
                   calendar.local_day(event.at),
                   stage_name(procedure, event.to_stage),
                   {}};
    for (const auto& [id, value] : event.fields) {
        const auto* field = procedure.field(id);
        line.fields.push_back({id, field ? field->name : id, value});
    }
    return line;
}

}  // namespace

CaseView view_case(const CaseRecord& record, calendar::Day today) {
    const auto& procedure = record.procedure->procedure;
    const auto& calendar = record.procedure->calendar;
    const auto& c = record.stored.state;
    CaseView view{record, c, procedure};
    const auto* kind = procedure.kind(c.kind);
    view.kind_name = kind ? kind->name : c.kind;
    const auto* stage = procedure.stage(c.stage);
    view.stage_name = stage ? stage->name : c.stage;
    view.stage_description = stage ? stage->description : "";
    view.final = (stage && stage->final) || !record.stored.state.merged_into.empty();
    const cases::Engine engine(procedure, calendar);
    for (auto& state : engine.deadlines(c, today)) {
        const auto* definition = procedure.deadline(state.id);
        std::string name = definition ? definition->name : state.id;
        view.deadlines.push_back({std::move(state), std::move(name)});
    }
    for (const auto& event : c.events)
        view.events.push_back(event_line(procedure, calendar, event));
    for (const auto& letter : record.letters) {
        const std::chrono::sys_seconds at{std::chrono::seconds{letter.created_at}};
        view.letters.push_back({&letter, at, calendar.local_day(at)});
    }
    return view;
}

}  // namespace meldpunt::service
