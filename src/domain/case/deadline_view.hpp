#pragma once
// A deadline as someone looks at it on a given day: its due day with the explanation, and its
// status (open | met | overdue | paused | stopped).
#include <string>
#include <vector>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "domain/case/case.hpp"

namespace meldpunt::cases {

struct DeadlineView {
    std::string id;
    DeadlineStatus status;
    calendar::DueDate due;  // due.due is nullopt while paused
    bool late = false;      // met, but after the due day
};

DeadlineView view_deadline(const DeadlineState& state, const calendar::WorkingCalendar& calendar, Day today);

const char* status_name(DeadlineStatus status);

}  // namespace meldpunt::cases
