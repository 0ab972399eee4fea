#include "procedure_file/describe.hpp"

#include <algorithm>
#include <sstream>

#include "domain/calendar/period.hpp"
#include "domain/procedure/builtin_roles.hpp"

namespace meldpunt::procedure_file {

using namespace meldpunt::procedure;
using messages::Catalogue;
using messages::Language;

namespace {

std::string period_text(const calendar::Period& period, const Catalogue& catalogue) {
    return catalogue.language() == Language::nl ? calendar::describe_period_nl(period)
                                                : calendar::describe_period_en(period);
}

std::string cite(const std::string& source) {
    return source.empty() ? "" : " [" + source + "]";
}

template <typename Name>
std::string names(const std::vector<std::string>& ids, Name name_of, const std::string& separator = ", ") {
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty())
            out += separator;
        out += name_of(id);
    }
    return out;
}

class RegulationWriter {
  public:
    RegulationWriter(const Procedure& p, const Catalogue& c) : p_(p), c_(c) {}

    Regulation write() {
        out_.title = p_.meta.name;
        out_.preamble.push_back(
            c_.text("show.organisation", {p_.meta.organisation, std::to_string(p_.meta.version)}));
        if (!p_.meta.source.empty())
            out_.preamble.push_back(c_.text("show.source", {p_.meta.source}));
        out_.introduction = p_.meta.introduction;
        kinds();
        referrals();
        organisation();
        stages();
        deadlines();
        letters();
        rules();
        working_days();
        reporting();
        measures();
        commitments();
        assumptions();
        return std::move(out_);
    }

  private:
    Chapter& chapter(const std::string& key) {
        out_.chapters.push_back({c_.text(key), "", {}});
        return out_.chapters.back();
    }

    // The display name of a definition, or its id when it does not exist (the validator has then
    // already said so).
    template <typename T>
    static std::string name_or_id(const T* definition, const std::string& id) {
        return definition ? definition->name : id;
    }
    // The roles Meldpunt gives by itself in the reader's words ("de behandelaar"), never their ids.
    std::string role_name(const std::string& id) const {
        if (!p_.role(id) && procedure::is_builtin_role(id))
            return c_.text("show.recipient." + id);
        return name_or_id(p_.role(id), id);
    }
    std::string stage_name(const std::string& id) const {
        return id == "*" ? c_.text("show.any_stage") : name_or_id(p_.stage(id), id);
    }
    std::string field_name(const std::string& id) const { return name_or_id(p_.field(id), id); }
    std::string letter_name(const std::string& id) const { return name_or_id(p_.letter(id), id); }
    std::string deadline_name(const std::string& id) const { return name_or_id(p_.deadline(id), id); }
    std::string kind_name(const std::string& id) const { return name_or_id(p_.kind(id), id); }

    void kinds() {
        Chapter& out = chapter("show.kinds");
        for (const auto& k : p_.kinds) {
            std::string text = k.name + ": " + k.description + cite(k.source);
            if (!k.channels.empty())
                text += "\n  " + c_.text("show.channels", {names(k.channels, [](auto& s) { return s; })});
            if (k.routed)
                text += "\n  " + c_.text("show.kind_routed");
            out.articles.push_back({"kind:" + k.id, text});
        }
    }

    // What another regulation covers, and where the complainant goes instead (002 §Toepassingsgebied).
    void referrals() {
        if (p_.referrals.empty())
            return;
        Chapter& out = chapter("show.referrals");
        for (const auto& r : p_.referrals) {
            std::string text = c_.text(
                "show.referral",
                {names(
                     r.units, [&](auto& id) { return name_or_id(p_.unit(id), id); }, c_.text("show.or")),
                 r.to});
            if (!r.contact.empty())
                text += " " + r.contact;
            text += " " + c_.text("show.referral_recorded");
            out.articles.push_back({"referral:" + r.id, text + cite(r.source)});
        }
    }

    void organisation() {
        if (p_.units.empty() && p_.roles.empty())
            return;
        Chapter& out = chapter("show.organisation_heading");
        for (const auto& s : p_.sub_organisations)
            out.articles.push_back(
                {"sub_organisation:" + s.id, c_.text("show.sub_organisation", {s.name, s.note})});
        for (const auto& u : p_.units)
            out.articles.push_back(
                {"unit:" + u.id, c_.text(u.is_default ? "show.default_unit" : "show.unit", {u.name})});
        for (const auto& r : p_.roles)
            out.articles.push_back(
                {"role:" + r.id,
                 r.name + ": " + r.description + (r.passes_on ? " " + c_.text("show.role_passes_on") : "")});
    }

