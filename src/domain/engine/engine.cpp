#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"

#include <algorithm>

#include "domain/case/field_value.hpp"
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::cases {

using calendar::Period;
using procedure::Action;

namespace {

// A case merged into another, or anonymised when its retention passed, takes no step at all: a
// merged one is handled in the case it joined, an anonymised one has nothing left to act on.
std::optional<Refusal> refuse_finished(const Case& c, const std::string& step) {
    if (!c.merged_into.empty())
        return Refusal::invalid_state(step, {"merged", c.merged_into});
    if (c.anonymised_on)
        return Refusal::invalid_state(step, {"anonymised"});
    return std::nullopt;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

bool applies_to_kind(const std::vector<std::string>& kinds, const std::string& kind) {
    return kinds.empty() || contains(kinds, kind);
}

// Lifts the case's pause on `day`: every deadline's open pause ends.
void end_pauses(Case& c, Day day) {
    for (auto& state : c.deadlines) {
        if (!state.pauses.empty() && !state.pauses.back().until)
            state.pauses.back().until = day;
    }
    c.paused = false;
}

// The actor's roles, with "handler" if and only if the actor is this case's handler: procedures give
// the assigned handler rights no other employee has (003 §Werkwijze 3: "De afhandelaar doet het
// aanbod"), so the role cannot be claimed, only be given by an assignment. ("complainant" is granted
// by the edge that authenticated the complainant.)
std::vector<std::string> effective_roles(const Case& c, const Actor& actor) {
    std::vector<std::string> roles;
    for (const auto& role : actor.roles) {
        if (role != procedure::kHandlerRole)
            roles.push_back(role);
    }
    if (!c.handler.empty() && actor.id == c.handler)
        roles.push_back(procedure::kHandlerRole);
    return roles;
}

// The period a deadline runs with for this case: shorter while it is urgent, where the procedure says.
calendar::Period period_of(const procedure::Deadline& deadline, const Case& c) {
    return c.urgent && deadline.urgent_period ? *deadline.urgent_period : deadline.period;
}

bool may_take(const Action& action, const std::vector<std::string>& roles) {
    return std::any_of(roles.begin(), roles.end(),
                       [&](const std::string& role) { return contains(action.roles, role); });
}

}  // namespace

Engine::Engine(const procedure::Procedure& procedure, const calendar::WorkingCalendar& calendar)
    : procedure_(procedure), calendar_(calendar) {}

Result<Case> Engine::intake(const IntakeRequest& request) const {
    const procedure::Kind* kind = procedure_.kind(request.kind);
    if (!kind)
        return Refusal::unknown_kind(request.kind);
    if (!kind->channels.empty() && !contains(kind->channels, request.channel))
        return Refusal::channel_not_accepted(request.channel, kind->id);
    const procedure::Unit* unit =
        request.unit.empty() ? procedure_.default_unit() : procedure_.unit(request.unit);
    if (!request.unit.empty() && !unit)
        return Refusal::unknown_unit(request.unit);

    Case c;
    c.reference = request.reference;
    c.procedure_id = procedure_.meta.id;
    c.procedure_version = procedure_.meta.version;
    c.kind = request.kind;
    c.requested_kind = request.kind;
    c.channel = request.channel;
    c.received_at = request.received_at;
    c.received_on = calendar_.local_day(request.received_at);
    c.event_date = request.event_date;
    c.unit = unit ? unit->id : "";
    c.complainant = request.complainant;
    c.representative = request.representative;
    c.about = request.about;
    c.reported_about = request.reported_about;
    c.urgent = request.urgent;
    c.stage = kind->initial_stage;
    Outcome outcome{"", c.stage};
    apply_intake_rules(c, outcome);
    // Another regulation covers it (002 §Toepassingsgebied): recorded, referred, not handled here.
    const procedure::Referral* referral = c.admissible ? procedure_.referral_for(c.unit, c.kind) : nullptr;
    if (referral) {
        c.referred_to = referral->id;
        c.stage = referral->stage;
        if (!referral->letter.empty())
            outcome.letters.push_back(referral->letter);
    }
    outcome.to_stage = c.stage;
    // Routed to whom it is about or a supervisor (002 §A.1), as the rules allow: not a case referred
    // elsewhere or taken in as another kind (an anonymous complaint becomes a signal).
    const procedure::Kind* now_kind = procedure_.kind(c.kind);
    if (!request.handler.empty() && !referral && c.admissible && now_kind && now_kind->routed) {
        if (!check_handler(c, "intake", request.handler, request.received_at, request.registered_by))
            c.handler = request.handler;
    }
    if (c.admissible && !referral)
        start_deadlines(c, "received", c.received_on, outcome);
    if (const auto* stage = procedure_.stage(c.stage); stage && stage->final)
        enter_stage(c, c.stage, c.received_on, outcome);
    for (const auto& letter : outcome.letters)
        c.letters.push_back({letter, "intake", c.received_on});
    c.events.push_back(Event{"intake", request.received_at, request.registered_by.id, "", c.stage, {}});
    if (referral)
        c.events.back().fields.emplace("referral", referral->id);
    return c;
}

// Kind by kind in the registry's order (an anonymous complaint becomes a signal before lapse is
// considered), each kind's rules in file order.
void Engine::apply_intake_rules(Case& c, Outcome& outcome) const {
    for (const auto kind : rules::all_rule_kinds()) {
        const auto& definition = rules::definition_of(kind);
        for (const auto* rule : procedure_.rules_of(kind))
            definition.on_intake(*rule, procedure_, c, outcome.letters);
    }
}

std::optional<Refusal> Engine::check_access(const Case& c, const Action& action, const Actor& actor) const {
    if (auto refused = refuse_finished(c, action.id))
        return refused;
    if (!procedure_.starts_from(action, c.stage) || !applies_to_kind(action.kinds, c.kind))
        return Refusal::not_allowed_in_stage(action.id, c.stage);
    if (!may_take(action, effective_roles(c, actor)))
        return Refusal::not_permitted(action.id);
    return std::nullopt;
}

std::optional<Refusal> Engine::check_state(const Case& c, const Action& action) const {
    for (const auto& id : action.extends) {
        const DeadlineState* state = c.deadline(id);
        if (!state || state->met_on || state->stopped_on)
            return Refusal::invalid_state(action.id, {"deadline_not_running", id});
    }
    if (action.pauses && c.paused)
        return Refusal::invalid_state(action.id, {"already_paused"});
    if (action.resumes && !c.paused)
        return Refusal::invalid_state(action.id, {"not_paused"});
    for (const auto& id : action.recorded_fields) {
        const auto fact = c.facts.find(id);
        if (fact == c.facts.end() || fact->second.empty())
            return Refusal::invalid_state(action.id, {"not_recorded", id});
    }
    return std::nullopt;
}

std::optional<Refusal> Engine::check_action(const Case& c, const Action& action,
                                            const ActionRequest& request) const {
    if (auto refusal = check_access(c, action, request.actor))
        return refusal;
    if (request.at < c.received_at)
        return Refusal::invalid_field("at", "before_receipt");
    // The timeline only moves forward: a back-dated action could undo a pause or meet a deadline
    // retroactively after later events were recorded.
    if (!c.events.empty() && request.at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    if (auto refusal = check_state(c, action))
        return refusal;
    return check_fields(c, action, request);
}

std::optional<Refusal> Engine::check_fields(const Case& c, const Action& action,
                                            const ActionRequest& request) const {
    for (const auto& id : action.requires_fields) {
        auto it = request.fields.find(id);
        if (it == request.fields.end() || it->second.empty())
            return Refusal::missing_field(id);
    }
    for (const auto& [id, value] : request.fields) {
        if (!contains(action.requires_fields, id) && !contains(action.optional_fields, id))
            return Refusal::invalid_field(id, "not_part_of_action");
        const procedure::Field* field = procedure_.field(id);
        if (auto problem = check_field_value(procedure_, *field, value, c))
            return Refusal::invalid_field(id, *problem);
    }
    return std::nullopt;
}

// The procedure's rules in file order; the first that refuses decides.
std::optional<Refusal> Engine::check_rules(const Case& c, const Action& action, const ActionRequest& request,
                                           Day today) const {
    const rules::ActionContext context{procedure_, calendar_, c, action, request, today};
    for (const auto& rule : procedure_.rules) {
        if (auto refusal = rules::definition_of(rule.kind).check_action(rule, context))
            return refusal;
    }
    return std::nullopt;
}

Result<Outcome> Engine::apply(Case& c, const ActionRequest& request) const {
    const Action* action = procedure_.action(request.action);
    if (!action)
        return Refusal::unknown_action(request.action);
    if (auto refusal = check_action(c, *action, request))
        return *refusal;
    const Day today = calendar_.local_day(request.at);
    if (auto refusal = check_rules(c, *action, request, today))
        return *refusal;
    if (auto refusal = check_commitments(c, *action, request.actor))
        return *refusal;

    Outcome outcome{c.stage, c.stage};
    for (const auto& [id, value] : request.fields)
        c.facts[id] = value;
    if (action->sets_handler)
        c.handler = request.fields.at("handler");
    if (action->sets_about)
        c.about = split_list(request.field("about"));  // none given: nobody in particular
    if (!action->becomes_kind.empty()) {
        c.kind = action->becomes_kind;
        // A handler the rules allow for the old kind but not for the new one (dissatisfaction talked
        // over with the employee concerned becomes a complaint, which never goes to them: 002 §A.1b,
        // §Begripsomschrijving 8) lets go: the case waits for whoever assigns it.
        if (!c.handler.empty() && check_handler(c, action->id, c.handler, request.at, request.actor))
            c.handler.clear();
    }
    for (const auto& [id, value] : request.fields) {
        if (procedure_.field(id)->type == procedure::FieldType::unit)
            c.unit = value;
    }
    for (const auto& id : action->meets) {
        DeadlineState* state = c.deadline(id);
        if (state && !state->met_on && !state->stopped_on) {
            state->met_on = today;
            outcome.met.push_back(id);
        }
    }
    for (const auto& id : action->stops) {
        DeadlineState* state = c.deadline(id);
        if (state && !state->met_on && !state->stopped_on) {
            state->stopped_on = today;
            outcome.stopped.push_back(id);
        }
    }
    if (action->pauses) {
        for (auto& state : c.deadlines) {
            if (!state.met_on && !state.stopped_on)
                state.pauses.push_back({today, std::nullopt});
        }
        c.paused = true;
    }
    if (action->resumes)
        end_pauses(c, today);
    if (!action->extends.empty()) {
        const auto given = request.fields.find("period");
        const std::optional<Period> extension =
            given != request.fields.end() ? calendar::parse_period(given->second) : action->extension;
        for (const auto& id : action->extends) {
            if (DeadlineState* state = c.deadline(id); state && extension)
                state->extensions.push_back(*extension);
        }
    }
    outcome.letters = action->letters;
    const rules::ActionContext context{procedure_, calendar_, c, *action, request, today};
    for (const auto& rule : procedure_.rules)
        rules::definition_of(rule.kind).add_letters(rule, context, outcome.letters);
    if (action->to)
        enter_stage(c, *action->to, today, outcome);
    // A closed case starts no deadline, not even one anchored on the action that closed it.
    if (!c.closed_on)
        start_deadlines(c, action->id, today, outcome);
    for (const auto& letter : outcome.letters)
        c.letters.push_back({letter, action->id, today});
    c.events.push_back(
        Event{action->id, request.at, request.actor.id, outcome.from_stage, c.stage, request.fields});
    return outcome;
}

std::optional<Refusal> Engine::check_commitments(const Case& c, const Action& action,
                                                 const Actor& actor) const {
    const procedure::Stage* to = action.to ? procedure_.stage(*action.to) : nullptr;
    if (!to || !to->final || c.closed_on || contains(actor.roles, procedure::kComplainantRole))
        return std::nullopt;
    if (const int open = c.open_commitments(); open > 0)
        return Refusal::invalid_state(action.id, {"open_commitments", std::to_string(open)});
    return std::nullopt;
}

std::optional<Refusal> Engine::check_handler(const Case& c, const std::string& step,
                                             const std::string& handler, std::chrono::sys_seconds at,
                                             const Actor& actor) const {
    Action handing_over;
    handing_over.id = step;
    handing_over.sets_handler = true;
    const ActionRequest request{step, at, actor, {{"handler", handler}}};
    return check_rules(c, handing_over, request, calendar_.local_day(at));
}

void Engine::start_deadlines(Case& c, const std::string& anchor, Day day, Outcome& outcome) const {
    for (const auto& deadline : procedure_.deadlines) {
        if (!contains(deadline.anchors, anchor) || !applies_to_kind(deadline.kinds, c.kind))
            continue;
        DeadlineState fresh{deadline.id, day, period_of(deadline, c)};
        if (DeadlineState* existing = c.deadline(deadline.id)) {
            *existing = fresh;  // a new round (e.g. a new offer after a rejection) restarts the clock
        } else {
            c.deadlines.push_back(fresh);
        }
        if (c.paused)
            c.deadline(deadline.id)->pauses.push_back({day, std::nullopt});
        outcome.started.push_back(deadline.id);
    }
}

void Engine::enter_stage(Case& c, const std::string& stage, Day day, Outcome& outcome) const {
    // Moving to another stage means the case moved on: a pause (waiting for the complainant) ends,
    // otherwise its deadlines could stay on hold in a stage that offers no way to resume.
    if (c.paused && stage != c.stage)
        end_pauses(c, day);
    c.stage = stage;
    outcome.to_stage = stage;
    const procedure::Stage* s = procedure_.stage(stage);
    if (!s || !s->final) {
        c.closed_on.reset();
        c.retain_until.reset();
        return;
    }
    close(c, day, outcome);
}

void Engine::close(Case& c, Day day, Outcome& outcome) const {
    if (c.paused)
        end_pauses(c, day);
    for (auto& state : c.deadlines) {
        if (state.met_on || state.stopped_on)
            continue;
        state.stopped_on = day;
        outcome.stopped.push_back(state.id);
    }
    c.paused = false;
    c.closed_on = day;
    c.retain_until.reset();
    for (const auto& rule : procedure_.rules)
        rules::definition_of(rule.kind).on_close(rule, c, day);
}

std::vector<Effect> Engine::effects_of(const Case& c) const {
    std::vector<Effect> effects;
    for (const auto& state : c.deadlines) {
        const procedure::Deadline* def = procedure_.deadline(state.id);
        if (!def || state.met_on || state.stopped_on)
            continue;
        const auto due =
            calendar::compute_due(calendar_, state.anchor, state.period, state.pauses, state.extensions).due;
        if (!due)
            continue;  // paused: no due day to count from
        const auto add = [&](EffectKind kind, Day on, std::vector<std::string> roles, std::string to) {
            effects.push_back({kind, effect_key(kind, state.id, *due), on, state.id, *due, std::move(roles),
                               std::move(to)});
        };
        if (def->reminder)
            add(EffectKind::reminder, calendar_.working_days_before(*due, def->reminder->before.count),
                def->reminder->roles, "");
        // Staff are told on the first working day after the due day (a deadline of a Friday on
        // Monday morning), as a reminder comes on a working day before it.
        const Day passed = calendar_.working_days_after(*due, 1);
        add(EffectKind::overdue, passed, def->on_overdue.notify, "");
        if (!def->on_overdue.escalate_to.empty()) {
            const auto& after = def->on_overdue.escalate_after;
            const Day on = after ? *calendar::compute_due(calendar_, *due, *after).due : passed;
            add(EffectKind::escalation, std::max(on, passed), {def->on_overdue.escalate_to},
                def->on_overdue.escalate_to);
        }
    }
    for (const auto& rule : procedure_.rules)
        rules::definition_of(rule.kind).on_review(rule, procedure_, c, effects);
    add_commitment_effects(c, effects);
    std::stable_sort(effects.begin(), effects.end(),
                     [](const Effect& a, const Effect& b) { return a.on < b.on; });
    return effects;
}

// Whoever carries an open commitment out is reminded `remind_before` working days before its day
// (unless that day was before it was made) and told on the first working day after it, with the handler
// and the policy's roles; an anonymised or merged case owes nothing more.
void Engine::add_commitment_effects(const Case& c, std::vector<Effect>& effects) const {
    if (!procedure_.commitments || refuse_finished(c, "commitment"))
        return;
    const procedure::CommitmentPolicy& policy = *procedure_.commitments;
    for (const auto& m : c.commitments) {
        if (m.state != CommitmentState::open)
            continue;
        if (policy.remind_before) {
            const Day on = calendar_.working_days_before(m.due, policy.remind_before->count);
            if (on >= m.made_on)
                effects.push_back({EffectKind::commitment_reminder,
                                   effect_key(EffectKind::commitment_reminder, m.id, m.due),
                                   on,
                                   m.id,
                                   m.due,
                                   {},
                                   "",
                                   {m.who}});
        }
        std::vector<std::string> roles{procedure::kHandlerRole};
        roles.insert(roles.end(), policy.escalate_to.begin(), policy.escalate_to.end());
        effects.push_back({EffectKind::commitment_overdue,
                           effect_key(EffectKind::commitment_overdue, m.id, m.due),
                           calendar_.working_days_after(m.due, 1),
                           m.id,
                           m.due,
                           std::move(roles),
                           "",
                           {m.who}});
    }
}

std::vector<Effect> Engine::review(const Case& c, Day today) const {
    std::vector<Effect> due;
    for (auto& effect : effects_of(c))
        if (effect.on <= today)
            due.push_back(std::move(effect));
    return due;
}

std::optional<Day> Engine::first_review(const Case& c) const {
    const auto effects = effects_of(c);
    if (effects.empty())
        return std::nullopt;
    return effects.front().on;  // in day order
}

std::optional<Day> Engine::next_review(const Case& c, Day today) const {
    std::optional<Day> next;
    for (const auto& effect : effects_of(c))
        if (effect.on > today && (!next || effect.on < *next))
            next = effect.on;
    return next;
}

std::vector<DeadlineView> Engine::deadlines(const Case& c, Day today) const {
    std::vector<DeadlineView> views;
    for (const auto& state : c.deadlines)
        views.push_back(view_deadline(state, calendar_, today));
    return views;
}

std::optional<Refusal> Engine::add_document(Case& c, const Document& document, std::chrono::sys_seconds at,
                                            const Actor& actor) const {
    if (document.visibility != "internal" && document.visibility != "shared")
        return Refusal::invalid_field("visibility", "not_an_option");
    if (document.id.empty() || c.document(document.id))
        return Refusal::invalid_field("document", "duplicate_document");
    if (auto refused = refuse_finished(c, "document"))
        return refused;
    c.documents.push_back(document);
    c.events.push_back(Event{"document",
                             at,
                             actor.id,
                             c.stage,
                             c.stage,
                             {{"document", document.id}, {"visibility", document.visibility}}});
    return std::nullopt;
}

std::optional<Refusal> Engine::add_message(Case& c, const Message& message, std::chrono::sys_seconds at,
                                           const Actor& actor) const {
    const auto visible = [](const std::string& v) { return v == "internal" || v == "shared"; };
    if (!visible(message.visibility))
        return Refusal::invalid_field("visibility", "not_an_option");
    if (message.id.empty() || c.message_event(message.id))
        return Refusal::invalid_field("message", "duplicate_message");
    if (auto refused = refuse_finished(c, "message"))
        return refused;
    std::string ids;
    for (const auto& document : message.attachments) {
        if (!visible(document.visibility))
            return Refusal::invalid_field("visibility", "not_an_option");
        const bool seen_before = std::count_if(message.attachments.begin(), message.attachments.end(),
                                               [&](const Document& d) { return d.id == document.id; }) > 1;
        if (document.id.empty() || c.document(document.id) || seen_before)
            return Refusal::invalid_field("document", "duplicate_document");
        ids += (ids.empty() ? "" : ",") + document.id;
    }
    for (const auto& document : message.attachments)
        c.documents.push_back(document);
    Event event{"message", at,      actor.id,
                c.stage,   c.stage, {{"message", message.id}, {"visibility", message.visibility}}};
    if (!ids.empty())
        event.fields.emplace("documents", ids);
    c.events.push_back(std::move(event));
    return std::nullopt;
}

std::optional<Refusal> Engine::correct(Case& c, const Correction& correction) const {
    if (auto refused = refuse_finished(c, "correct"))
        return refused;
    if (correction.unit && !correction.unit->empty() && !procedure_.unit(*correction.unit))
        return Refusal::unknown_unit(*correction.unit);
    if (!c.events.empty() && correction.at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    std::vector<std::string> changed;
    const auto note = [&](const char* name, const std::optional<std::string>& given, const std::string* now) {
        if (given && (!now || *given != *now))
            changed.push_back(name);
    };
    note("subject", correction.subject, nullptr);
    note("description", correction.description, nullptr);
    note("name", correction.name, &c.complainant.name);
    note("email", correction.email, &c.complainant.email);
    note("phone", correction.phone, &c.complainant.phone);
    note("address", correction.address, &c.complainant.address);
    note("reported_about", correction.reported_about, &c.reported_about);
    note("unit", correction.unit, &c.unit);
    const auto as_set = [](std::vector<std::string> people) {
        std::sort(people.begin(), people.end());
        people.erase(std::unique(people.begin(), people.end()), people.end());
        return people;
    };
    if (correction.about && as_set(*correction.about) != as_set(c.about)) {
        // As an action that sets the people the case is about: the rules decide (003 §Werkwijze 1).
        Action setting_about;
        setting_about.id = "correct";
        setting_about.sets_about = true;
        std::string people;
        for (const auto& person : *correction.about)
            people += (people.empty() ? "" : ",") + person;
        const ActionRequest request{"correct", correction.at, correction.actor, {{"about", people}}};
        if (auto refusal = check_rules(c, setting_about, request, calendar_.local_day(correction.at)))
            return refusal;
        changed.push_back("about");
    }
    if (changed.empty())
        return Refusal::invalid_field("correction", "nothing_changed");
    c.complainant.name = correction.name.value_or(c.complainant.name);
    c.complainant.email = correction.email.value_or(c.complainant.email);
    c.complainant.phone = correction.phone.value_or(c.complainant.phone);
    c.complainant.address = correction.address.value_or(c.complainant.address);
    c.reported_about = correction.reported_about.value_or(c.reported_about);
    c.unit = correction.unit.value_or(c.unit);
    if (correction.about && as_set(*correction.about) != as_set(c.about))
        c.about = as_set(*correction.about);
    std::string names;
    for (const auto& name : changed)
        names += (names.empty() ? "" : ",") + name;
    c.events.push_back(
        Event{"correct", correction.at, correction.actor.id, c.stage, c.stage, {{"changed", names}}});
    return std::nullopt;
}

std::optional<Refusal> Engine::merge_into(Case& c, const std::string& into, std::chrono::sys_seconds at,
                                          const Actor& actor) const {
    if (auto refused = refuse_finished(c, "merge"))
        return refused;
    if (c.closed_on)
        return Refusal::invalid_state("merge", {"closed"});
    if (const int open = c.open_commitments(); open > 0)
        return Refusal::invalid_state("merge", {"open_commitments", std::to_string(open)});
    if (into.empty() || into == c.reference)
        return Refusal::invalid_field("into", "same_case");
    if (!c.events.empty() && at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    Outcome ignored;
    close(c, calendar_.local_day(at), ignored);
    c.merged_into = into;
    c.events.push_back(Event{"merge", at, actor.id, c.stage, c.stage, {{"into", into}}});
    return std::nullopt;
}

std::optional<Refusal> Engine::take_in(Case& c, const std::string& from, std::chrono::sys_seconds at,
                                       const Actor& actor) const {
    if (auto refused = refuse_finished(c, "merge"))
        return refused;
    if (from.empty() || from == c.reference)
        return Refusal::invalid_field("into", "same_case");
    if (!c.events.empty() && at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    c.events.push_back(Event{"merged", at, actor.id, c.stage, c.stage, {{"from", from}}});
    return std::nullopt;
}

std::optional<Refusal> Engine::set_urgency(Case& c, bool urgent, const std::string& note,
                                           std::chrono::sys_seconds at, const Actor& actor) const {
    if (auto refused = refuse_finished(c, "urgency"))
        return refused;
    if (c.closed_on)
        return Refusal::invalid_state("urgency", {"closed"});
    if (c.urgent == urgent)
        return Refusal::invalid_field("urgent", "nothing_changed");
    if (!c.events.empty() && at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    c.urgent = urgent;
    // Judged urgent now: a running deadline the procedure shortens runs its urgent period from today
    // when that ends sooner (never from the day it started, which could make it overdue at once).
    // Judged no longer urgent: what was promised stands; nothing is lengthened again.
    const Day today = calendar_.local_day(at);
    for (auto& state : c.deadlines) {
        const procedure::Deadline* def = procedure_.deadline(state.id);
        if (!urgent || !def || !def->urgent_period || state.met_on || state.stopped_on)
            continue;
        const auto now_due =
            calendar::compute_due(calendar_, state.anchor, state.period, state.pauses, state.extensions).due;
        const auto urgent_due = calendar::compute_due(calendar_, today, *def->urgent_period).due;
        if (now_due && urgent_due && *urgent_due < *now_due)  // paused: no due day, left as it is
            state = DeadlineState{state.id, today, *def->urgent_period};
    }
    Event event{"urgency", at, actor.id, c.stage, c.stage, {{"urgent", urgent ? "yes" : "no"}}};
    if (!note.empty())
        event.fields.emplace("note", note);
    c.events.push_back(std::move(event));
    return std::nullopt;
}

std::optional<Refusal> Engine::forward(Case& c, const Forwarding& f) const {
    if (auto refused = refuse_finished(c, "forward"))
        return refused;
    if (c.closed_on)
        return Refusal::invalid_state("forward", {"closed"});
    if (f.unit.empty() && f.person.empty())
        return Refusal::missing_field("to");
    if (!f.unit.empty() && !procedure_.unit(f.unit))
        return Refusal::unknown_unit(f.unit);
    if ((f.unit.empty() || f.unit == c.unit) && (f.person.empty() || f.person == c.handler))
        return Refusal::invalid_field("to", "nothing_changed");
    if (!c.events.empty() && f.at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    if (!f.person.empty()) {
        // As an action that sets the handler: the rules decide (003 §Werkwijze 1).
        if (auto refusal = check_handler(c, "forward", f.person, f.at, f.actor))
            return refusal;
        c.handler = f.person;
    }
    if (!f.unit.empty())
        c.unit = f.unit;
    Event event{"forward", f.at, f.actor.id, c.stage, c.stage, {}};
    if (!f.unit.empty())
        event.fields.emplace("unit", f.unit);
    if (!f.person.empty())
        event.fields.emplace("to", f.person);
    if (!f.note.empty())
        event.fields.emplace("note", f.note);
    c.events.push_back(std::move(event));
    return std::nullopt;
}

Result<std::string> Engine::promise(Case& c, Commitment commitment, std::chrono::sys_seconds at,
                                    const Actor& actor) const {
    if (auto refused = refuse_finished(c, "commitment"))
        return *refused;
    if (!procedure_.commitments)
        return Refusal::invalid_state("commitment", {"no_commitments"});
    if (c.closed_on)
        return Refusal::invalid_state("commitment", {"closed"});
    if (commitment.what.find_first_not_of(" \t\r\n") == std::string::npos)
        return Refusal::missing_field("what");
    if (commitment.who.empty())
        return Refusal::missing_field("who");
    if (!c.events.empty() && at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    const Day today = calendar_.local_day(at);
    if (commitment.due < today)
        return Refusal::invalid_field("due", "in_the_past");
    commitment.id = std::to_string(c.commitments.size() + 1);
    commitment.made_on = today;
    commitment.state = CommitmentState::open;
    commitment.settled_on.reset();
    commitment.note.clear();
    c.events.push_back(Event{"commitment",
                             at,
                             actor.id,
                             c.stage,
                             c.stage,
                             {{"commitment", commitment.id},
                              {"who", commitment.who},
                              {"due", calendar::format_day(commitment.due)}}});
    c.commitments.push_back(std::move(commitment));
    return c.commitments.back().id;
}

std::optional<Refusal> Engine::settle(Case& c, const std::string& id, CommitmentState outcome,
                                      std::string note, std::chrono::sys_seconds at,
                                      const Actor& actor) const {
    if (auto refused = refuse_finished(c, "commitment"))
        return refused;
    Commitment* m = c.commitment(id);
    if (!m)
        return Refusal::invalid_field("commitment", "unknown_commitment");
    if (m->state != CommitmentState::open)
        return Refusal::invalid_state("commitment", {"commitment_settled", id});
    if (outcome == CommitmentState::open)
        return Refusal::invalid_field("outcome", "not_an_option");
    if (outcome == CommitmentState::waived && note.find_first_not_of(" \t\r\n") == std::string::npos)
        return Refusal::missing_field("reason");
    if (!c.events.empty() && at < c.events.back().at)
        return Refusal::invalid_field("at", "before_last_event");
    m->state = outcome;
    m->settled_on = calendar_.local_day(at);
    m->note = std::move(note);
    c.events.push_back(Event{std::string("commitment_") + commitment_state_name(outcome),
                             at,
                             actor.id,
                             c.stage,
                             c.stage,
                             {{"commitment", id}}});
    return std::nullopt;
}

std::vector<std::string> Engine::available_actions(const Case& c, const Actor& actor) const {
    std::vector<std::string> ids;
    for (const auto& action : procedure_.actions)
        if (!check_access(c, action, actor) && !check_state(c, action))
            ids.push_back(action.id);
    return ids;
}

}  // namespace meldpunt::cases
