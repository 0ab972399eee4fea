// The register of improvement measures (issue 13): the list, a measure with the steps its reader
// may take, proposing and correcting one. The rules of who may do what are the service's
// (service/measure_register.hpp); these pages show what it allows and say in words what it refused.

#include "web/measure_pages.hpp"

#include <sstream>

#include "domain/calendar/instant.hpp"
#include "render/due_date_text.hpp"
#include "service/links.hpp"
#include "support/text.hpp"
#include "web/case_view.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

using service::MeasureView;

constexpr const char* kRegisterPath = "/werk/maatregelen";

std::string name_of(const std::map<std::string, std::string>& names, const std::string& email) {
    const auto found = names.find(email);
    return found == names.end() ? email : found->second;
}

std::string unit_name(const procedure::Procedure& procedure, const std::string& unit,
                      const messages::Catalogue& t) {
    if (unit.empty())
        return t.text("web.measure.across_units");
    const procedure::Unit* u = procedure.unit(unit);
    return u ? u->name : unit;
}

std::string status_text(const measure::Measure& m, bool overdue, const messages::Catalogue& t) {
    std::string text = t.text(std::string("web.measure.status_") + measure::status_name(m.status));
    if (overdue)
        text += " · " + t.text("web.measure.overdue");
    return text;
}

std::string day_text(const std::optional<calendar::Day>& day, const messages::Catalogue& t) {
    return day ? render::long_date(*day, t) : t.text("web.measure.not_set");
}

struct PageBasics {
    const procedure::Procedure& procedure;
    const calendar::WorkingCalendar& calendar;
    const std::map<std::string, std::string>& names;
    const messages::Catalogue& t;
};

mstch::map row_of(const PageBasics& b, const MeasureView& view) {
    const measure::Measure& m = view.stored.measure;
    return mstch::map{
        {"number", std::to_string(m.number)},
        {"has_units", !b.procedure.units.empty()},
        {"href", service::staff_measure_path(m.number)},
        {"title", m.draft.title},
        {"unit", unit_name(b.procedure, m.draft.unit, b.t)},
        {"owner", m.draft.owner.empty() ? b.t.text("web.measure.not_set") : name_of(b.names, m.draft.owner)},
        {"due", day_text(m.draft.due, b.t)},
        {"status", status_text(m, view.overdue, b.t)},
        {"overdue", view.overdue}};
}

// The fields of a measure's form, filled in with `d` (the measure, or what was typed).
mstch::map fields_of(WebContext& ctx, const PageBasics& b, const measure::Draft& d, const std::string& org) {
    mstch::array units{mstch::map{{"value", std::string()},
                                  {"name", b.t.text("web.measure.across_units")},
                                  {"selected", d.unit.empty()}}};
    for (const auto& u : b.procedure.units)
        units.push_back(mstch::map{{"value", u.id}, {"name", u.name}, {"selected", u.id == d.unit}});
    mstch::array owners{mstch::map{
        {"value", std::string()}, {"name", b.t.text("web.measure.not_set")}, {"selected", d.owner.empty()}}};
    for (const auto& person : ctx.directory.active_people(org))
        owners.push_back(mstch::map{
            {"value", person}, {"name", name_of(b.names, person)}, {"selected", person == d.owner}});
    const procedure::Field* cause = b.procedure.field_meaning("cause");
    mstch::array causes;
    if (cause)
        for (const auto& option : cause->options)
            causes.push_back(mstch::map{
                {"id", "cause-" + std::to_string(causes.size())},
                {"value", option},
                {"name", option_label(option, b.t)},
                {"checked", std::find(d.causes.begin(), d.causes.end(), option) != d.causes.end()}});
    std::string cases;
    for (const auto& reference : d.cases)
        cases += (cases.empty() ? "" : " ") + reference;
    std::string free_causes;
    for (const auto& c : d.causes)
        free_causes += (free_causes.empty() ? "" : "; ") + c;
    return mstch::map{
        {"title", d.title},
        {"reason", d.reason},
        {"cases", cases},
        {"units", units},
        {"has_units", !b.procedure.units.empty()},
        {"owners", owners},
        {"due", d.due ? calendar::format_day(*d.due) : std::string()},
        {"causes", causes},
        {"has_cause_options", !causes.empty()},
        {"has_free_causes", cause && cause->options.empty()},  // the procedure's cause is free text
        {"free_causes", free_causes}};
}

