#pragma once
// A complaint procedure as data: everything an organisation's regulation says, read from its
// procedure file (see docs/procedure-language.md). Nothing about any one organisation is in code.
//
// Invariants after a successful validate_procedure() (procedure_file/validator.hpp):
// - every id referenced (stage, role, kind, field, action, deadline, letter) is defined, ids are unique;
// - every stage is reachable from a kind's initial stage and every non-final stage has a way out;
// - every deadline's anchor is "received" or an action that can happen, and something meets or stops it;
// - every letter has a template that contains each placeholder it must contain;
// - every rule is a known rule kind with the parameters it needs.
// The engine relies on these; it never re-checks them.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar/holidays.hpp"
#include "domain/calendar/period.hpp"
#include "domain/procedure/rule_kind.hpp"

namespace meldpunt::procedure {

// Where a definition came from in the procedure file, for error messages (file:line).
struct Origin {
    int line = 0;
};

struct Metadata {
    std::string id;            // e.g. "focus"
    std::string name;          // e.g. "Klachtenreglement Focus"
    std::string organisation;  // e.g. "Focus"
    std::string source;        // the published text it encodes, e.g. "003_83c7beabf172ad4a.txt"
    int version = 1;
    std::string introduction;  // purpose, in the organisation's words
    // The letters' letterhead below the organisation's name (address, phone, e-mail, web), and
    // the place they are dated from ("Utrecht, 2 maart 2027"); both may be empty.
    std::vector<std::string> letterhead;
    std::string place;
    // Whether the people a case is about (`about`) see it, with the documents both parties may see:
    // the procedure's choice (002 §Interne klachtenafhandeling treats the employee as a party who
    // sees the shared documents; 003 is silent, so Focus keeps it from them).
    bool subjects_see_case = false;
};

struct CalendarSettings {
    std::string timezone = "Europe/Amsterdam";
    calendar::HolidayPolicy holidays;
};

struct Kind {
    std::string id;  // complaint | question | dissatisfaction | signal | deviation | improvement ...
    std::string name;
    std::string description;
    std::string initial_stage;
    std::vector<std::string> channels;  // empty: every channel (001 §2: formal complaints via the website)
    // Whether complainants may file it themselves on the public form (`public`), and whether the
    // form starts with it chosen (`public_default`). Internal kinds (004's deviations and
    // improvement options, 002's signal) are registered by staff only.
    bool open_to_public = false;
    bool public_default = false;
    // The kind a new e-mail becomes (`mail_default`; issue 14). Without one, the public form's
    // first choice when it accepts e-mail (Procedure::mail_kind).
    bool mail_default = false;
    // Goes at intake to whom it is about, or to the supervisor of a volunteer or intern (`routed`;
    // engine/intake_routing.hpp, 002 §A.1).
    bool routed = false;
    std::string source;
    Origin origin;
};

struct SubOrganisation {
    std::string id;
    std::string name;
    std::string note;
    Origin origin;
};

struct Unit {
    std::string id;
    std::string name;
    bool is_default = false;
    std::string sub_organisation;  // empty: the organisation itself
    Origin origin;
};

// Which cases a person in a role may see (confidentiality, 004 §Artikel 5 "altijd vertrouwelijk"):
// all of the organisation's, those of their own unit, only their own (those they handle or
// registered), or their own and those that ever reached one of the stages `reached` (002 §Externe
// klachtafhandeling: the Klachtencommissie sees the complaints put before it, and no others).
enum class Visibility { all, unit, own, reached };

struct Role {
    std::string id;
    std::string name;
    std::string description;
    Visibility sees = Visibility::own;
    std::vector<std::string> reached;  // stages, for Visibility::reached
    // Its holders pass what they take in on to their supervisor (`passes_on`; 002 §A.1a: volunteers
    // and interns to their coordinator or supervisor).
    bool passes_on = false;
    Origin origin;
};

struct Stage {
    std::string id;
    std::string name;
    std::string description;
    std::string level;  // e.g. "intern", "bemiddeling", "extern", "beroep"
    bool final = false;
    Origin origin;
};

// unit: one of the procedure's units; an action with a unit field moves the case to that unit
// (000 §Procedure 1: the responsible department takes the case).
// `people`: one or more accounts, comma-separated (the people a case is about).
enum class FieldType { text, choice, boolean, date, person, people, period, documents, unit };

struct Field {
    std::string id;
    std::string name;
    FieldType type = FieldType::text;
    std::vector<std::string> options;  // choice only
    // What staff record in it is meant for the complainant (an offer, a verdict, an answer): their
    // portal shows its latest value above the steps they can take.
    bool complainant_sees = false;
    // What it means for the analysis of complaints (analysis.hpp: "cause", "verdict" ...); empty:
    // nothing in particular.
    std::string analysis;
    // Recording `notify_when` in it tells those holding the roles `notify` for the case's unit (001
    // §Procedure 4: a possibly structural problem is reported to the complaints officer).
    std::string notify_when;
    std::vector<std::string> notify;
    Origin origin;
};

// An action moves a case: who may take it, from which stages, what it requires and what follows.
struct Action {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> from;  // stages; "*" means every non-final stage
    std::optional<std::string> to;  // nullopt: the case stays in its stage
    std::vector<std::string> roles;
    std::vector<std::string> kinds;  // empty: every kind
    std::vector<std::string> requires_fields;
    std::vector<std::string> optional_fields;
    // Fields an earlier step must have recorded on the case before this one is possible (004
    // §Artikel 5: the analysis and cause are on the form before a solution is proposed).
    std::vector<std::string> recorded_fields;
    std::vector<std::string> letters;
    std::vector<std::string> meets;    // deadlines this action satisfies
    std::vector<std::string> stops;    // deadlines that no longer apply
    std::vector<std::string> extends;  // deadlines extended by the "period" field (or `extension`)
    std::optional<calendar::Period> extension;
    bool pauses = false;        // stops the clock of every open deadline
    bool resumes = false;       // restarts it
    bool sets_handler = false;  // the "handler" field becomes the case's handler
    bool sets_about = false;    // the "about" field (people) becomes the people the case is about
    std::string becomes_kind;   // the case becomes this kind (002: dissatisfaction becomes a complaint)
    // A required text field an external system may fill (003 §Afsluiten klacht: the registration in
    // E-Synergy): taken without it while a webhook takes "case.closing", the step waits for that
    // system's reference (service::CaseService::act, docs/webhooks.md).
    std::string external_reference;
    std::string source;
    Origin origin;
};

struct OnOverdue {
    std::vector<std::string> notify;  // roles told when the deadline passes
    std::string escalate_to;          // role that takes over responsibility, may be empty
    // How long after the due day it escalates: "2 werkdagen" escalates on the second working day
    // after it. None: on the first working day after the due day, with the notice.
    std::optional<calendar::Period> escalate_after;
};

// A reminder before the due day, to the handler unless `roles` says otherwise.
struct Reminder {
    calendar::Period before;  // working days before the due day
    std::vector<std::string> roles{"handler"};
};

struct Deadline {
    std::string id;  // acknowledgement | contact | explanation | offer | resolution | record | ...
    std::string name;
    std::string description;
    std::vector<std::string> anchors{"received"};  // "received" and/or ids of actions that (re)start it
    calendar::Period period;
    std::vector<std::string> kinds;  // empty: every kind
    OnOverdue on_overdue;
    std::optional<Reminder> reminder;
    // The period it runs with while the case is judged urgent (Case::urgent); none: the same.
    std::optional<calendar::Period> urgent_period;
    // The organisation's own work, which the complainant is not promised (003 §Werkwijze 1: the
    // report to the manager): staff see it, the complainant's portal leaves it out.
    bool internal = false;
    // The regulation names no term for it (002 §Uitgangspunten 5: "een zo kort mogelijke
    // doorlooptijd"): a target the organisation assumes for its own work, always internal, and
    // marked as an assumption wherever it is shown (the regulation page, the reports).
    bool assumed = false;
    std::string source;
    Origin origin;
};

struct Letter {
    std::string id;
    std::string name;
    std::vector<std::string> to;            // complainant | involved | handler | role ids
    std::string template_text;              // Mustache-style {{placeholders}}
    std::vector<std::string> must_contain;  // placeholders the seed demands
    std::string source;
    Origin origin;
};

// A rule is a check or consequence of one of the kinds in rule_kind.hpp, configured by the file;
// what each kind does is in its own file under domain/rules/. Which parameters a kind takes and
// needs is that file's to say (rules::RuleDefinition::parameters).
struct Rule {
    rules::RuleKind kind{};
    std::string text;  // the rule as the regulation states it (Dutch)
    std::string source;
    std::optional<calendar::Period> period;
    std::string stage;               // target stage where the rule moves a case
    std::string action;              // action the rule governs
    std::string field;               // field the rule inspects
    std::string equals;              // value of that field that triggers the rule
    std::string letter;              // letter the rule requires
    std::string kind_to;             // kind a case becomes
    std::vector<std::string> kinds;  // kinds of case the rule applies to; empty: every kind
    Origin origin;
};

struct Reporting {
    std::string cadence;  // quarterly | annually
    std::string to;       // who receives the report
    std::string prepared_by;
    std::string description;
    std::string source;
    Origin origin;
};

// Improvement measures taken in response to complaints (issue 13; 001 §Procedure 10, 002
// §Registratie 4, 003 §Doelen, 004 art. 2): who records a proposed measure, who decides on it, when
// its owner is reminded before the day it is due, and who else is told when that day passes.
struct MeasurePolicy {
    std::vector<std::string> propose;  // roles that record a proposal (those who decide may too)
    // Roles that decide on a measure for one unit: a role granted for one unit decides on that
    // unit's measures only (002 §Registratie 4: the managers, for the services they answer for).
    std::vector<std::string> decide;
    // Roles that decide on a measure across units; empty: `decide` (002: the director).
    std::vector<std::string> decide_across_units;
    std::optional<calendar::Period> remind_before;  // working days before the due day
    std::vector<std::string> escalate_to;           // told, besides the owner, when it is overdue
    std::string description;
    std::string source;
    Origin origin;

