#include "domain/measure/measure.hpp"

#include <algorithm>

#include "support/enum_names.hpp"

namespace meldpunt::measure {

namespace {

constexpr support::EnumName<Status> kStatusNames[] = {{Status::proposed, "proposed"},
                                                      {Status::decided, "decided"},
                                                      {Status::in_progress, "in_progress"},
                                                      {Status::done, "done"},
                                                      {Status::not_done, "not_done"}};
static_assert(support::names_every_value(kStatusNames, Status::not_done));

constexpr support::EnumName<Step> kStepNames[] = {
    {Step::decide, "decide"}, {Step::start, "start"}, {Step::complete, "complete"}, {Step::drop, "drop"}};
static_assert(support::names_every_value(kStepNames, Step::drop));

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const support::EnumName<Enum> (&names)[N], std::string_view name) {
    for (const auto& entry : names)
        if (name == entry.name)
            return entry.value;
    return std::nullopt;
}

bool holds_any(const Actor& actor, const std::vector<std::string>& roles) {
    return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const std::string& role) {
        return std::find(roles.begin(), roles.end(), role) != roles.end();
    });
}

bool across_units(const Draft& draft) {
    return draft.unit.empty();
}

// The statuses each step leaves, and where it goes.
struct Transition {
    Step step;
    std::vector<Status> from;
    Status to;
    const char* event;
};
const Transition kTransitions[] = {
    {Step::decide, {Status::proposed}, Status::decided, "decided"},
    {Step::start, {Status::decided}, Status::in_progress, "started"},
    {Step::complete, {Status::decided, Status::in_progress}, Status::done, "done"},
    {Step::drop, {Status::proposed, Status::decided, Status::in_progress}, Status::not_done, "not_done"},
};

const Transition& transition_of(Step step) {
    return kTransitions[static_cast<size_t>(step)];
}

bool is_owner(const Actor& actor, const Measure& m) {
    return !actor.id.empty() && actor.id == m.draft.owner;
}

// Whether `actor` may take `step` on `m`, whatever its status.
bool permitted(const procedure::MeasurePolicy& policy, const Actor& actor, Step step, const Measure& m) {
    const bool decider = may_decide(policy, actor, m);
    if (step == Step::start || step == Step::complete)
        return decider || is_owner(actor, m);
    return decider;
}

bool leaves(Step step, Status status) {
    const auto& from = transition_of(step).from;
    return std::find(from.begin(), from.end(), status) != from.end();
}

std::optional<MeasureRefusal> check_draft(const Draft& draft) {
    if (draft.title.empty())
        return MeasureRefusal{"missing_title", "title"};
    return std::nullopt;
}

}  // namespace

const char* status_name(Status status) {
    return support::name_of(kStatusNames, status, "proposed");
}
std::optional<Status> parse_status(std::string_view name) {
    return parse_name(kStatusNames, name);
}
bool is_open(Status status) {
    return status != Status::done && status != Status::not_done;
}

const char* step_name(Step step) {
    return support::name_of(kStepNames, step, "decide");
}
std::optional<Step> parse_step(std::string_view name) {
    return parse_name(kStepNames, name);
}

bool may_propose(const procedure::MeasurePolicy& policy, const Actor& actor) {
    return holds_any(actor, policy.propose) || holds_any(actor, policy.decide) ||
           holds_any(actor, policy.decide_across_units);
}

bool may_read(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m) {
    const bool proposer = !actor.id.empty() && actor.id == m.proposal().by;
    return is_owner(actor, m) || proposer || holds_any(actor, policy.deciders(across_units(m.draft))) ||
           holds_any(actor, policy.escalate_to);
}

bool may_decide(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m) {
    return holds_any(actor, policy.deciders(across_units(m.draft)));
}

bool may_edit(const procedure::MeasurePolicy& policy, const Actor& actor, const Measure& m) {
    if (!is_open(m.status))
        return false;
    const bool proposer = !actor.id.empty() && actor.id == m.proposal().by;
    return may_decide(policy, actor, m) || (m.status == Status::proposed && proposer);
}

std::vector<Step> steps_open_to(const procedure::MeasurePolicy& policy, const Actor& actor,
                                const Measure& m) {
    std::vector<Step> out;
    for (const auto& t : kTransitions)
        if (leaves(t.step, m.status) && permitted(policy, actor, t.step, m))
            out.push_back(t.step);
    return out;
}

