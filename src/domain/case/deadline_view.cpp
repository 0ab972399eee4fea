#include "domain/case/deadline_view.hpp"
#include "support/enum_names.hpp"

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

constexpr support::EnumName<DeadlineStatus> kStatusNames[] = {{DeadlineStatus::open, "open"},
                                                              {DeadlineStatus::met, "met"},
                                                              {DeadlineStatus::overdue, "overdue"},
                                                              {DeadlineStatus::paused, "paused"},
                                                              {DeadlineStatus::stopped, "stopped"}};
static_assert(support::names_every_value(kStatusNames, DeadlineStatus::stopped));

const char* status_name(DeadlineStatus status) {
    return support::name_of(kStatusNames, status, "open");
}

}  // namespace meldpunt::cases
