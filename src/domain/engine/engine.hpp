#pragma once
// The procedure engine: makes a case follow its organisation's procedure.
//
// Everything the engine knows about an organisation comes from the Procedure it is given; it
// holds no state of its own and never reads a clock: the time of every intake and action is part
// of the request. Thread-safety: const methods only; one Engine may serve many threads as long as
// each Case is changed by one thread at a time.
//
// Contract of apply(): either the case is changed as the action prescribes and an Outcome is
// returned, or the case is left exactly as it was and a Refusal says why.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "domain/case/case.hpp"
#include "domain/case/deadline_view.hpp"
#include "domain/case/effect.hpp"
#include "domain/case/refusal.hpp"
#include "domain/case/requests.hpp"
#include "domain/procedure/procedure.hpp"
#include "support/result.hpp"

namespace meldpunt::cases {

template <typename T>
using Result = support::Result<T, Refusal>;

class Engine {
  public:
    // Both must outlive the engine. `procedure` must have passed validation.
    Engine(const procedure::Procedure& procedure, const calendar::WorkingCalendar& calendar);

    Result<Case> intake(const IntakeRequest& request) const;
    Result<Outcome> apply(Case& c, const ActionRequest& request) const;

    // Everything the procedure says must have happened by `today` for the deadlines that still run:
    // reminders before a due day, notices when it passed, escalations when it passed by
    // `escalate_after`; in the order of the day each became due. The same for the same case and
    // day, so that a caller records each by its key once and may review as often as it likes; a
    // caller that was not running for a while catches up with everything since, in order. A
    // deadline met or stopped asks for nothing more.
    std::vector<Effect> review(const Case& c, Day today) const;
    // The first day after `today` on which review() has something new, if any: when to look again.
    std::optional<Day> next_review(const Case& c, Day today) const;
    // The day of the first effect, whether carried out or not: after an intake or action, when the
    // sweep must look at the case (it finds what it recorded before and moves on).
    std::optional<Day> first_review(const Case& c) const;

    std::vector<DeadlineView> deadlines(const Case& c, Day today) const;

    // Adds a document to the dossier (visibility "internal" or "shared") and records it.
    std::optional<Refusal> add_document(Case& c, const Document& document, std::chrono::sys_seconds at,
                                        const Actor& actor) const;

    // Adds a message to the conversation, with its attachments in the dossier, and records it as
    // one event ("message"; fields message, visibility and, when any, the documents' ids).
    std::optional<Refusal> add_message(Case& c, const Message& message, std::chrono::sys_seconds at,
                                       const Actor& actor) const;

    // Corrects the case's details (see Correction) and records one event ("correct", field
    // "changed": the names of the fields that changed, never their values, which the case holds).
    // Refused: an unknown unit; people the case is about who include its handler (the
    // procedure's rules apply as to an action that sets them); nothing that changes.
    std::optional<Refusal> correct(Case& c, const Correction& correction) const;

    // Merges `c`, a duplicate, into case `into` (issue 12, case housekeeping): its running deadlines
    // stop and it is closed (kept as any closed case), it remembers `into`, and from then on every
    // step, document, message and correction on it is refused (invalid_state "merged", with
    // `into`); one event "merge" (field "into"). Refused: `c` closed or merged already, `into`
    // empty or `c` itself. The caller takes the duplicate in on the other case (take_in).
    std::optional<Refusal> merge_into(Case& c, const std::string& into, std::chrono::sys_seconds at,
                                      const Actor& actor) const;
    // Records that duplicate `from` was merged into `c`: one event "merged" (field "from"). Refused:
    // `c` merged itself, or `from` is `c`.
    std::optional<Refusal> take_in(Case& c, const std::string& from, std::chrono::sys_seconds at,
                                   const Actor& actor) const;

