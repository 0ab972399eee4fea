#pragma once
// What one kind of rule is: the parameters it takes from the procedure file, the checks it adds
// to the validator, and the hooks the engine calls. Each kind has one file in this folder
// (handler_not_subject.cpp, lapse.cpp, ...); registry.cpp maps every RuleKind to its definition.
//
// Hooks are called only for procedures that passed validation, so a hook may rely on the
// parameters its kind needs being present and naming things that exist.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "domain/case/case.hpp"
#include "domain/case/effect.hpp"
#include "domain/case/refusal.hpp"
#include "domain/case/requests.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::rules {

// The parameters of a [[rule]] besides its kind, text and source.
enum class Parameter { period, stage, action, field, equals, letter, kind_to, kinds };

// Something the validator reports at the rule's line: a catalogue key below "diagnostic." with its
// arguments.
struct Problem {
    std::string code;
    std::vector<std::string> args;
};

// What a rule sees of an action that is about to be taken (after the engine's own checks of
// stage, role, state and fields passed).
struct ActionContext {
    const procedure::Procedure& procedure;
    const calendar::WorkingCalendar& calendar;
    const cases::Case& c;
    const procedure::Action& action;
    const cases::ActionRequest& request;
    calendar::Day today;  // the action's day in the procedure's time zone
};

// A kind's file defines one `struct Kind final : RuleDefinition`, whose constructor passes the
// summary and the parameters, and overrides the hooks the kind uses.
class RuleDefinition {
  public:
    using Check = std::optional<cases::Refusal>;

    // `summary`: English, for documentation and diagnostics. `needs`: the parameters a rule of this
    // kind must have, in the order a missing one is reported.
    RuleDefinition(const char* summary, std::vector<Parameter> needs = {})
        : summary_(summary), needs_(std::move(needs)) {}
    virtual ~RuleDefinition() = default;
    RuleDefinition(const RuleDefinition&) = delete;
    RuleDefinition& operator=(const RuleDefinition&) = delete;

    const char* summary() const { return summary_; }
    const std::vector<Parameter>& needs() const { return needs_; }
    // Checks beyond the needed parameters (a parameter of the wrong type, a missing letter ...).
    virtual void validate(const procedure::Rule&, const procedure::Procedure&, std::vector<Problem>&) const {}

    // At intake, once the case is built and before its deadlines start: the rule may change the
    // case's kind, stage and admissibility, and add letters to `letters`.
    virtual void on_intake(const procedure::Rule&, const procedure::Procedure&, cases::Case&,
                           std::vector<std::string>& /*letters*/) const {}
    // Before an action changes the case: a refusal stops it.
    virtual Check check_action(const procedure::Rule&, const ActionContext&) const { return std::nullopt; }
    // Letters the rule adds to those the action sends.
    virtual void add_letters(const procedure::Rule&, const ActionContext&, std::vector<std::string>&) const {}
    // When the case enters a final stage on `day`.
    virtual void on_close(const procedure::Rule&, cases::Case&, calendar::Day /*day*/) const {}
    // What the rule will ask for on a review, whatever the day (each effect with the day it becomes
    // due), added to `effects`.
    virtual void on_review(const procedure::Rule&, const procedure::Procedure&, const cases::Case&,
                           std::vector<cases::Effect>& /*effects*/) const {}

  private:
    const char* summary_;
    std::vector<Parameter> needs_;
};

const RuleDefinition& definition_of(RuleKind kind);

// Defines `<id>_rule()`, through which registry.cpp finds kind `id`'s definition: one `Class`.
#define MELDPUNT_RULE_DEFINITION(id, Class) \
    const RuleDefinition& id##_rule() {     \
        static const Class definition;      \
        return definition;                  \
    }

// Whether `rule` applies to cases of `kind` (a rule without `kinds` applies to every kind).
bool applies_to_kind(const procedure::Rule& rule, const std::string& kind);

const char* parameter_name(Parameter parameter);

}  // namespace meldpunt::rules
