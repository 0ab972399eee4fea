#include "procedure_file/parser.hpp"

#include <toml++/toml.h>
#include <set>
#include <string>

#include "domain/calendar/period.hpp"

namespace meldpunt::procedure_file {

using namespace meldpunt::procedure;

namespace {

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

// Reads the keys of one table, reporting wrong types and, when done, every key it did not ask for
// (a misspelt key must not be silently ignored in a regulation).
class TableReader {
  public:
    TableReader(const toml::table& table, std::string section, std::vector<Diagnostic>& diagnostics)
        : table_(table), section_(std::move(section)), diagnostics_(diagnostics) {}
    TableReader(const TableReader&) = delete;
    TableReader& operator=(const TableReader&) = delete;

    ~TableReader() {
        for (const auto& [key, node] : table_) {
            if (!asked_.count(std::string(key.str())))
                report(line_of(node), "unknown_key", {std::string(key.str()), section_});
        }
    }

    int line() const { return line_of(table_); }

    // Declares `key` as known without reading it (it is read elsewhere).
    void known(const std::string& key) { asked_.insert(key); }

    std::string text(const std::string& key, bool required = false) {
        const toml::node* node = find(key, required);
        if (!node)
            return "";
        if (auto value = node->value<std::string>())
            return *value;
        report(line_of(*node), "expected_string", {key, section_});
        return "";
    }

    bool flag(const std::string& key, bool fallback) {
        const toml::node* node = find(key, false);
        if (!node)
            return fallback;
        if (auto value = node->value<bool>())
            return *value;
        report(line_of(*node), "expected_boolean", {key, section_});
        return fallback;
    }

    int integer(const std::string& key, int fallback, int min, int max) {
        const toml::node* node = find(key, false);
        if (!node)
            return fallback;
        auto value = node->value<int64_t>();
        if (!value || *value < min || *value > max) {
            report(line_of(*node), "expected_integer",
                   {key, section_, std::to_string(min), std::to_string(max)});
            return fallback;
        }
        return static_cast<int>(*value);
    }

    std::vector<std::string> texts(const std::string& key) {
        std::vector<std::string> out;
        const toml::node* node = find(key, false);
        if (!node)
            return out;
        if (auto single = node->value<std::string>())
            return {*single};
        const toml::array* array = node->as_array();
        if (!array) {
            report(line_of(*node), "expected_string_list", {key, section_});
            return out;
        }
        for (const auto& item : *array) {
            if (auto value = item.value<std::string>()) {
                out.push_back(*value);
            } else {
                report(line_of(item), "expected_string_list", {key, section_});
            }
        }
        return out;
    }

    std::optional<calendar::Period> period(const std::string& key, bool required) {
        const toml::node* node = find(key, required);
        if (!node)
            return std::nullopt;
        auto value = node->value<std::string>();
        auto parsed = value ? calendar::parse_period(*value) : std::nullopt;
        if (!parsed)
            report(line_of(*node), "bad_period", {key, section_, value ? *value : ""});
        return parsed;
    }

    const toml::array* tables(const std::string& key) {
        const toml::node* node = find(key, false);
        if (!node)
            return nullptr;
        const toml::array* array = node->as_array();
        if (!array || !array->is_array_of_tables()) {
            report(line_of(*node), "expected_table_list", {key, section_});
            return nullptr;
        }
        return array;
    }

    void report(int line, std::string code, std::vector<std::string> args) {
        diagnostics_.push_back({line, std::move(code), std::move(args)});
    }

  private:
    const toml::node* find(const std::string& key, bool required) {
        asked_.insert(key);
        const toml::node* node = table_.get(key);
        if (!node && required)
            report(line(), "missing_key", {key, section_});
        return node;
    }