    static bool starts_from(const Action& a, const std::string& stage) {
        return std::find(a.from.begin(), a.from.end(), stage) != a.from.end();
    }

    void stages() {
        Chapter& out = chapter("show.stages");
        for (const auto& s : p_.stages) {
            out.articles.push_back(
                {"stage:" + s.id,
                 s.name + (s.final ? " (" + c_.text("show.final") + ")" : "") + ": " + s.description});
            for (const auto& a : p_.actions)
                if (starts_from(a, s.id))
                    out.articles.push_back(action(a, s.name));
        }
        bool any = false;
        for (const auto& a : p_.actions) {
            if (!starts_from(a, "*"))
                continue;
            if (!any)
                out.articles.push_back({"stage:*", c_.text("show.any_stage") + ":"});
            any = true;
            out.articles.push_back(action(a, c_.text("show.any_stage")));
        }
    }

    Article action(const Action& a, const std::string& under) {
        std::string text = a.name;
        if (a.to)
            text += " → " + stage_name(*a.to);
        text += ". " + c_.text("show.by",
                               {names(
                                   a.roles, [&](auto& id) { return role_name(id); }, c_.text("show.or"))});
        if (!a.kinds.empty())
            text += " " + c_.text("show.only_for", {names(a.kinds, [&](auto& id) { return kind_name(id); })});
        if (!a.requires_fields.empty())
            text += " " + c_.text("show.requires",
                                  {names(a.requires_fields, [&](auto& id) { return field_name(id); })});
        if (!a.letters.empty())
            text +=
                " " + c_.text("show.letters", {names(a.letters, [&](auto& id) { return letter_name(id); })});
        if (!a.meets.empty())
            text +=
                " " + c_.text("show.meets", {names(a.meets, [&](auto& id) { return deadline_name(id); })});
        if (!a.extends.empty())
            text += " " +
                    c_.text("show.extends", {names(a.extends, [&](auto& id) { return deadline_name(id); })});
        if (!a.becomes_kind.empty())
            text += " " + c_.text("show.becomes_kind", {kind_name(a.becomes_kind)});
        if (a.pauses)
            text += " " + c_.text("show.pauses");
        if (a.resumes)
            text += " " + c_.text("show.resumes");
        if (!a.description.empty())
            text += " " + a.description;
        return {"action:" + a.id, text + cite(a.source), 1, "", under};
    }

    void deadlines() {
        Chapter& out = chapter("show.deadlines");
        for (const auto& d : p_.deadlines) {
            std::string text = describe_deadline(p_, d, c_);
            if (!d.kinds.empty())
                text +=
                    " " + c_.text("show.only_for", {names(d.kinds, [&](auto& id) { return kind_name(id); })});
            if (!d.description.empty())
                text += " " + d.description;
            if (d.assumed)
                text += " " + c_.text("show.deadline_assumed");
            else if (d.internal)
                text += " " + c_.text("show.deadline_internal");
            if (!d.on_overdue.notify.empty())
                text += " " + c_.text("show.overdue_notify",
                                      {names(d.on_overdue.notify, [&](auto& id) { return role_name(id); })});
            if (d.reminder)
                text += " " + c_.text("show.reminder",
                                      {period_text(d.reminder->before, c_),
                                       names(d.reminder->roles, [&](auto& id) { return role_name(id); })});
            if (!d.on_overdue.escalate_to.empty() && d.on_overdue.escalate_after)
                text += " " +
                        c_.text("show.overdue_escalate_after", {period_text(*d.on_overdue.escalate_after, c_),
                                                                role_name(d.on_overdue.escalate_to)});
            else if (!d.on_overdue.escalate_to.empty())
                text += " " + c_.text("show.overdue_escalate", {role_name(d.on_overdue.escalate_to)});
            out.articles.push_back({"deadline:" + d.id, text + cite(d.source)});
        }
    }

    void letters() {
        if (p_.letters.empty())
            return;
        Chapter& out = chapter("show.letters_heading");
        for (const auto& l : p_.letters) {
            const std::string to = c_.text(
                "show.to", {names(l.to, [&](auto& id) {
                    return c_.has("show.recipient." + id) ? c_.text("show.recipient." + id) : role_name(id);
                })});
            out.articles.push_back(
                {"letter:" + l.id, l.name + " (" + to + ")" + cite(l.source), 0, l.template_text});
        }
    }

