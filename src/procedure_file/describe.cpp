#include "procedure_file/describe.hpp"

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

class TextWriter {
  public:
    TextWriter(const Procedure& p, const Catalogue& c) : p_(p), c_(c) {}

    std::string write() {
        out_ << p_.meta.name << "\n" << std::string(p_.meta.name.size(), '=') << "\n\n";
        out_ << c_.text("show.organisation", {p_.meta.organisation, std::to_string(p_.meta.version)}) << "\n";
        if (!p_.meta.source.empty())
            out_ << c_.text("show.source", {p_.meta.source}) << "\n";
        if (!p_.meta.introduction.empty())
            out_ << "\n" << p_.meta.introduction << "\n";
        kinds();
        organisation();
        stages();
        deadlines();
        letters();
        rules();
        working_days();
        reporting();
        assumptions();
        return out_.str();
    }

  private:
    void heading(const std::string& key) { out_ << "\n" << ++section_ << ". " << c_.text(key) << "\n\n"; }

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
        heading("show.kinds");
        for (const auto& k : p_.kinds) {
            out_ << "- " << k.name << ": " << k.description << cite(k.source) << "\n";
            if (!k.channels.empty())
                out_ << "  " << c_.text("show.channels", {names(k.channels, [](auto& s) { return s; })})
                     << "\n";
        }
    }

    void organisation() {
        if (p_.units.empty() && p_.roles.empty())
            return;
        heading("show.organisation_heading");
        for (const auto& s : p_.sub_organisations)
            out_ << "- " << c_.text("show.sub_organisation", {s.name, s.note}) << "\n";
        for (const auto& u : p_.units) {
            out_ << "- " << c_.text(u.is_default ? "show.default_unit" : "show.unit", {u.name}) << "\n";
        }
        for (const auto& r : p_.roles)
            out_ << "- " << r.name << ": " << r.description << "\n";
    }

    void stages() {
        heading("show.stages");
        for (const auto& s : p_.stages) {
            out_ << "- " << s.name << (s.final ? " (" + c_.text("show.final") + ")" : "") << ": "
                 << s.description << "\n";
            for (const auto& a : p_.actions) {
                bool from_here = false;
                for (const auto& f : a.from)
                    from_here = from_here || f == s.id;
                if (!from_here)
                    continue;
                action(a);
            }
        }
        bool any = false;
        for (const auto& a : p_.actions) {
            bool everywhere = false;
            for (const auto& f : a.from)
                everywhere = everywhere || f == "*";
            if (!everywhere)
                continue;
            if (!any)
                out_ << "- " << c_.text("show.any_stage") << ":\n";
            any = true;
            action(a);
        }
    }

    void action(const Action& a) {
        out_ << "    * " << a.name;
        if (a.to)
            out_ << " → " << stage_name(*a.to);
        out_ << ". "
             << c_.text("show.by",
                        {names(
                            a.roles, [&](auto& id) { return role_name(id); }, c_.text("show.or"))});
        if (!a.kinds.empty())
            out_ << " "
                 << c_.text("show.only_for", {names(a.kinds, [&](auto& id) { return kind_name(id); })});
        if (!a.requires_fields.empty())
            out_ << " "
                 << c_.text("show.requires",
                            {names(a.requires_fields, [&](auto& id) { return field_name(id); })});
        if (!a.letters.empty())
            out_ << " "
                 << c_.text("show.letters", {names(a.letters, [&](auto& id) { return letter_name(id); })});
        if (!a.meets.empty())
            out_ << " "
                 << c_.text("show.meets", {names(a.meets, [&](auto& id) { return deadline_name(id); })});
        if (!a.extends.empty())
            out_ << " "
                 << c_.text("show.extends", {names(a.extends, [&](auto& id) { return deadline_name(id); })});
        if (!a.becomes_kind.empty())
            out_ << " " << c_.text("show.becomes_kind", {kind_name(a.becomes_kind)});
        if (a.pauses)
            out_ << " " << c_.text("show.pauses");
        if (a.resumes)
            out_ << " " << c_.text("show.resumes");
        if (!a.description.empty())
            out_ << " " << a.description;
        out_ << cite(a.source) << "\n";
    }

    void deadlines() {
        heading("show.deadlines");
        for (const auto& d : p_.deadlines) {
            out_ << "- " << describe_deadline(p_, d, c_);
            if (!d.kinds.empty())
                out_ << " "
                     << c_.text("show.only_for", {names(d.kinds, [&](auto& id) { return kind_name(id); })});
            if (!d.description.empty())
                out_ << " " << d.description;
            if (!d.on_overdue.notify.empty())
                out_ << " "
                     << c_.text("show.overdue_notify",
                                {names(d.on_overdue.notify, [&](auto& id) { return role_name(id); })});
            if (d.reminder)
                out_ << " "
                     << c_.text("show.reminder",
                                {period_text(d.reminder->before, c_),
                                 names(d.reminder->roles, [&](auto& id) { return role_name(id); })});
            if (!d.on_overdue.escalate_to.empty() && d.on_overdue.escalate_after)
                out_ << " "
                     << c_.text("show.overdue_escalate_after", {period_text(*d.on_overdue.escalate_after, c_),
                                                                role_name(d.on_overdue.escalate_to)});
            else if (!d.on_overdue.escalate_to.empty())
                out_ << " " << c_.text("show.overdue_escalate", {role_name(d.on_overdue.escalate_to)});
            out_ << cite(d.source) << "\n";
        }
    }

    void letters() {
        if (p_.letters.empty())
            return;
        heading("show.letters_heading");
        for (const auto& l : p_.letters) {
            out_ << "- " << l.name << " ("
                 << c_.text("show.to", {names(l.to,
                                              [&](auto& id) {
                                                  return c_.has("show.recipient." + id)
                                                             ? c_.text("show.recipient." + id)
                                                             : role_name(id);
                                              })})
                 << ")" << cite(l.source) << "\n";
        }
    }

    void rules() {
        if (p_.rules.empty())
            return;
        heading("show.rules");
        for (const auto& r : p_.rules)
            out_ << "- " << r.text << cite(r.source) << "\n";
    }

    void working_days() {
        heading("show.working_days");
        out_ << c_.text("show.working_days_text", {p_.calendar.timezone}) << "\n";
        for (const auto& o : p_.calendar.holidays.omissions) {
            out_ << "- "
                 << (o.unless_year_divisible_by > 0
                         ? c_.text("show.omit_unless",
                                   {o.holiday_id, std::to_string(o.unless_year_divisible_by)})
                         : c_.text("show.omit", {o.holiday_id}))
                 << "\n";
        }
        for (const auto& e : p_.calendar.holidays.extra_days)
            out_ << "- " << c_.text("show.extra_day", {e.name, calendar::format_day(e.day)}) << "\n";
        for (const auto& c : p_.calendar.holidays.closures) {
            out_ << "- "
                 << c_.text("show.closure",
                            {c.name, std::to_string(c.from_day) + "-" + std::to_string(c.from_month),
                             std::to_string(c.to_day) + "-" + std::to_string(c.to_month)})
                 << "\n";
        }
    }

    void reporting() {
        if (p_.reporting.empty())
            return;
        heading("show.reporting");
        for (const auto& r : p_.reporting) {
            out_ << "- " << c_.text("show.report", {c_.text("show.cadence." + r.cadence), r.to});
            if (!r.prepared_by.empty())
                out_ << " " << c_.text("show.prepared_by", {r.prepared_by});
            if (!r.description.empty())
                out_ << " " << r.description;
            out_ << cite(r.source) << "\n";
        }
    }

    void assumptions() {
        if (p_.assumptions.empty())
            return;
        heading("show.assumptions");
        for (const auto& a : p_.assumptions)
            out_ << "- " << a.text << cite(a.source) << "\n";
    }

    const Procedure& p_;
    const Catalogue& c_;
    std::ostringstream out_;
    int section_ = 0;
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

std::string describe_as_text(const Procedure& procedure, const Catalogue& catalogue) {
    return TextWriter(procedure, catalogue).write();
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
