#include "procedure_file/validator.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/holidays.hpp"
#include "domain/procedure/analysis.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "domain/rules/rule_definition.hpp"

namespace meldpunt::procedure_file {

using namespace meldpunt::procedure;

const std::vector<std::string>& letter_placeholders() {
    static const std::vector<std::string> names{"organisation",
                                                "reference",
                                                "received_on",
                                                "today",
                                                "kind",
                                                "subject",
                                                "complainant.name",
                                                "complainant.address",
                                                "representative.name",
                                                "representative.relation",
                                                "handler.name",
                                                "handler.email",
                                                "handler.phone",
                                                "handler.contact",
                                                "director.name",
                                                "director.contact",
                                                "expected_duration",
                                                "procedure",
                                                "procedure.url",
                                                "form.url",
                                                "unit.name",
                                                "referral.to",
                                                "referral.contact",
                                                "closed_on",
                                                "retain_until"};
    return names;
}

namespace {

template <typename T, typename U>
bool contains(const std::vector<T>& items, const U& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

// The names inside {{ }} in a template, spaces trimmed. A linear scan rather than std::regex, whose
// recursive matcher can exhaust the stack on a long template.
std::set<std::string> placeholders_in(const std::string& text) {
    std::set<std::string> names;
    size_t at = 0;
    while ((at = text.find("{{", at)) != std::string::npos) {
        const size_t end = text.find("}}", at + 2);
        if (end == std::string::npos)
            break;
        std::string name = text.substr(at + 2, end - at - 2);
        const auto first = name.find_first_not_of(" \t");
        const auto last = name.find_last_not_of(" \t");
        names.insert(first == std::string::npos ? "" : name.substr(first, last - first + 1));
        at = end + 2;
    }
    return names;
}

// The bounds of a procedure's size (check_size).
constexpr size_t kMaxKinds = 20, kMaxUnits = 200, kMaxSubOrganisations = 50, kMaxRoles = 40, kMaxStages = 40,
                 kMaxFields = 120, kMaxActions = 100, kMaxDeadlines = 40, kMaxLetters = 60, kMaxRules = 60;
// Stages an action may start from, summed over the actions: the diagram's arrows.
constexpr size_t kMaxMoves = 400;

class Validator {
  public:
    Validator(const Procedure& p, SizeBounds bounds) : p_(p), bounds_(bounds) {}

    std::vector<Diagnostic> run() {
        // A procedure beyond these bounds is refused before anything else is checked: the checks of
        // its graph, and the diagram every public procedure page shows, grow with its size (issue
        // 15: a procedure of 100 stages stalled the server).
        if (bounds_ == SizeBounds::checked && !check_size())
            return std::move(out_);
        check_unique();
        check_basics();
        check_kinds_and_units();
        check_roles();
        check_fields();
        check_actions();
        check_deadlines();
        check_letters();
        check_rules();
        check_reporting();
        check_measures();
        check_commitments();
        check_referrals();
        check_graph();
        std::stable_sort(out_.begin(), out_.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
        return std::move(out_);
    }

  private:
    void report(int line, std::string code, std::vector<std::string> args) {
        out_.push_back({line, std::move(code), std::move(args)});
    }

    // At most `limit` of `items`; the first beyond it is where the diagnostic points.
    template <typename T>
    bool within(const std::vector<T>& items, const std::string& what, size_t limit) {
        if (items.size() <= limit)
            return true;
        report(items[limit].origin.line, "too_many", {what, std::to_string(limit)});
        return false;
    }

    // The largest seed procedure (002, M.O.S.) has 13 stages, 18 actions and 18 fields; these
    // bounds are several times that.
    bool check_size() {
        size_t moves = 0;
        for (const auto& action : p_.actions)
            moves += action.from.size();
        // Every bound is checked, so that one run names every list that is too long.
        const bool within_all[] = {within(p_.kinds, "kind", kMaxKinds),
                                   within(p_.units, "unit", kMaxUnits),
                                   within(p_.sub_organisations, "sub_organisation", kMaxSubOrganisations),
                                   within(p_.roles, "role", kMaxRoles),
                                   within(p_.stages, "stage", kMaxStages),
                                   within(p_.fields, "field", kMaxFields),
                                   within(p_.actions, "action", kMaxActions),
                                   within(p_.deadlines, "deadline", kMaxDeadlines),
                                   within(p_.letters, "letter", kMaxLetters),
                                   within(p_.rules, "rule", kMaxRules)};
        bool ok = std::all_of(std::begin(within_all), std::end(within_all), [](bool b) { return b; });
        if (moves > kMaxMoves) {
            report(0, "too_many", {"from", std::to_string(kMaxMoves)});
            ok = false;
        }
        return ok;
    }

    template <typename T>
    void unique(const std::vector<T>& items, const std::string& what) {
        std::set<std::string> seen;
        for (const auto& item : items) {
            if (!seen.insert(item.id).second)
                report(item.origin.line, "duplicate_id", {what, item.id});
        }
    }

    void check_unique() {
        unique(p_.kinds, "kind");
        unique(p_.units, "unit");
        unique(p_.sub_organisations, "sub_organisation");
        unique(p_.roles, "role");
        unique(p_.stages, "stage");
        unique(p_.fields, "field");
        unique(p_.actions, "action");
        unique(p_.deadlines, "deadline");
        unique(p_.letters, "letter");
    }

    void check_basics() {
        if (p_.kinds.empty())
            report(0, "none_defined", {"kind"});
        if (p_.roles.empty())
            report(0, "none_defined", {"role"});
        if (std::none_of(p_.stages.begin(), p_.stages.end(), [](const Stage& s) { return s.final; }))
            report(0, "no_final_stage", {});
        check_days_off_runs();
        for (const auto& omission : p_.calendar.holidays.omissions) {
            if (!contains(calendar::statutory_holiday_ids(), omission.holiday_id))
                report(0, "unknown_holiday", {omission.holiday_id});
        }
    }

    // A calendar that closes for months on end (or for good) would make deadlines meaningless, and
    // one without any working day would make them endless: refuse runs of more than 60 days off,
    // checked over six years so that rules for some years only are covered.
    void check_days_off_runs() {
        constexpr int kLongestAcceptableRun = 60;
        int run = 0, longest = 0;
        for (auto day = calendar::make_day(2025, 1, 1); day <= calendar::make_day(2030, 12, 31);
             day += std::chrono::days{1}) {
            run = calendar::day_off(p_.calendar.holidays, day) ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        if (longest > kLongestAcceptableRun)
            report(0, "too_many_days_off", {std::to_string(longest)});
    }

    void need_stage(int line, const std::string& id) {
        if (!p_.stage(id))
            report(line, "unknown_stage", {id});
    }
    void need_role(int line, const std::string& id) {
        if (!p_.role(id))
            report(line, "unknown_role", {id});
    }
    void need_kind(int line, const std::string& id) {
        if (!p_.kind(id))
            report(line, "unknown_kind", {id});
    }
    void need_field(int line, const std::string& id) {
        if (!p_.field(id))
            report(line, "unknown_field", {id});
    }
    void need_deadline(int line, const std::string& id) {
        if (!p_.deadline(id))
            report(line, "unknown_deadline", {id});
    }
    void need_letter(int line, const std::string& id) {
        if (!p_.letter(id))
            report(line, "unknown_letter", {id});
    }
    void need_action(int line, const std::string& id) {
        if (!p_.action(id))
            report(line, "unknown_action", {id});
    }

    void check_kinds_and_units() {
        for (const auto& k : p_.kinds) {
            if (!k.initial_stage.empty())
                need_stage(k.origin.line, k.initial_stage);
            for (const auto& channel : k.channels) {
                if (!contains(known_channels(), channel))
                    report(k.origin.line, "unknown_channel", {channel});
            }
            if (k.open_to_public && !k.channels.empty() && !contains(k.channels, std::string("web")))
                report(k.origin.line, "public_kind_not_on_web", {k.id});
            if (k.public_default && !k.open_to_public)
                report(k.origin.line, "public_default_not_public", {k.id});
            if (k.mail_default && !k.channels.empty() && !contains(k.channels, std::string("email")))
                report(k.origin.line, "mail_default_not_by_mail", {k.id});
        }
        if (std::count_if(p_.kinds.begin(), p_.kinds.end(), [](const Kind& k) { return k.mail_default; }) > 1)
            report(p_.kinds.front().origin.line, "several_mail_defaults", {});
        if (std::count_if(p_.kinds.begin(), p_.kinds.end(), [](const Kind& k) { return k.public_default; }) >
            1)
            report(p_.kinds.front().origin.line, "several_public_defaults", {});
        const auto defaults =
            std::count_if(p_.units.begin(), p_.units.end(), [](const Unit& u) { return u.is_default; });
        if (!p_.units.empty() && defaults != 1)
            report(p_.units.front().origin.line, "default_unit", {std::to_string(defaults)});
        for (const auto& u : p_.units) {
            if (u.sub_organisation.empty())
                continue;
            const bool known =
                std::any_of(p_.sub_organisations.begin(), p_.sub_organisations.end(),
                            [&](const SubOrganisation& s) { return s.id == u.sub_organisation; });
            if (!known)
                report(u.origin.line, "unknown_sub_organisation", {u.sub_organisation});
        }
    }

    // A role that sees the cases that reached some stages names them, and only such a role does.
    void check_roles() {
        for (const auto& r : p_.roles) {
            for (const auto& stage : r.reached)
                need_stage(r.origin.line, stage);
            const bool by_stage = r.sees == Visibility::reached;
            if (by_stage && r.reached.empty())
                report(r.origin.line, "reached_without_stages", {r.id});
            if (!by_stage && !r.reached.empty())
                report(r.origin.line, "stages_without_reached", {r.id});
        }
    }

    void check_fields() {
        for (const auto& f : p_.fields) {
            if (f.type == FieldType::choice && f.options.empty())
                report(f.origin.line, "choice_without_options", {f.id});
            if (f.type != FieldType::choice && !f.options.empty())
                report(f.origin.line, "options_without_choice", {f.id});
            if (f.type == FieldType::unit && p_.units.empty())
                report(f.origin.line, "unit_field_without_units", {f.id});
            if (!f.analysis.empty() && !procedure::is_analysis_meaning(f.analysis))
                report(f.origin.line, "unknown_analysis", {f.analysis, f.id});
            // One field per meaning: a report counts each case's cause once.
            const auto first = std::find_if(p_.fields.begin(), p_.fields.end(),
                                            [&](const Field& other) { return other.analysis == f.analysis; });
            if (!f.analysis.empty() && &*first != &f)
                report(f.origin.line, "analysis_twice", {f.analysis, first->id, f.id});
            check_notify(f);
        }
    }

    // Whom recording a value tells: both parts given, the value one of a choice's options.
    void check_notify(const Field& f) {
        if (f.notify.empty() != f.notify_when.empty())
            report(f.origin.line, "notify_needs_both", {f.id});
        if (!f.notify_when.empty() && f.type == FieldType::choice && !contains(f.options, f.notify_when))
            report(f.origin.line, "notify_when_not_an_option", {f.notify_when, f.id});
        for (const auto& role : f.notify)
            need_role(f.origin.line, role);
    }

    // Whether an action other than `waiting` records `field` (an action cannot wait for itself:
    // its own fields are applied only after the engine checked the case's state).
    bool some_action_records(const std::string& field, const Action& waiting) const {
        return std::any_of(p_.actions.begin(), p_.actions.end(), [&](const Action& a) {
            return &a != &waiting &&
                   (contains(a.requires_fields, field) || contains(a.optional_fields, field));
        });
    }

    bool writes_to_complainant(const Action& a) const {
        return std::any_of(a.letters.begin(), a.letters.end(), [&](const std::string& id) {
            const Letter* letter = p_.letter(id);
            return letter && contains(letter->to, std::string("complainant"));
        });
    }

    void check_actions() {
        for (const auto& a : p_.actions) {
            const int line = a.origin.line;
            if (a.from.empty())
                report(line, "action_without_from", {a.id});
            for (const auto& s : a.from) {
                if (s != "*")
                    need_stage(line, s);
            }
            if (a.to)
                need_stage(line, *a.to);
            if (a.roles.empty())
                report(line, "action_without_roles", {a.id});
            for (const auto& r : a.roles)
                need_role(line, r);
            for (const auto& k : a.kinds)
                need_kind(line, k);
            for (const auto& f : a.requires_fields)
                need_field(line, f);
            for (const auto& f : a.optional_fields)
                need_field(line, f);
            for (const auto& f : a.recorded_fields) {
                need_field(line, f);
                if (p_.field(f) && !some_action_records(f, a))
                    report(line, "recorded_never_set", {a.id, f});
            }
            for (const auto& l : a.letters)
                need_letter(line, l);
            for (const auto& d : a.meets)
                need_deadline(line, d);
            for (const auto& d : a.stops)
                need_deadline(line, d);
            for (const auto& d : a.extends)
                need_deadline(line, d);
            // An extension must always say by how much: a fixed `extension`, or a required field of
            // type period (an optional or free-text one could let an extension silently do nothing).
            const Field* period_field = p_.field("period");
            const bool lists_period =
                contains(a.requires_fields, "period") || contains(a.optional_fields, "period");
            if (lists_period && period_field && period_field->type != FieldType::period)
                report(line, "period_field_type", {a.id});
            if (!a.extends.empty() && !a.extension && !contains(a.requires_fields, "period"))
                report(line, "extension_without_period", {a.id});
            // The complainant is told of every change to the time they wait: a pause or extension
            // sends a letter addressed to them (issue 10: no silent pauses; 004 §Artikel 4).
            if ((a.pauses || !a.extends.empty()) && !writes_to_complainant(a))
                report(line, a.pauses ? "pause_without_letter" : "extension_without_letter", {a.id});
            if (a.sets_handler && !contains(a.requires_fields, "handler"))
                report(line, "handler_field_required", {a.id});
            if (a.sets_about) {
                const Field* about = p_.field("about");
                const bool listed =
                    contains(a.requires_fields, "about") || contains(a.optional_fields, "about");
                if (!listed || !about || about->type != FieldType::people)
                    report(line, "about_field_required", {a.id});
            }
            if (!a.external_reference.empty()) {
                const Field* field = p_.field(a.external_reference);
                if (!contains(a.requires_fields, a.external_reference) || !field ||
                    field->type != FieldType::text)
                    report(line, "external_reference_field", {a.id, a.external_reference});
            }
            if (a.pauses && a.resumes)
                report(line, "pause_and_resume", {a.id});
            // A stage change ends every pause (engine.cpp, end_pauses): the pause would not last.
            if (a.pauses && a.to)
                report(line, "pause_and_stage_change", {a.id});
            if (!a.becomes_kind.empty())
                need_kind(line, a.becomes_kind);
        }
    }

    // A reminder counts back in working days; an escalation waits working or calendar days. The
    // handler may be reminded: whoever the case is assigned to.
    void check_alerts(const Deadline& d) {
        const int line = d.origin.line;
        if (d.reminder) {
            if (d.reminder->before.unit != calendar::PeriodUnit::working_days)
                report(line, "reminder_not_in_working_days", {d.id});
            for (const auto& r : d.reminder->roles)
                if (r != procedure::kHandlerRole)
                    need_role(line, r);
        }
        if (d.on_overdue.escalate_after) {
            if (d.on_overdue.escalate_to.empty())
                report(line, "escalate_after_without_role", {d.id});
            const auto unit = d.on_overdue.escalate_after->unit;
            if (unit != calendar::PeriodUnit::working_days &&
                !calendar::is_calendar_period(*d.on_overdue.escalate_after))
                report(line, "escalate_after_not_a_duration", {d.id});
        }
    }

    void check_deadlines() {
        for (const auto& d : p_.deadlines) {
            const int line = d.origin.line;
            for (const auto& anchor : d.anchors) {
                if (anchor != "received" && !p_.action(anchor))
                    report(line, "anchor_never_happens", {d.id, anchor});
            }
            for (const auto& k : d.kinds)
                need_kind(line, k);
            for (const auto& r : d.on_overdue.notify)
                need_role(line, r);
            if (!d.on_overdue.escalate_to.empty())
                need_role(line, d.on_overdue.escalate_to);
            check_alerts(d);
            if (d.assumed && !d.internal)
                report(line, "assumed_deadline_promised", {d.id});
            const bool met = std::any_of(p_.actions.begin(), p_.actions.end(),
                                         [&](const Action& a) { return contains(a.meets, d.id); });
            if (!met)
                report(line, "deadline_never_met", {d.id});
        }
    }

    void check_letters() {
        for (const auto& l : p_.letters) {
            const int line = l.origin.line;
            if (l.template_text.empty()) {
                report(line, "letter_without_template", {l.id});
                continue;
            }
            if (l.to.empty())
                report(line, "letter_without_recipient", {l.id});
            for (const auto& to : l.to) {
                const bool known = to == "complainant" || to == "involved" || to == "handler" || p_.role(to);
                if (!known)
                    report(line, "unknown_recipient", {l.id, to});
            }
            const std::set<std::string> used = placeholders_in(l.template_text);
            for (const auto& name : used) {
                if (!placeholder_known(name))
                    report(line, "unknown_placeholder", {l.id, name});
            }
            for (const auto& name : l.must_contain) {
                if (!used.count(name))
                    report(line, "letter_missing_content", {l.id, name});
            }
        }
    }

    bool placeholder_known(const std::string& name) const {
        if (contains(letter_placeholders(), name))
            return true;
        if (name.rfind("deadline.", 0) == 0)
            return p_.deadline(name.substr(9)) != nullptr;
        if (name.rfind("field.", 0) == 0)
            return p_.field(name.substr(6)) != nullptr;
        return false;
    }

    // What every rule needs (its kind's parameters, references that exist), then what its kind
    // checks itself (domain/rules/).
    void check_rules() {
        for (const auto& r : p_.rules) {
            const int line = r.origin.line;
            const std::string id(rules::rule_kind_id(r.kind));
            const rules::RuleDefinition& definition = rules::definition_of(r.kind);
            const std::vector<rules::Parameter>& needs = definition.needs();
            auto needed = [&](rules::Parameter p) { return contains(needs, p); };
            if (needed(rules::Parameter::period) && !r.period)
                report(line, "rule_needs", {id, "period"});
            // Lapse, unreachability and retention are durations: calendar periods only.
            if (r.period && !calendar::is_calendar_period(*r.period))
                report(line, "rule_period_not_calendar", {id});
            for (const auto parameter : needs) {
                if (parameter != rules::Parameter::period && !present(r, parameter))
                    report(line, "rule_needs", {id, rules::parameter_name(parameter)});
            }
            if (!r.stage.empty())
                need_stage(line, r.stage);
            if (!r.action.empty())
                need_action(line, r.action);
            if (!r.field.empty())
                need_field(line, r.field);
            if (!r.letter.empty())
                need_letter(line, r.letter);
            if (!r.kind_to.empty())
                need_kind(line, r.kind_to);
            for (const auto& k : r.kinds)
                need_kind(line, k);
            std::vector<rules::Problem> problems;
            definition.validate(r, p_, problems);
            for (auto& problem : problems)
                report(line, std::move(problem.code), std::move(problem.args));
        }
    }

    static bool present(const Rule& r, rules::Parameter parameter) {
        switch (parameter) {
            case rules::Parameter::period:
                return r.period.has_value();
            case rules::Parameter::stage:
                return !r.stage.empty();
            case rules::Parameter::action:
                return !r.action.empty();
            case rules::Parameter::field:
                return !r.field.empty();
            case rules::Parameter::equals:
                return !r.equals.empty();
            case rules::Parameter::letter:
                return !r.letter.empty();
            case rules::Parameter::kind_to:
                return !r.kind_to.empty();
            case rules::Parameter::kinds:
                return !r.kinds.empty();
        }
        return false;
    }

    void check_reporting() {
        for (const auto& r : p_.reporting) {
            if (r.cadence != "quarterly" && r.cadence != "annually" && r.cadence != "monthly")
                report(r.origin.line, "unknown_cadence", {r.cadence});
        }
    }

    // Someone decides on measures; every role named is one of the organisation's own (the handler
    // and the complainant belong to a case, not to the register of measures).
    void check_measures() {
        if (!p_.measures)
            return;
        const MeasurePolicy& m = *p_.measures;
        const int line = m.origin.line;
        if (m.decide.empty())
            report(line, "measures_without_deciders", {});
        for (const auto* roles : {&m.propose, &m.decide, &m.decide_across_units, &m.escalate_to})
            for (const auto& r : *roles) {
                if (r == procedure::kHandlerRole || r == procedure::kComplainantRole)
                    report(line, "measure_role_of_a_case", {r});
                else
                    need_role(line, r);
            }
        if (m.remind_before && m.remind_before->unit != calendar::PeriodUnit::working_days)
            report(line, "measure_reminder_not_in_working_days", {});
    }

    // Those told when a commitment passes are the organisation's roles (the handler is told anyway).
    void check_commitments() {
        if (!p_.commitments)
            return;
        const CommitmentPolicy& m = *p_.commitments;
        for (const auto& r : m.escalate_to) {
            if (r == procedure::kHandlerRole || r == procedure::kComplainantRole)
                report(m.origin.line, "commitment_role_of_a_case", {r});
            else
                need_role(m.origin.line, r);
        }
        if (m.remind_before && m.remind_before->unit != calendar::PeriodUnit::working_days)
            report(m.origin.line, "commitment_reminder_not_in_working_days", {});
    }

    // A referral names the units whose complaints go elsewhere, and records them in a final stage:
    // nothing more happens to them here.
    void check_referrals() {
        for (const auto& r : p_.referrals) {
            const int line = r.origin.line;
            if (r.units.empty())
                report(line, "referral_without_units", {r.id});
            for (const auto& u : r.units)
                if (!p_.unit(u))
                    report(line, "referral_unknown_unit", {r.id, u});
            for (const auto& k : r.kinds)
                need_kind(line, k);
            const procedure::Stage* stage = p_.stage(r.stage);
            if (!r.stage.empty() && (!stage || !stage->final))
                report(line, "referral_stage_not_final", {r.id, r.stage});
            if (!r.letter.empty() && !p_.letter(r.letter))
                report(line, "unknown_letter", {r.letter});
        }
    }

    // Stages reachable from where cases start: each kind's initial stage and any stage a rule
    // puts a case in at intake.
    std::set<std::string> reachable_stages() const {
        std::set<std::string> reached;
        std::vector<std::string> work;
        auto visit = [&](const std::string& s) {
            if (!s.empty() && p_.stage(s) && reached.insert(s).second)
                work.push_back(s);
        };
        for (const auto& k : p_.kinds)
            visit(k.initial_stage);
        for (const auto& r : p_.rules)
            visit(r.stage);
        for (const auto& r : p_.referrals)
            visit(r.stage);
        while (!work.empty()) {
            const std::string stage = work.back();
            work.pop_back();
            for (const auto& a : p_.actions) {
                if (a.to && leaves(a, stage))
                    visit(*a.to);
            }
        }
        return reached;
    }

    bool leaves(const Action& a, const std::string& stage) const {
        if (contains(a.from, stage))
            return true;
        const Stage* s = p_.stage(stage);
        return contains(a.from, "*") && s && !s->final;
    }

    void check_graph() {
        const std::set<std::string> reached = reachable_stages();
        for (const auto& s : p_.stages) {
            if (!reached.count(s.id))
                report(s.origin.line, "stage_unreachable", {s.id});
            if (s.final)
                continue;
            const bool way_out = std::any_of(p_.actions.begin(), p_.actions.end(), [&](const Action& a) {
                return a.to && *a.to != s.id && leaves(a, s.id);
            });
            if (!way_out)
                report(s.origin.line, "stage_without_way_out", {s.id});
        }
        for (const auto& a : p_.actions) {
            const bool can_happen = std::any_of(reached.begin(), reached.end(),
                                                [&](const std::string& s) { return leaves(a, s); });
            if (!can_happen && !a.from.empty())
                report(a.origin.line, "action_never_possible", {a.id});
        }
        for (const auto& d : p_.deadlines) {
            for (const auto& id : d.anchors) {
                const Action* anchor = p_.action(id);
                if (!anchor)
                    continue;
                const bool can_happen = std::any_of(reached.begin(), reached.end(),
                                                    [&](const std::string& s) { return leaves(*anchor, s); });
                if (!can_happen)
                    report(d.origin.line, "anchor_never_happens", {d.id, id});
            }
        }
    }

    const Procedure& p_;
    const SizeBounds bounds_;
    std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> validate_procedure(const Procedure& procedure, SizeBounds bounds) {
    return Validator(procedure, bounds).run();
}

}  // namespace meldpunt::procedure_file