    // Records a commitment to the complainant (commitment.hpp) and returns its id: what, who carries
    // it out and its due day are given; its id, the day it was made and its state are the engine's.
    // One event "commitment" (fields commitment, who, due: never what was promised, which the case
    // holds). Refused: the procedure keeps no commitments (`[commitments]`), the case is closed,
    // merged or anonymised, `what` or `who` is empty, the due day is before the day it is made.
    Result<std::string> promise(Case& c, Commitment commitment, std::chrono::sys_seconds at,
                                const Actor& actor) const;
    // Marks an open commitment done or waived; a waiver needs its reason in `note`. Possible on a
    // closed case too: a complainant who withdrew may still be owed what was agreed. One event
    // "commitment_done" or "commitment_waived" (field commitment).
    std::optional<Refusal> settle(Case& c, const std::string& id, CommitmentState outcome, std::string note,
                                  std::chrono::sys_seconds at, const Actor& actor) const;

    // Judges the case urgent or no longer urgent (002 §B), with a note: a running deadline the
    // procedure shortens for urgent cases (`urgent` on [[deadline]]) runs that period from today when
    // it ends sooner so; deadlines started while urgent run it from their start; no longer urgent
    // lengthens nothing. One event "urgency" (fields urgent: yes or no, and the note).
    // Refused: the case closed, merged or anonymised; nothing that changes.
    std::optional<Refusal> set_urgency(Case& c, bool urgent, const std::string& note,
                                       std::chrono::sys_seconds at, const Actor& actor) const;
    // Sends the case on (Forwarding): the person becomes its handler under the procedure's rules, as
    // in an action that sets the handler (003 §Werkwijze 1); the unit becomes its unit. One event
    // "forward" (fields unit, to, note as given). Refused: neither given; an unknown unit; the case
    // closed, merged or anonymised; nothing that changes; a rule.
    std::optional<Refusal> forward(Case& c, const Forwarding& forwarding) const;

    // The actions `actor` may take on `c` now: stage, kind and role allow it, and the case's state
    // (a running deadline to extend, a pause to end) too: the checks apply() makes
    // (check_access, check_state). Its moment, fields and the procedure's rules are checked when
    // it is taken.
    std::vector<std::string> available_actions(const Case& c, const Actor& actor) const;

    const procedure::Procedure& procedure() const { return procedure_; }
    const calendar::WorkingCalendar& calendar() const { return calendar_; }

  private:
    // Every effect the running deadlines and the rules of `c` will ask for, whatever the day.
    std::vector<Effect> effects_of(const Case& c) const;
    // What the stage, the kind and the actor's roles allow; then what the case's state allows.
    std::optional<Refusal> check_access(const Case& c, const procedure::Action& action,
                                        const Actor& actor) const;
    std::optional<Refusal> check_state(const Case& c, const procedure::Action& action) const;
    std::optional<Refusal> check_action(const Case& c, const procedure::Action& action,
                                        const ActionRequest& request) const;
    std::optional<Refusal> check_fields(const Case& c, const procedure::Action& action,
                                        const ActionRequest& request) const;
    std::optional<Refusal> check_rules(const Case& c, const procedure::Action& action,
                                       const ActionRequest& request, Day today) const;
    // The procedure's rules on `handler` becoming the case's handler at `at` by a step that is no
    // action of the procedure (`step`: intake routing, forwarding, a change of kind), as they judge an
    // action that sets the handler (003 §Werkwijze 1).
    std::optional<Refusal> check_handler(const Case& c, const std::string& step, const std::string& handler,
                                         std::chrono::sys_seconds at, const Actor& actor) const;
    void apply_intake_rules(Case& c, Outcome& outcome) const;
    void start_deadlines(Case& c, const std::string& anchor, Day day, Outcome& outcome) const;
    void enter_stage(Case& c, const std::string& stage, Day day, Outcome& outcome) const;
    // A step by staff that would close a case with a commitment still open: refused until each is
    // done or waived (003 §Werkwijze 4). The complainant's own step (a withdrawal, "satisfied") is
    // never held back by what the organisation still owes them.
    std::optional<Refusal> check_commitments(const Case& c, const procedure::Action& action,
                                             const Actor& actor) const;
    void add_commitment_effects(const Case& c, std::vector<Effect>& effects) const;
    // Stops the running deadlines, lifts a pause and closes the case on `day`; the rules' close
    // hooks (retention) follow.
    void close(Case& c, Day day, Outcome& outcome) const;

    const procedure::Procedure& procedure_;
    const calendar::WorkingCalendar& calendar_;
};

}  // namespace meldpunt::cases