std::optional<MeasureRefusal> propose(const procedure::MeasurePolicy& policy, const Actor& actor, Draft draft,
                                      int64_t at, Measure& out) {
    if (!may_propose(policy, actor))
        return MeasureRefusal{"measure_not_permitted", "propose"};
    if (auto refused = check_draft(draft))
        return refused;
    out = Measure{};
    out.draft = std::move(draft);
    out.history.push_back({at, actor.id, "proposed", ""});
    return std::nullopt;
}

std::optional<MeasureRefusal> edit(const procedure::MeasurePolicy& policy, const Actor& actor,
                                   const Actor& in_new_unit, Draft draft, int64_t at, Measure& m) {
    if (!is_open(m.status))
        return MeasureRefusal{"measure_not_in_status", "edit"};
    if (!may_edit(policy, actor, m))
        return MeasureRefusal{"measure_not_permitted", "edit"};
    if (auto refused = check_draft(draft))
        return refused;
    if (draft.unit != m.draft.unit) {
        Measure moved = m;
        moved.draft = draft;
        const bool allowed = m.status == Status::proposed
                                 ? may_propose(policy, in_new_unit) || may_decide(policy, in_new_unit, moved)
                                 : may_decide(policy, in_new_unit, moved);
        if (!allowed)
            return MeasureRefusal{"measure_not_permitted", "unit"};
    }
    if (m.status != Status::proposed && draft.owner.empty())
        return MeasureRefusal{"missing_owner", "owner"};
    if (m.status != Status::proposed && !draft.due)
        return MeasureRefusal{"missing_due", "due"};
    m.draft = std::move(draft);
    m.history.push_back({at, actor.id, "edited", ""});
    return std::nullopt;
}

std::optional<MeasureRefusal> take_step(const procedure::MeasurePolicy& policy, const Actor& actor, Step step,
                                        const std::string& note, int64_t at, Measure& m) {
    const Transition& t = transition_of(step);
    if (!permitted(policy, actor, step, m))
        return MeasureRefusal{"measure_not_permitted", step_name(step)};
    if (!leaves(step, m.status))
        return MeasureRefusal{"measure_not_in_status", step_name(step)};
    if (step == Step::decide && m.draft.owner.empty())
        return MeasureRefusal{"missing_owner", "owner"};
    if (step == Step::decide && !m.draft.due)
        return MeasureRefusal{"missing_due", "due"};
    if (step == Step::complete && note.empty())
        return MeasureRefusal{"missing_evidence", "note"};
    if (step == Step::drop && note.empty())
        return MeasureRefusal{"missing_reason", "note"};
    m.status = t.to;
    if (step == Step::decide) {
        m.decided_by = actor.id;
        m.decided_at = at;
    }
    if (!is_open(m.status)) {
        m.outcome = note;
        m.closed_at = at;
    }
    m.history.push_back({at, actor.id, t.event, note});
    return std::nullopt;
}

std::vector<Alert> alerts_of(const procedure::MeasurePolicy& policy,
                             const calendar::WorkingCalendar& calendar, const Measure& m) {
    std::vector<Alert> out;
    if ((m.status != Status::decided && m.status != Status::in_progress) || !m.draft.due)
        return out;
    const calendar::Day due = *m.draft.due;
    const std::string day = calendar::format_day(due);
    if (policy.remind_before)
        out.push_back({Alert::Kind::reminder, calendar.working_days_before(due, policy.remind_before->count),
                       "reminder:" + day});
    out.push_back({Alert::Kind::overdue, calendar.working_days_after(due, 1), "overdue:" + day});
    return out;
}

std::optional<calendar::Day> next_alert_after(const procedure::MeasurePolicy& policy,
                                              const calendar::WorkingCalendar& calendar, const Measure& m,
                                              calendar::Day today) {
    for (const auto& alert : alerts_of(policy, calendar, m))
        if (alert.on > today)
            return alert.on;
    return std::nullopt;
}

bool is_overdue(const Measure& m, calendar::Day today) {
    return (m.status == Status::decided || m.status == Status::in_progress) && m.draft.due &&
           *m.draft.due < today;
}

}  // namespace meldpunt::measure
