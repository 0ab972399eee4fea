#include "domain/report/case_figures.hpp"

#include <algorithm>

#include "domain/case/deadline_view.hpp"

namespace meldpunt::report {

namespace {

DeadlineOutcome outcome_of(const cases::DeadlineView& view) {
    switch (view.status) {
        case cases::DeadlineStatus::met:
            return view.late ? DeadlineOutcome::late : DeadlineOutcome::on_time;
        case cases::DeadlineStatus::overdue:
            return DeadlineOutcome::overdue;
        case cases::DeadlineStatus::stopped:
            return DeadlineOutcome::stopped;
        case cases::DeadlineStatus::open:
        case cases::DeadlineStatus::paused:
            break;
    }
    return DeadlineOutcome::running;
}

}  // namespace

int working_days_between(const calendar::WorkingCalendar& calendar, calendar::Day from, calendar::Day to) {
    int count = 0;
    for (auto day = from + std::chrono::days{1}; day <= to; day += std::chrono::days{1})
        count += calendar.is_working_day(day) ? 1 : 0;
    return count;
}

CaseFigures figures_of(const procedure::Procedure& procedure, const cases::Case& c,
                       const calendar::WorkingCalendar& calendar, calendar::Day as_of) {
    CaseFigures out;
    out.kind = c.kind;
    out.channel = c.channel;
    out.unit = c.unit;
    out.received_on = c.received_on;
    out.merged = !c.merged_into.empty();
    out.closed = c.closed_on && *c.closed_on <= as_of;
    out.admissible = c.admissible;
    out.inadmissible_by = c.admissible ? "" : c.admissibility_reason;
    if (out.closed)
        out.ended_in = c.stage;
    out.stages_reached = c.stages_reached();
    for (const auto& id : out.stages_reached) {
        const auto* stage = procedure.stage(id);
        if (stage && !stage->level.empty() &&
            std::find(out.levels_reached.begin(), out.levels_reached.end(), stage->level) ==
                out.levels_reached.end())
            out.levels_reached.push_back(stage->level);
    }
    for (const auto& field : procedure.fields) {
        if (field.analysis.empty())
            continue;
        const auto value = c.facts.find(field.id);
        const std::string recorded = value == c.facts.end() ? kNotRecorded : value->second;
        out.analysis[field.analysis] = counted_by_value(field) || recorded.empty() ? recorded : kRecorded;
    }
    for (const auto& state : c.deadlines) {
        const auto view = cases::view_deadline(state, calendar, as_of);
        DeadlineFigure figure{state.id, outcome_of(view), std::nullopt, std::nullopt};
        if (state.met_on && !state.stopped_on)
            figure.working_days = working_days_between(calendar, state.anchor, *state.met_on);
        if (figure.outcome == DeadlineOutcome::running || figure.outcome == DeadlineOutcome::overdue)
            figure.due = view.due.due;
        out.deadlines.push_back(std::move(figure));
    }
    return out;
}

}  // namespace meldpunt::report