    void rules() {
        if (p_.rules.empty())
            return;
        Chapter& out = chapter("show.rules");
        for (const auto& r : p_.rules)
            out.articles.push_back({rule_article_key(r), r.text + cite(r.source)});
    }

    void working_days() {
        Chapter& out = chapter("show.working_days");
        out.intro = c_.text("show.working_days_text", {p_.calendar.timezone});
        for (const auto& o : p_.calendar.holidays.omissions)
            out.articles.push_back(
                {"omission:" + o.holiday_id,
                 o.unless_year_divisible_by > 0
                     ? c_.text("show.omit_unless", {o.holiday_id, std::to_string(o.unless_year_divisible_by)})
                     : c_.text("show.omit", {o.holiday_id})});
        for (const auto& e : p_.calendar.holidays.extra_days)
            out.articles.push_back({"extra_day:" + calendar::format_day(e.day),
                                    c_.text("show.extra_day", {e.name, calendar::format_day(e.day)})});
        for (const auto& c : p_.calendar.holidays.closures)
            out.articles.push_back(
                {"closure:" + c.name,
                 c_.text("show.closure",
                         {c.name, std::to_string(c.from_day) + "-" + std::to_string(c.from_month),
                          std::to_string(c.to_day) + "-" + std::to_string(c.to_month)})});
    }

    void reporting() {
        if (p_.reporting.empty())
            return;
        Chapter& out = chapter("show.reporting");
        for (const auto& r : p_.reporting) {
            std::string text = c_.text("show.report", {c_.text("show.cadence." + r.cadence), r.to});
            if (!r.prepared_by.empty())
                text += " " + c_.text("show.prepared_by", {r.prepared_by});
            if (!r.description.empty())
                text += " " + r.description;
            out.articles.push_back({"report:" + r.cadence + ":" + r.to, text + cite(r.source)});
        }
    }

    // Who proposes and decides on improvement measures, and how their owners are held to them.
    void measures() {
        if (!p_.measures)
            return;
        const procedure::MeasurePolicy& m = *p_.measures;
        const auto roles = [&](const std::vector<std::string>& ids) {
            return names(
                ids, [&](auto& id) { return role_name(id); }, c_.text("show.or"));
        };
        Chapter& out = chapter("show.measures");
        if (!m.description.empty())
            out.articles.push_back({"measures:description", m.description + cite(m.source)});
        std::string who = c_.text("show.measures_decide", {roles(m.decide)});
        if (!m.decide_across_units.empty())
            who += " " + c_.text("show.measures_across_units", {roles(m.decide_across_units)});
        if (!m.propose.empty())
            who += " " + c_.text("show.measures_propose", {roles(m.propose)});
        out.articles.push_back({"measures:who", who});
        std::string follow = c_.text("show.measures_steps");
        if (m.remind_before)
            follow += " " + c_.text("show.measures_reminder", {period_text(*m.remind_before, c_)});
        if (!m.escalate_to.empty())
            follow += " " + c_.text("show.measures_overdue", {roles(m.escalate_to)});
        out.articles.push_back({"measures:follow", follow});
    }

    // What was agreed with the complainant is followed until it is done or waived with a reason.
    void commitments() {
        if (!p_.commitments)
            return;
        const procedure::CommitmentPolicy& m = *p_.commitments;
        Chapter& out = chapter("show.commitments");
        if (!m.description.empty())
            out.articles.push_back({"commitments:description", m.description + cite(m.source)});
        std::string follow = c_.text("show.commitments_steps");
        if (m.remind_before)
            follow += " " + c_.text("show.commitments_reminder", {period_text(*m.remind_before, c_)});
        follow +=
            " " +
            (m.escalate_to.empty()
                 ? c_.text("show.commitments_overdue")
                 : c_.text("show.commitments_overdue_to",
                           {names(
                               m.escalate_to, [&](auto& id) { return role_name(id); }, c_.text("show.or"))}));
        out.articles.push_back({"commitments:follow", follow});
    }

    void assumptions() {
        if (p_.assumptions.empty())
            return;
        Chapter& out = chapter("show.assumptions");
        // An assumption is its text: a changed one reads as one removed and one added.
        for (const auto& a : p_.assumptions)
            out.articles.push_back({"assumption:" + a.text, a.text + cite(a.source)});
    }

