#pragma once
// What a report counts of one case (issue 13): the facts of a case reduced to what the reports of
// every seed ask for (000 §Procedure 6, 001 §Procedure 10, 002 §Registratie 3, 003 §Doelen, 004
// art. 2): its kind, channel and unit, its analysis by meaning (cause, nature, verdict ...), how
// each deadline fared, the stages it reached and the one it ended in. A plain value, worked out
// from the case as it stood on a given day.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "domain/case/case.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::report {

enum class DeadlineOutcome {
    on_time,  // met on or before its due day
    late,     // met after its due day
    overdue,  // not met, and its due day has passed
    running,  // not met, and not yet due (or paused)
    stopped,  // the procedure stopped it (the case took another way)
};

struct DeadlineFigure {
    std::string id;
    DeadlineOutcome outcome = DeadlineOutcome::running;
    // Working days from its start to the day it was met (the start day not counted, as the
    // Algemene termijnenwet counts); only for a deadline that was met.
    std::optional<int> working_days;
    // The due day of a deadline not met, not stopped and not paused: from the day after it the
    // deadline is overdue, so that figures kept in the register can be read as of a later day.
    std::optional<calendar::Day> due;
};

// An analysis field of free text is kept as whether something was recorded: its words are no
// categories to count, and they stay in the case.
inline constexpr const char* kNotRecorded = "";
inline constexpr const char* kRecorded = "*";

// Whether a field's values are counted one by one (choices, yes/no), or only as recorded or not.
inline bool counted_by_value(const procedure::Field& field) {
    return field.type == procedure::FieldType::choice || field.type == procedure::FieldType::boolean;
}

struct CaseFigures {
    std::string kind, channel, unit;
    calendar::Day received_on{};
    bool merged = false;          // a duplicate merged into another case: counted apart, nowhere else
    bool closed = false;          // closed by the day of the figures
    bool admissible = true;       // false: a rule declared it inadmissible (lapse, anonymous signal)
    std::string inadmissible_by;  // the rule kind that did
    std::string ended_in;         // the final stage it closed in; empty while open
    std::vector<std::string> stages_reached;  // in the order first reached
    std::vector<std::string> levels_reached;  // the levels of those stages ("bemiddeling" ...), once each
    // meaning (analysis.hpp) → the value recorded; for free text kRecorded or kNotRecorded
    std::map<std::string, std::string> analysis;
    std::vector<DeadlineFigure> deadlines;
};

// `c` as of `as_of`, under `procedure` (the version the case runs under).
CaseFigures figures_of(const procedure::Procedure& procedure, const cases::Case& c,
                       const calendar::WorkingCalendar& calendar, calendar::Day as_of);

// The working days in (from, to]: 0 when `to` is not after `from`.
int working_days_between(const calendar::WorkingCalendar& calendar, calendar::Day from, calendar::Day to);

}  // namespace meldpunt::report