    const std::vector<std::string>& deciders(bool across_units) const {
        return across_units && !decide_across_units.empty() ? decide_across_units : decide;
    }
};

// What was agreed with the complainant is followed up (003 §Werkwijze 4; domain/case/commitment.hpp):
// whoever carries a commitment out is reminded before its day; when the day passes they, the handler
// and the roles of `escalate_to` are told.
struct CommitmentPolicy {
    std::optional<calendar::Period> remind_before;  // working days before the due day
    std::vector<std::string> escalate_to;
    std::string description;
    std::string source;
    Origin origin;
};

// Complaints this regulation leaves to another (002 §Toepassingsgebied: "Oink! kent een eigen
// klachtenregeling voor klanten gebaseerd op de wet Kinderopvang"): a case about one of `units`, of
// one of `kinds`, is referred at intake instead of handled. It is recorded in the final `stage`, the
// complainant is told in plain words where to go, and gets `letter`.
struct Referral {
    std::string id;
    std::vector<std::string> units;
    std::vector<std::string> kinds;  // empty: every kind
    std::string to;                  // the other regulation, in the complainant's words
    std::string contact;             // how to reach it; may be empty
    std::string stage;
    std::string letter;  // may be empty
    std::string source;
    Origin origin;
};

struct Assumption {
    std::string text;
    std::string source;
    Origin origin;
};

struct Procedure {
    Metadata meta;
    CalendarSettings calendar;
    std::vector<Kind> kinds;
    std::vector<SubOrganisation> sub_organisations;
    std::vector<Unit> units;
    std::vector<Role> roles;
    std::vector<Stage> stages;
    std::vector<Field> fields;
    std::vector<Action> actions;
    std::vector<Deadline> deadlines;
    std::vector<Letter> letters;
    std::vector<Rule> rules;
    std::vector<Reporting> reporting;
    std::optional<MeasurePolicy> measures;        // none: the procedure keeps no register of measures
    std::optional<CommitmentPolicy> commitments;  // none: its cases record no commitments
    std::vector<Referral> referrals;
    std::vector<Assumption> assumptions;

