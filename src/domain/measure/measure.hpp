#pragma once
// An improvement measure taken in response to complaints (issue 13): what is to change and why,
// the cases and causes that led to it, its owner and the day it is due, and how far it got:
// proposed, decided, in progress, done (with the evidence) or not done (with the reason).
//
// The seeds give the steps and who takes them: a proposal comes from those who analyse the
// complaints (001 §Taken 6: the complaints officer's recommendations); a decision from those the
// procedure names (001 §Procedure 10: the owners; 002 §Registratie 4: a unit's manager, or the
// director for what crosses units); the owner carries it out and shows it done. Which roles these
// are is the procedure's `[measures]` (procedure::MeasurePolicy). Pure: times are given.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::measure {

enum class Status { proposed, decided, in_progress, done, not_done };
const char* status_name(Status status);
std::optional<Status> parse_status(std::string_view name);
// Proposed, decided or in progress: not yet done or given up.
bool is_open(Status status);

// What a person did to a measure, for its history.
struct Event {
    int64_t at = 0;
    std::string by;    // account id
    std::string what;  // proposed | edited | decided | started | done | not_done
    std::string note;  // the evidence, the reason, or empty
};

// What a measure says, as its proposer writes it and a decider may correct it.
struct Draft {
    std::string title;                // what is to change
    std::string reason;               // why
    std::vector<std::string> cases;   // references of the cases that led to it
    std::vector<std::string> causes;  // values of the procedure's cause field
    std::string unit;                 // the unit it is about; empty: across units
    std::string owner;                // account id of the person who carries it out
    std::optional<calendar::Day> due;
};

struct Measure {
    int64_t number = 0;  // per organisation, from 1
    Draft draft;
    Status status = Status::proposed;
    std::string decided_by;
    std::optional<int64_t> decided_at;
    std::string outcome;  // done: the evidence; not done: the reason
    std::optional<int64_t> closed_at;
    std::vector<Event> history;  // oldest first; the first is the proposal

    const Event& proposal() const { return history.front(); }
};

// The person acting, with their roles that apply to the measure's unit (for a measure across
// units: the roles granted for the whole organisation).
struct Actor {
    std::string id;
    std::vector<std::string> roles;
};

enum class Step { decide, start, complete, drop };
const char* step_name(Step step);
std::optional<Step> parse_step(std::string_view name);

// Why a change is refused: `code` names it for the edge (measure_not_permitted: 403;
// measure_not_in_status: 409; the others: 422, missing_owner, missing_due, missing_title,
// missing_evidence, missing_reason).
struct MeasureRefusal {
    std::string code;
    std::string subject;  // the step or field it is about
};

// May `actor` propose a measure about `unit` ("" for across units)? Those the procedure lets
// propose, and those who decide on such a measure.
bool may_propose(const procedure::MeasurePolicy& policy, const Actor& actor);
// May `actor` read measure `m`: those who decide on it or are told when it is overdue (for its
// unit), its owner and its proposer. (Those who see every case read every measure: the service's
// to add.) A role that may only propose reads its own proposals, not the register.
bool may_read(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m);
// May `actor` decide on (and so correct, give up) measure `m`?
bool may_decide(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m);
// May `actor` correct what `m` says: a decider while it is open, its proposer while proposed.
bool may_edit(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m);
// The steps `actor` may take on `m` now: decide and drop for deciders, start and complete for
// its owner and deciders, each from the statuses it leaves.
std::vector<Step> steps_open_to(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m);

// A new measure, proposed by `actor` at `at` (its number is the register's to give); a refusal
// when they may not or the title is empty.
std::optional<MeasureRefusal> propose(const procedure::MeasurePolicy& policy, const Actor& actor, Draft draft,
                                      int64_t at, Measure& out);
// Replaces what `m` says with `draft` (audited by the caller). `in_new_unit` is the same person with
// their roles for the draft's unit: moving a measure to another unit takes a role there (to
// propose, for a proposal; to decide, after that). A measure decided keeps an owner and a due day.
std::optional<MeasureRefusal> edit(const procedure::MeasurePolicy& policy, const Actor& actor,
                                   const Actor& in_new_unit, Draft draft, int64_t at, Measure& m);
// Takes `step` on `m`: deciding needs an owner and a due day; completing, the evidence in `note`;
// giving up, the reason in `note`.
std::optional<MeasureRefusal> take_step(const procedure::MeasurePolicy& policy, const Actor& actor, Step step,
                                        const std::string& note, int64_t at, Measure& m);

// A notice the register owes about a measure: its owner reminded before the due day, and on the
// first working day after it, the owner and the procedure's `escalate_to` told it is overdue.
struct Alert {
    enum class Kind { reminder, overdue } kind;
    calendar::Day on;
    std::string key;  // stable per kind and due day ("overdue:2027-03-01"): sent once
};
// The alerts of `m` while it is decided or in progress and has a due day, in the order they fall.
std::vector<Alert> alerts_of(const procedure::MeasurePolicy& policy,
                             const calendar::WorkingCalendar& calendar, const Measure& m);
// The first day after `today` on which an alert of `m` falls, or none.
std::optional<calendar::Day> next_alert_after(const procedure::MeasurePolicy& policy,
                                              const calendar::WorkingCalendar& calendar, const Measure& m,
                                              calendar::Day today);
// Decided or in progress, and past its due day.
bool is_overdue(const Measure& m, calendar::Day today);

}  // namespace meldpunt::measure