// What the form says a measure is; a refusal page's message when the due day is no date.
std::optional<std::string> draft_of(const Form& form, const procedure::Procedure& procedure,
                                    measure::Draft& d) {
    d.title = form.get("title");
    d.reason = form.get("reason");
    d.unit = form.get("unit");
    d.owner = form.get("owner");
    std::istringstream cases(form.get("cases"));
    for (std::string reference; cases >> reference;) {
        while (!reference.empty() && (reference.back() == ',' || reference.back() == ';'))
            reference.pop_back();
        if (!reference.empty())
            d.cases.push_back(reference);
    }
    const procedure::Field* cause = procedure.field_meaning("cause");
    if (cause && cause->options.empty()) {
        std::string all = form.get("free_causes");
        for (size_t start = 0; start <= all.size();) {
            const size_t end = std::min(all.find(';', start), all.size());
            if (auto one = support::trimmed(all.substr(start, end - start)); !one.empty())
                d.causes.push_back(one);
            start = end + 1;
        }
    } else {
        d.causes = form.every("causes");
    }
    const std::string due = support::trimmed(form.get("due"));
    if (!due.empty()) {
        d.due = calendar::parse_day(due);
        if (!d.due)
            return "web.measure.bad_due";
    }
    return std::nullopt;
}

// A refusal as the page says it: the field it is about in words where the service names one.
std::string refusal_text(WebContext& ctx, const WebRequest& request, const service::ServiceError& e) {
    const auto& t = request.catalogue(ctx);
    if (e.code == "invalid_field") {
        const std::string key = "web.measure.invalid_" + e.field;
        if (t.has(key))
            return t.text(key);
    }
    return message_of(request, ctx, e);
}

Response refused(WebContext& ctx, const WebCall& request, const service::ServiceError& e) {
    if (e.kind == service::ErrorKind::not_found)
        return error_page(ctx, request, 404, "error.not_found");
    return error_page(ctx, request, 403, "error.measures_forbidden");
}

struct Shown {
    std::string flash;
    std::string error;
    std::optional<measure::Draft> typed;  // the edit form as it was sent, when it was refused
};