    const toml::table& table_;
    std::string section_;
    std::vector<Diagnostic>& diagnostics_;
    std::set<std::string> asked_;
};

// Calls `read` for every table of the top-level array `key` ([[key]] sections).
template <typename Read>
void each_table(TableReader& root, const std::string& key, std::vector<Diagnostic>& diagnostics, Read read) {
    const toml::array* array = root.tables(key);
    if (!array)
        return;
    for (const auto& node : *array) {
        TableReader reader(*node.as_table(), "[[" + key + "]]", diagnostics);
        read(reader);
    }
}

std::optional<std::pair<unsigned, unsigned>> month_day(const std::string& text) {
    // "MM-DD"
    if (text.size() != 5 || text[2] != '-')
        return std::nullopt;
    auto day = calendar::parse_day("2000-" + text);  // a leap year, so 02-29 is accepted
    if (!day)
        return std::nullopt;
    const std::chrono::year_month_day ymd{*day};
    return std::pair{static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

FieldType field_type(const std::string& text, bool& ok) {
    ok = true;
    if (text == "text")
        return FieldType::text;
    if (text == "choice")
        return FieldType::choice;
    if (text == "boolean")
        return FieldType::boolean;
    if (text == "date")
        return FieldType::date;
    if (text == "person")
        return FieldType::person;
    if (text == "people")
        return FieldType::people;
    if (text == "period")
        return FieldType::period;
    if (text == "documents")
        return FieldType::documents;
    if (text == "unit")
        return FieldType::unit;
    ok = false;
    return FieldType::text;
}

}  // namespace

ParseResult parse_procedure(std::string_view text) {
    ParseResult result;
    auto& diags = result.diagnostics;
    toml::table document;
    try {
        document = toml::parse(text);
    } catch (const toml::parse_error& error) {
        diags.push_back(
            {static_cast<int>(error.source().begin.line), "toml_syntax", {std::string(error.description())}});
        return result;
    }
    Procedure p;
    {
        TableReader root(document, "", diags);
        if (const toml::node* meta = document.get("procedure"); meta && meta->is_table()) {
            TableReader r(*meta->as_table(), "[procedure]", diags);
            p.meta.id = r.text("id", true);
            p.meta.name = r.text("name", true);
            p.meta.organisation = r.text("organisation", true);
            p.meta.source = r.text("source");
            p.meta.version = r.integer("version", 1, 1, 1000000);
            p.meta.introduction = r.text("introduction");
            p.meta.letterhead = r.texts("letterhead");
            p.meta.place = r.text("place");
            p.meta.subjects_see_case = r.flag("subjects_see_case", false);
        } else {
            root.report(0, "missing_section", {"[procedure]"});
        }
        root.known("procedure");
        if (const toml::node* cal = document.get("calendar"); cal) {
            if (!cal->is_table()) {
                root.report(line_of(*cal), "expected_table", {"calendar"});
            } else {
                TableReader r(*cal->as_table(), "[calendar]", diags);
                p.calendar.timezone = r.text("timezone");
                if (p.calendar.timezone.empty())
                    p.calendar.timezone = "Europe/Amsterdam";
                p.calendar.holidays.include_decreed_days = r.flag("decreed_days", true);
                if (const toml::array* omit = r.tables("omit")) {
                    for (const auto& item : *omit) {
                        TableReader o(*item.as_table(), "[[calendar.omit]]", diags);
                        p.calendar.holidays.omissions.push_back(
                            {o.text("holiday", true), o.integer("unless_year_divisible_by", 0, 0, 100)});
                    }
                }
                if (const toml::array* extra = r.tables("extra_days")) {
                    for (const auto& item : *extra) {
                        TableReader e(*item.as_table(), "[[calendar.extra_days]]", diags);
                        const std::string date = e.text("date", true);
                        const std::string name = e.text("name", true);
                        if (auto day = calendar::parse_day(date)) {
                            p.calendar.holidays.extra_days.push_back({"extra", name, *day});
                        } else if (!date.empty()) {
                            e.report(e.line(), "bad_date", {"date", date});
                        }
                    }
                }
                if (const toml::array* closures = r.tables("closures")) {
                    for (const auto& item : *closures) {
                        TableReader c(*item.as_table(), "[[calendar.closures]]", diags);
                        const std::string from = c.text("from", true), to = c.text("to", true);
                        const std::string name = c.text("name", true);
                        auto f = month_day(from), t = month_day(to);
                        if (!f || !t) {
                            c.report(c.line(), "bad_month_day", {from, to});
                            continue;
                        }
                        p.calendar.holidays.closures.push_back(
                            {f->first, f->second, t->first, t->second, name});
                    }
                }
            }
        }
        root.known("calendar");

        each_table(root, "kind", diags, [&](TableReader& r) {
            Kind k{r.text("id", true), r.text("name", true), r.text("description"),
                   r.text("initial_stage", true)};
            k.channels = r.texts("channels");
            k.open_to_public = r.flag("public", false);
            k.public_default = r.flag("public_default", false);
            k.mail_default = r.flag("mail_default", false);
            k.routed = r.flag("routed", false);
            k.source = r.text("source");
            k.origin.line = r.line();
            p.kinds.push_back(std::move(k));
        });
        each_table(root, "sub_organisation", diags, [&](TableReader& r) {
            p.sub_organisations.push_back(
                {r.text("id", true), r.text("name", true), r.text("note"), {r.line()}});
        });
        each_table(root, "unit", diags, [&](TableReader& r) {
            p.units.push_back({r.text("id", true),
                               r.text("name", true),
                               r.flag("default", false),
                               r.text("sub_organisation"),
                               {r.line()}});
        });
        each_table(root, "role", diags, [&](TableReader& r) {
            Role role{r.text("id", true), r.text("name", true), r.text("description")};
            const std::string sees = r.text("sees");
            if (sees == "all")
                role.sees = Visibility::all;
            else if (sees == "unit")
                role.sees = Visibility::unit;
            else if (sees == "reached")
                role.sees = Visibility::reached;
            else if (!sees.empty() && sees != "own")
                r.report(r.line(), "unknown_visibility", {sees, role.id});
            role.reached = r.texts("reached");
            role.passes_on = r.flag("passes_on", false);
            role.origin.line = r.line();
            p.roles.push_back(std::move(role));
        });
        each_table(root, "stage", diags, [&](TableReader& r) {
            p.stages.push_back({r.text("id", true),
                                r.text("name", true),
                                r.text("description"),
                                r.text("level"),
                                r.flag("final", false),
                                {r.line()}});
        });
        each_table(root, "field", diags, [&](TableReader& r) {
            Field f{r.text("id", true), r.text("name", true)};
            const std::string type = r.text("type", true);
            bool ok = true;
            f.type = field_type(type, ok);
            if (!ok && !type.empty())
                r.report(r.line(), "unknown_field_type", {type, f.id});
            f.options = r.texts("options");
            f.complainant_sees = r.flag("complainant_sees", false);
            f.analysis = r.text("analysis");
            f.notify_when = r.text("notify_when");
            f.notify = r.texts("notify");
            f.origin.line = r.line();
            p.fields.push_back(std::move(f));
        });
        each_table(root, "action", diags, [&](TableReader& r) {
            Action a;
            a.id = r.text("id", true);
            a.name = r.text("name", true);
            a.description = r.text("description");
            a.from = r.texts("from");
            if (std::string to = r.text("to"); !to.empty())
                a.to = to;
            a.roles = r.texts("roles");
            a.kinds = r.texts("kinds");
            a.requires_fields = r.texts("requires");
            a.optional_fields = r.texts("optional");
            a.recorded_fields = r.texts("recorded");
            a.letters = r.texts("letters");
            a.meets = r.texts("meets");
            a.stops = r.texts("stops");
            a.extends = r.texts("extends");
            a.extension = r.period("extension", false);
            a.pauses = r.flag("pauses", false);
            a.resumes = r.flag("resumes", false);
            a.sets_handler = r.flag("sets_handler", false);
            a.sets_about = r.flag("sets_about", false);
            a.becomes_kind = r.text("becomes_kind");
            a.external_reference = r.text("external_reference");
            a.source = r.text("source");
            a.origin.line = r.line();
            p.actions.push_back(std::move(a));
        });
        each_table(root, "deadline", diags, [&](TableReader& r) {
            Deadline d;
            d.id = r.text("id", true);
            d.name = r.text("name", true);
            d.description = r.text("description");
            d.anchors = r.texts("anchor");
            if (d.anchors.empty())
                d.anchors = {"received"};
            if (auto period = r.period("period", true))
                d.period = *period;
            d.kinds = r.texts("kinds");
            d.on_overdue.notify = r.texts("notify");
            d.on_overdue.escalate_to = r.text("escalate_to");
            d.on_overdue.escalate_after = r.period("escalate_after", false);
            if (auto before = r.period("remind_before", false)) {
                d.reminder = procedure::Reminder{*before};
                if (auto roles = r.texts("remind"); !roles.empty())
                    d.reminder->roles = roles;
            } else if (!r.texts("remind").empty()) {
                r.report(r.line(), "remind_without_period", {d.id});
            }
            d.urgent_period = r.period("urgent", false);
            d.internal = r.flag("internal", false);
            d.assumed = r.flag("assumed", false);
            d.source = r.text("source");
            d.origin.line = r.line();
            p.deadlines.push_back(std::move(d));
        });
        each_table(root, "letter", diags, [&](TableReader& r) {
            Letter l;
            l.id = r.text("id", true);
            l.name = r.text("name", true);
            l.to = r.texts("to");
            l.template_text = r.text("template");
            l.must_contain = r.texts("must_contain");
            l.source = r.text("source");
            l.origin.line = r.line();
            p.letters.push_back(std::move(l));
        });
        each_table(root, "rule", diags, [&](TableReader& r) {
            Rule rule;
            const std::string kind = r.text("kind", true);
            if (auto known = rules::parse_rule_kind(kind))
                rule.kind = *known;
            else if (!kind.empty())
                r.report(r.line(), "unknown_rule", {kind});
            rule.text = r.text("text", true);
            rule.source = r.text("source");
            rule.period = r.period("period", false);
            rule.stage = r.text("stage");
            rule.action = r.text("action");
            rule.field = r.text("field");
            rule.equals = r.text("equals");
            rule.letter = r.text("letter");
            rule.kind_to = r.text("kind_to");
            rule.kinds = r.texts("kinds");
            rule.origin.line = r.line();
            p.rules.push_back(std::move(rule));
        });
        each_table(root, "reporting", diags, [&](TableReader& r) {
            p.reporting.push_back({r.text("cadence", true),
                                   r.text("to", true),
                                   r.text("prepared_by"),
                                   r.text("description"),
                                   r.text("source"),
                                   {r.line()}});
        });
        if (const toml::node* measures = document.get("measures"); measures) {
            if (!measures->is_table()) {
                root.report(line_of(*measures), "expected_table", {"measures"});
            } else {
                TableReader r(*measures->as_table(), "[measures]", diags);
                MeasurePolicy m;
                m.propose = r.texts("propose");
                m.decide = r.texts("decide");
                m.decide_across_units = r.texts("decide_across_units");
                m.remind_before = r.period("remind_before", false);
                m.escalate_to = r.texts("escalate_to");
                m.description = r.text("description");
                m.source = r.text("source");
                m.origin.line = r.line();
                p.measures = std::move(m);
            }
        }
        root.known("measures");
        if (const toml::node* commitments = document.get("commitments"); commitments) {
            if (!commitments->is_table()) {
                root.report(line_of(*commitments), "expected_table", {"commitments"});
            } else {
                TableReader r(*commitments->as_table(), "[commitments]", diags);
                CommitmentPolicy m;
                m.remind_before = r.period("remind_before", false);
                m.escalate_to = r.texts("escalate_to");
                m.description = r.text("description");
                m.source = r.text("source");
                m.origin.line = r.line();
                p.commitments = std::move(m);
            }
        }
        root.known("commitments");
        each_table(root, "referral", diags, [&](TableReader& r) {
            Referral referral;
            referral.id = r.text("id", true);
            referral.units = r.texts("units");
            referral.kinds = r.texts("kinds");
            referral.to = r.text("to", true);
            referral.contact = r.text("contact");
            referral.stage = r.text("stage", true);
            referral.letter = r.text("letter");
            referral.source = r.text("source");
            referral.origin.line = r.line();
            p.referrals.push_back(std::move(referral));
        });
        each_table(root, "assumption", diags, [&](TableReader& r) {
            p.assumptions.push_back({r.text("text", true), r.text("source"), {r.line()}});
        });
    }
    if (diags.empty())
        result.procedure = std::move(p);
    return result;
}

}  // namespace meldpunt::procedure_file