    const Kind* kind(const std::string& id) const;
    // The kinds of the public form, in the file's order.
    std::vector<const Kind*> public_kinds() const;
    // The kind a new e-mail becomes: the one marked `mail_default`, else the public form's first
    // choice when it accepts e-mail; null when neither (such mail waits in quarantine).
    const Kind* mail_kind() const;
    const Stage* stage(const std::string& id) const;
    const Action* action(const std::string& id) const;
    // Whether `action` may start from `stage` (one of its `from`, or "*" and the stage is not final).
    bool starts_from(const Action& action, const std::string& stage) const;
    const Deadline* deadline(const std::string& id) const;
    const Letter* letter(const std::string& id) const;
    const Field* field(const std::string& id) const;
    // The field that means `analysis` (analysis.hpp) in this procedure, or null.
    const Field* field_meaning(std::string_view analysis) const;
    const Role* role(const std::string& id) const;
    const Unit* unit(const std::string& id) const;
    const Unit* default_unit() const;
    const Rule* rule(rules::RuleKind kind) const;
    const Referral* referral(const std::string& id) const;
    // The referral a case of `kind` about `unit` falls under, or null.
    const Referral* referral_for(const std::string& unit, const std::string& kind) const;
    std::vector<const Rule*> rules_of(rules::RuleKind kind) const;
};

}  // namespace meldpunt::procedure