Response show_measure(WebContext& ctx, const WebCall& request, int64_t number, int status,
                      const Shown& shown) {
    const auto& who = request.who();
    const auto& t = request.catalogue(ctx);
    auto result = ctx.measures.get(who, who.org, number, ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto& loaded = *result.value().procedure;
    const auto names = people_names(ctx, who.org);
    const PageBasics b{loaded.procedure, loaded.calendar, names, t};
    const MeasureView& view = result.value();
    const measure::Measure& m = view.stored.measure;
    mstch::array cases, causes, history, steps;
    for (const auto& reference : m.draft.cases)
        cases.push_back(mstch::map{{"reference", reference}, {"href", service::staff_case_path(reference)}});
    for (const auto& cause : m.draft.causes)
        causes.push_back(option_label(cause, t));
    for (const auto& e : m.history) {
        const auto when = loaded.calendar.local_day(calendar::from_unix_seconds(e.at));
        history.push_back(mstch::map{{"text", t.text("web.measure.event_" + e.what,
                                                     {render::long_date(when, t), name_of(names, e.by)})},
                                     {"note", e.note}});
    }
    for (auto step : view.steps) {
        const std::string name = measure::step_name(step);
        steps.push_back(
            mstch::map{{"step", name},
                       {"label", t.text("web.measure.step_" + name)},
                       {"hint", t.text("web.measure.step_" + name + "_hint")},
                       {"note_label", step == measure::Step::complete ? t.text("web.measure.evidence")
                                      : step == measure::Step::drop   ? t.text("web.measure.why_not")
                                                                      : std::string()},
                       {"needs_note", step == measure::Step::complete || step == measure::Step::drop}});
    }
    mstch::map context{
        {"measure", row_of(b, view)},
        {"reason", m.draft.reason},
        {"cases", cases},
        {"has_cases", !cases.empty()},
        {"causes", causes},
        {"has_causes", !causes.empty()},
        {"proposed",
         t.text("web.measure.by_on",
                {name_of(names, m.proposal().by),
                 render::long_date(loaded.calendar.local_day(calendar::from_unix_seconds(m.proposal().at)),
                                   t)})},
        {"decided",
         m.decided_at ? mstch::node(t.text(
                            "web.measure.by_on",
                            {name_of(names, m.decided_by),
                             render::long_date(
                                 loaded.calendar.local_day(calendar::from_unix_seconds(*m.decided_at)), t)}))
                      : mstch::node(false)},
        {"outcome", m.outcome},
        {"outcome_label", m.status == measure::Status::not_done ? t.text("web.measure.why_not")
                                                                : t.text("web.measure.evidence")},
        {"history", history},
        {"steps", steps},
        {"has_steps", !steps.empty()},
        {"version", std::to_string(view.stored.version)},
        {"edit", view.may_edit ? mstch::node(fields_of(ctx, b, shown.typed.value_or(m.draft), who.org))
                               : mstch::node(false)},
        {"flash", shown.flash},
        {"error", shown.error}};
    return html(
        ctx, request, status,
        ctx.pages.render("measure", context,
                         request.frame(t.text("web.measure.title") + " " + std::to_string(m.number))));
}

Response show_new(WebContext& ctx, const WebCall& request, int status, const measure::Draft& typed,
                  const std::string& error) {
    const auto& who = request.who();
    const auto& t = request.catalogue(ctx);
    const auto procedure = ctx.cases.current_procedure(who.org);
    if (!procedure || !procedure->procedure.measures)
        return error_page(ctx, request, 404, "error.not_found");
    if (!ctx.measures.may_propose(who, who.org))
        return error_page(ctx, request, 403, "error.measure_propose_forbidden");
    const auto& loaded = *procedure;
    const auto names = people_names(ctx, who.org);
    const PageBasics b{loaded.procedure, loaded.calendar, names, t};
    mstch::map context{{"fields", fields_of(ctx, b, typed, who.org)}, {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("measure_new", context, request.frame(t.text("web.measure.new_title"))));
}

}  // namespace

mstch::map case_measures(WebContext& ctx, const WebRequest& request, const std::string& reference) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto measures = ctx.measures.of_case(who, who.org, reference);
    if (!measures)
        return mstch::map{{"shown", false}};
    mstch::array rows;
    for (const auto& stored : *measures) {
        const auto& m = stored.measure;
        rows.push_back(mstch::map{
            {"href", service::staff_measure_path(m.number)},
            {"number", std::to_string(m.number)},
            {"title", m.draft.title},
            {"status", t.text(std::string("web.measure.status_") + measure::status_name(m.status))}});
    }
    const bool may_propose = ctx.measures.may_propose(who, who.org);
    return mstch::map{
        {"shown", true},
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"propose_href", may_propose ? mstch::node(std::string(kRegisterPath) + "/nieuw?zaak=" + reference)
                                     : mstch::node(false)}};
}

mstch::map dashboard_measures(WebContext& ctx, const WebRequest& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.measures.list(who, who.org, ctx.now());
    if (!result.ok())
        return mstch::map{{"has_rows", false}};
    std::vector<const MeasureView*> carried, to_decide;
    for (const auto& view : result.value().measures) {
        const auto& m = view.stored.measure;
        const bool running = m.status == measure::Status::decided || m.status == measure::Status::in_progress;
        if (running && m.draft.owner == who.email)
            carried.push_back(&view);
        else if (std::find(view.steps.begin(), view.steps.end(), measure::Step::decide) != view.steps.end())
            to_decide.push_back(&view);
    }
    std::stable_sort(carried.begin(), carried.end(), [](const MeasureView* a, const MeasureView* b) {
        return a->stored.measure.draft.due < b->stored.measure.draft.due;
    });
    mstch::array rows;
    const auto row = [&](const MeasureView& view, std::string note) {
        const auto& m = view.stored.measure;
        rows.push_back(mstch::map{{"href", service::staff_measure_path(m.number)},
                                  {"number", std::to_string(m.number)},
                                  {"title", m.draft.title},
                                  {"note", std::move(note)},
                                  {"overdue", view.overdue}});
    };
    for (const auto* view : carried)
        row(*view, t.text("web.measure.due_on", {day_text(view->stored.measure.draft.due, t)}));
    for (const auto* view : to_decide)
        row(*view, t.text("web.measure.awaits_decision"));
    return mstch::map{{"rows", rows}, {"has_rows", !rows.empty()}};
}