    const Procedure& p_;
    const Catalogue& c_;
    Regulation out_;
};

std::string dot_escape(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '"' || ch == '\\')
            out += '\\';
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        out += ch;
    }
    return out;
}

}  // namespace

std::string describe_deadline(const Procedure& p, const Deadline& d, const Catalogue& c) {
    const std::string anchor = names(
        d.anchors,
        [&](const std::string& id) {
            return id == "received" ? c.text("show.anchor_received")
                                    : c.text("show.anchor_action", {p.action(id) ? p.action(id)->name : id});
        },
        c.text("show.or"));
    switch (d.period.unit) {
        case calendar::PeriodUnit::next_working_day:
            return c.text("show.deadline_next_working_day", {d.name, anchor});
        case calendar::PeriodUnit::same_day:
            return c.text("show.deadline_same_day", {d.name, anchor});
        default:
            return c.text("show.deadline", {d.name, period_text(d.period, c), anchor});
    }
}

Regulation describe(const Procedure& procedure, const Catalogue& catalogue) {
    return RegulationWriter(procedure, catalogue).write();
}

// What a rule is about, the same in two versions that both have it: its kind and what it governs
// (a procedure may have two rules of one kind, for different actions).
std::string rule_article_key(const Rule& r) {
    return "rule:" + std::string(rules::rule_kind_id(r.kind)) + ":" + r.action + ":" + r.stage + ":" +
           r.field + ":" + r.letter;
}

std::optional<ArticlePlace> place_of(const Regulation& regulation, const std::string& key) {
    for (size_t c = 0; c < regulation.chapters.size(); ++c) {
        int number = 0;
        for (const auto& article : regulation.chapters[c].articles) {
            if (article.level == 0)
                ++number;
            if (article.key == key)
                return ArticlePlace{static_cast<int>(c) + 1, number};
        }
    }
    return std::nullopt;
}

std::string describe_as_text(const Procedure& procedure, const Catalogue& catalogue) {
    const Regulation regulation = describe(procedure, catalogue);
    std::ostringstream out;
    out << regulation.title << "\n" << std::string(regulation.title.size(), '=') << "\n\n";
    for (const auto& line : regulation.preamble)
        out << line << "\n";
    if (!regulation.introduction.empty())
        out << "\n" << regulation.introduction << "\n";
    int number = 0;
    for (const auto& chapter : regulation.chapters) {
        out << "\n" << ++number << ". " << chapter.heading << "\n\n";
        if (!chapter.intro.empty())
            out << chapter.intro << "\n";
        for (const auto& article : chapter.articles)
            out << (article.level == 0 ? "- " : "    * ") << article.text << "\n";
    }
    return out.str();
}

std::string describe_as_dot(const Procedure& p, const Catalogue& c) {
    std::ostringstream out;
    out << "digraph procedure {\n  rankdir=LR;\n  labelloc=t;\n  label=\"" << dot_escape(p.meta.name)
        << "\";\n";
    out << "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", "
           "fontsize=10];\n";
    out << "  intake [shape=circle, label=\"" << dot_escape(c.text("show.intake")) << "\"];\n";
    for (const auto& s : p.stages) {
        out << "  \"" << dot_escape(s.id) << "\" [label=\"" << dot_escape(s.name) << "\""
            << (s.final ? ", peripheries=2" : "") << "];\n";
    }
    for (const auto& k : p.kinds) {
        out << "  intake -> \"" << dot_escape(k.initial_stage) << "\" [label=\"" << dot_escape(k.name)
            << "\", style=dotted];\n";
    }
    bool any_stage = false;
    for (const auto& a : p.actions) {
        if (!a.to)
            continue;
        for (const auto& from : a.from) {
            if (from == "*") {
                if (!any_stage)
                    out << "  any [shape=plaintext, label=\"" << dot_escape(c.text("show.any_stage"))
                        << "\"];\n";
                any_stage = true;
            }
            const std::string source = from == "*" ? "any" : from;
            out << "  \"" << dot_escape(source) << "\" -> \"" << dot_escape(*a.to) << "\" [label=\""
                << dot_escape(a.name) << "\"" << (from == "*" ? ", style=dashed" : "") << "];\n";
        }
    }
    out << "}\n";
    return out.str();
}

}  // namespace meldpunt::procedure_file
