#include "domain/case/deadline_view.hpp"

namespace meldpunt::cases {

DeadlineView view_deadline(const DeadlineState& state, const calendar::WorkingCalendar& calendar, Day today) {
    DeadlineView view{
        state.id, DeadlineStatus::open,
        calendar::compute_due(calendar, state.anchor, state.period, state.pauses, state.extensions)};
    if (state.stopped_on) {
        view.status = DeadlineStatus::stopped;
    } else if (state.met_on) {
        view.status = DeadlineStatus::met;
        view.late = view.due.due && *state.met_on > *view.due.due;
    } else if (!view.due.due) {
        view.status = DeadlineStatus::paused;
    } else if (today > *view.due.due) {
        view.status = DeadlineStatus::overdue;
    }
    return view;
}

const char* status_name(DeadlineStatus status) {
    switch (status) {
        case DeadlineStatus::open:
            return "open";
        case DeadlineStatus::met:
            return "met";
        case DeadlineStatus::overdue:
            return "overdue";
        case DeadlineStatus::paused:
            return "paused";
        case DeadlineStatus::stopped:
            return "stopped";
    }
    return "open";
}

}  // namespace meldpunt::cases