Response measures_page(WebContext& ctx, const WebCall& request) {
    const auto& who = request.who();
    const auto& t = request.catalogue(ctx);
    auto result = ctx.measures.list(who, who.org, ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto& list = result.value();
    const auto& loaded = *list.procedure;
    const auto names = people_names(ctx, who.org);
    const PageBasics b{loaded.procedure, loaded.calendar, names, t};
    mstch::array open, closed;
    for (const auto& view : list.measures)
        (measure::is_open(view.stored.measure.status) ? open : closed).push_back(row_of(b, view));
    const auto& policy = *loaded.procedure.measures;
    mstch::map context{{"has_units", !loaded.procedure.units.empty()},
                       {"description", policy.description},
                       {"source", policy.source},
                       {"may_propose", list.may_propose},
                       {"open", open},
                       {"has_open", !open.empty()},
                       {"closed", closed},
                       {"has_closed", !closed.empty()}};
    return html(ctx, request, 200,
                ctx.pages.render("measures", context, request.frame(t.text("web.measure.list_title"))));
}

Response measure_new_page(WebContext& ctx, const WebCall& request) {
    measure::Draft typed;
    if (const auto zaak = request.http.query.find("zaak");
        zaak != request.http.query.end() && !zaak->second.empty())
        typed.cases.push_back(zaak->second);
    return show_new(ctx, request, 200, typed, "");
}

Response measure_propose(WebContext& ctx, const WebCall& request) {
    const auto& who = request.who();
    const auto procedure = ctx.cases.current_procedure(who.org);
    if (!procedure)
        return error_page(ctx, request, 404, "error.not_found");
    measure::Draft draft;
    if (auto bad = draft_of(*request.form, procedure->procedure, draft))
        return show_new(ctx, request, 400, draft, request.catalogue(ctx).text(*bad));
    auto result = ctx.measures.propose(who, who.org, draft, ctx.now());
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return refused(ctx, request, *e);
        return show_new(ctx, request, http::http_status(e->kind), draft, refusal_text(ctx, request, *e));
    }
    return redirect(ctx, request,
                    service::staff_measure_path(result.value().stored.measure.number) + "?voorgesteld=1");
}

Response measure_page(WebContext& ctx, const WebCall& request) {
    const auto number = number_param(request);
    if (!number)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& query = request.http.query;
    const auto& t = request.catalogue(ctx);
    const std::string flash = query.contains("voorgesteld") ? t.text("web.measure.proposed")
                              : query.contains("gedaan")    ? t.text("web.measure.saved")
                                                            : "";
    return show_measure(ctx, request, *number, 200, {flash, "", std::nullopt});
}

Response measure_edit(WebContext& ctx, const WebCall& request) {
    const auto number = number_param(request);
    const auto& who = request.who();
    const auto procedure = ctx.cases.current_procedure(who.org);
    if (!number || !procedure)
        return error_page(ctx, request, 404, "error.not_found");
    measure::Draft draft;
    if (auto bad = draft_of(*request.form, procedure->procedure, draft))
        return show_measure(ctx, request, *number, 400, {"", request.catalogue(ctx).text(*bad), draft});
    auto result = ctx.measures.edit(who, who.org, *number, draft, form_version(*request.form), ctx.now());
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return refused(ctx, request, *e);
        return show_measure(ctx, request, *number, http::http_status(e->kind),
                            {"", refusal_text(ctx, request, *e), draft});
    }
    return redirect(ctx, request, service::staff_measure_path(*number) + "?gedaan=1");
}

Response measure_step(WebContext& ctx, const WebCall& request) {
    const auto number = number_param(request);
    if (!number)
        return error_page(ctx, request, 404, "error.not_found");
    const auto step = measure::parse_step(request.form->get("step"));
    if (!step)
        return error_page(ctx, request, 400, "error.bad_form");
    const auto& who = request.who();
    auto result = ctx.measures.step(who, who.org, *number, *step, request.form->get("note"),
                                    form_version(*request.form), ctx.now());
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return refused(ctx, request, *e);
        return show_measure(ctx, request, *number, http::http_status(e->kind),
                            {"", refusal_text(ctx, request, *e), std::nullopt});
    }
    return redirect(ctx, request, service::staff_measure_path(*number) + "?gedaan=1");
}

}  // namespace meldpunt::web
