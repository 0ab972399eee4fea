// The pages for staff: login, the dashboard, the register with CSV export, the case page with the
// actions the procedure allows this person now, the dossier, and intake by staff.

#include <algorithm>
#include <atomic>
#include <functional>

#include "domain/calendar/day.hpp"
#include "domain/calendar/due_date.hpp"
#include "domain/engine/engine.hpp"
#include "http/forwarded.hpp"
#include "procedure_file/validator.hpp"
#include "render/due_date_text.hpp"
#include "service/crypto.hpp"
#include "service/intake_input.hpp"
#include "service/register_query.hpp"
#include "web/case_view.hpp"
#include "web/cookies.hpp"
#include "web/delivery_rows.hpp"
#include "web/error_notice.hpp"
#include "web/handler_support.hpp"
#include "web/measure_pages.hpp"
#include "web/page_handlers.hpp"
#include "web/register_csv.hpp"
#include "web/register_table.hpp"

namespace meldpunt::web {

namespace {

// The organisation a browser last logged into, remembered for a year for the login page.
constexpr const char* kOrgCookie = "mp_org";
constexpr long kOrgCookieSeconds = 365L * 24 * 3600;

// At most this many cases in one download of the register (CSV or workbook).
// An export reads the register this many cases at a time, and sends a workbook in pieces this large.
constexpr int kExportPage = 500;
constexpr size_t kExportPiece = 256 * 1024;

constexpr int kPageSize = 50;

// A data subject's request shows on the dashboard this many days before its answer is due.
constexpr int kSubjectRequestSoonDays = 7;

// A case in a list: its kind and stage by the procedure's names, its handler by name, its next due
// day as a short Dutch date ("3 dec. 2026"), and whether that day has passed.
mstch::map summary_row(const service::CaseRecord& r, const PeopleNames& names, const messages::Catalogue& t,
                       calendar::Day today) {
    const auto& p = r.procedure->procedure;
    const auto* kind = p.kind(r.stored.state.kind);
    const auto handler = names.find(r.stored.state.handler);
    return {{"reference", r.stored.state.reference},
            {"subject", r.stored.subject},
            {"received", render::short_date(r.stored.state.received_on, t)},
            {"complainant", r.stored.state.complainant.anonymous ? t.text("web.case.anonymous")
                                                                 : r.stored.state.complainant.name},
            {"stage_name", stage_text(r.stored.state, p, t)},
            {"kind_name", kind ? kind->name : r.stored.state.kind},
            {"handler", handler != names.end() ? handler->second : r.stored.state.handler},
            {"next_due", r.stored.next_due ? render::short_date(*r.stored.next_due, t) : std::string()},
            {"overdue", r.stored.next_due && *r.stored.next_due < today && !r.stored.state.closed_on}};
}

Response login_form(WebContext& ctx, const WebRequest& request, int status, const std::string& error,
                    const std::string& org, const std::string& email, const std::string& flash = "") {
    mstch::array list;
    for (const auto& o : ctx.directory.organisations())
        list.push_back(mstch::map{{"id", o.id}, {"name", o.name}, {"selected", o.id == org}});
    return html(
        ctx, request, status,
        ctx.pages.render("login", {{"orgs", list}, {"error", error}, {"email", email}, {"flash", flash}},
                         request.frame(request.catalogue(ctx).text("web.login.title"))));
}

// The register's filters from the page's query string (the API's, parsed by the same function);
// a malformed one is answered with an error page.
support::Result<service::RegisterQuery, Response> register_query(WebContext& ctx, const WebRequest& request,
                                                                 int limit) {
    auto parameters = request.http.query;
    parameters.erase("limit");  // the page chooses its own
    auto parsed = service::parse_register_query(parameters);
    if (!parsed.ok())
        return error_page(ctx, request, 400, "error.bad_filter");
    auto q = std::move(parsed).value();
    q.query.limit = limit;
    return q;
}

std::string query_string(const service::RegisterQuery& q) {
    std::string out;
    auto add = [&](const char* name, const std::string& value) {
        if (value.empty())
            return;
        out += (out.empty() ? "?" : "&") + std::string(name) + "=";
        for (unsigned char c : value) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
                out += static_cast<char>(c);
            else {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", c);
                out += hex;
            }
        }
    };
    const auto day = [](const std::optional<calendar::Day>& d) { return d ? calendar::format_day(*d) : ""; };
    add("q", q.query.text);
    add("stage", q.query.stage);
    add("kind", q.query.kind);
    add("unit", q.query.unit);
    add("handler", q.query.handler);
    add("received_from", day(q.received_from));
    add("received_to", day(q.received_to));
    add("due_before", day(q.query.due_before));
    add("overdue", q.overdue ? "true" : "");
    add("sort", service::sort_name(q));
    return out;
}

// The correction form, filled in with the case as it is: the register's text, the complainant's
// details, the unit (when the procedure has units) and the people it is about.
mstch::map correction_form(const service::CaseRecord& record, const std::vector<std::string>& people,
                           const PeopleNames& names) {
    const auto& c = record.stored.state;
    mstch::array units, about;
    for (const auto& unit : record.procedure->procedure.units)
        units.push_back(mstch::map{{"id", unit.id}, {"name", unit.name}, {"selected", unit.id == c.unit}});
    std::vector<std::string> offered = people;
    for (const auto& person : c.about)  // someone it is about whose account has since been disabled
        if (std::find(offered.begin(), offered.end(), person) == offered.end())
            offered.push_back(person);
    for (const auto& person : offered) {
        const auto name = names.find(person);
        about.push_back(mstch::map{{"email", person},
                                   {"name", name == names.end() ? person : name->second},
                                   {"checked", c.is_about(person)}});
    }
    return mstch::map{{"subject", record.stored.subject},
                      {"description", record.stored.description},
                      {"anonymous", c.complainant.anonymous},  // their details are not shown, nor asked
                      {"unit_empty", c.unit.empty()},
                      {"name", c.complainant.name},
                      {"email", c.complainant.email},
                      {"phone", c.complainant.phone},
                      {"address", c.complainant.address},
                      {"reported_about", c.reported_about},
                      {"units", units},
                      {"has_units", !units.empty()},
                      {"people", about},
                      {"version", std::to_string(record.stored.version)}};
}

// The form that merges this case, a duplicate, into another: the open cases of the same
// complainant to choose from, or a number to type.
mstch::node merge_form(WebContext& ctx, const WebRequest& request, const service::CaseRecord& record) {
    const auto& who = *request.staff;
    if (record.stored.state.closed_on || !service::CaseService::may_end(who, record))
        return false;
    const auto& t = request.catalogue(ctx);
    mstch::array candidates;
    for (const auto& other : ctx.cases.possible_duplicates(who, record, ctx.now(), 5))
        candidates.push_back(mstch::map{
            {"reference", other.stored.state.reference},
            {"label",
             t.text("web.merge.candidate", {other.stored.state.reference, other.stored.subject,
                                            render::short_date(other.stored.state.received_on, t)})}});
    return mstch::map{{"candidates", candidates},
                      {"has_candidates", !candidates.empty()},
                      {"version", std::to_string(record.stored.version)}};
}

// The form that records a commitment to the complainant, for those who may (as a correction) on an
// open case whose procedure keeps commitments: whoever carries it out is chosen from the active
// people, the handler first chosen; the day from today on.
mstch::node commitment_form(const service::Principal& who, const service::CaseRecord& record,
                            const std::vector<std::string>& people, const PeopleNames& names,
                            calendar::Day today) {
    const auto& c = record.stored.state;
    if (!record.procedure->procedure.commitments || c.closed_on ||
        !service::CaseService::may_correct(who, record))
        return false;
    const std::string chosen = c.handler.empty() ? who.email : c.handler;
    mstch::array options;
    for (const auto& person : people) {
        const auto name = names.find(person);
        options.push_back(mstch::map{{"email", person},
                                     {"name", name == names.end() ? person : name->second},
                                     {"selected", person == chosen}});
    }
    return mstch::map{{"people", options},
                      {"today", calendar::format_day(today)},
                      {"version", std::to_string(record.stored.version)}};
}

// The forms that judge the case urgent (or no longer) and send it on to a unit or a person (002 §B),
// for those who may correct an open case.
mstch::node routing_form(const service::Principal& who, const service::CaseRecord& record,
                         const std::vector<std::string>& people, const PeopleNames& names) {
    const auto& c = record.stored.state;
    if (c.closed_on || !service::CaseService::may_correct(who, record))
        return false;
    mstch::array options, units;
    for (const auto& person : people) {
        const auto name = names.find(person);
        options.push_back(
            mstch::map{{"email", person}, {"name", name == names.end() ? person : name->second}});
    }
    for (const auto& unit : record.procedure->procedure.units)
        units.push_back(mstch::map{{"id", unit.id}, {"name", unit.name}, {"current", unit.id == c.unit}});
    return mstch::map{
        {"urgent", c.urgent},          {"may_forward", service::CaseService::may_forward(who, record)},
        {"people", options},           {"units", units},
        {"has_units", !units.empty()}, {"version", std::to_string(record.stored.version)}};
}

// A step that waits for another system's reference (service/held_steps.cpp), or that could not be
// taken when the reference came: what, since when and by whom, in staff's words.
mstch::node held_notice(const service::Principal& who, const service::CaseRecord& record,
                        const PeopleNames& names, const messages::Catalogue& t) {
    if (!record.held)
        return false;
    const auto& held = *record.held;
    const auto& p = record.procedure->procedure;
    const auto* action = p.action(held.action);
    const auto* field = p.field(held.field);
    const std::string step = action ? action->name : held.action;
    const std::string what = field ? field->name : held.field;
    const bool refused = held.status != "waiting";
    const bool may_release = service::CaseService::may_take_held(who, record);
    std::string text;
    if (!refused)
        text = t.text("web.held.waiting",
                      {step, what, render::long_moment(held.requested_at, record.procedure->calendar, t),
                       person_name(names, held.actor)});
    else if (held.error == "actor_inactive")
        text = t.text("web.held.refused_actor", {step, what, person_name(names, held.actor)});
    else
        text = t.text("web.held.refused", {step, what});
    return mstch::map{{"refused", refused}, {"text", text}, {"may_release", may_release}};
}

Response show_case(WebContext& ctx, const WebRequest& request, const std::string& reference, int status,
                   const std::string& flash, const ErrorNotice& error) {
    const auto& who = *request.staff;
    auto result = ctx.cases.get(who, who.org, reference);
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    note_access(ctx, request, service::kOpenedCase, reference, "");
    const auto& record = result.value();
    const auto& t = request.catalogue(ctx);
    const auto today = record.procedure->calendar.local_day(ctx.now());
    const auto names = people_names(ctx, who.org);
    const auto people = ctx.directory.active_people(who.org);
    auto actions = action_forms(record, who, t, {people, {}, names});
    const bool has_actions = !actions.empty();
    auto sent = ctx.cases.deliveries(who, who.org, reference);
    const auto messages =
        sent.ok() ? delivery_rows(sent.value(), record.procedure->calendar, t) : mstch::array{};
    // Messages new to this reader are marked once: this view reads them.
    const int64_t last = record.messages.empty() ? 0 : record.messages.back().seq;
    const Reading reading{who.email, ctx.cases.mark_read(who, who.org, reference, last)};
    mstch::map context{
        {"case", case_view(service::view_case(record, today), t, Audience::staff, names, reading)},
        {"case_reference", reference},
        {"messages", messages},
        {"has_messages", !messages.empty()},
        {"actions", actions},
        {"has_actions", has_actions},
        {"correction", service::CaseService::may_correct(who, record)
                           ? mstch::node(correction_form(record, people, names))
                           : mstch::node(false)},
        {"merge", merge_form(ctx, request, record)},
        {"commitment_form", commitment_form(who, record, people, names, today)},
        {"routing", routing_form(who, record, people, names)},
        {"held", held_notice(who, record, names, t)},
        {"commitment_manage", service::CaseService::may_correct(who, record)},
        {"measures", case_measures(ctx, request, reference)},
        {"may_write", !record.shared_documents_only && record.stored.state.merged_into.empty()},
        {"may_read_access_log", !record.shared_documents_only},
        {"flash", flash}};
    error.add_to(context);
    return html(ctx, request, status,
                ctx.pages.render("case", context, request.frame(t.text("web.case.title") + " " + reference)));
}

// The case page after a change by staff: the refusal in words on the page, or on to the page with
// `done` (a query and fragment saying what was done).
template <typename T>
Response after_case_change(WebContext& ctx, const WebCall& request, const std::string& reference,
                           const service::Result<T>& result, const std::string& done) {
    if (auto* e = result.failure())
        return show_case(ctx, request, reference, http::http_status(e->kind), "",
                         error_notice(ctx, request, *e, request.staff->org, "", "/werk/zaken/" + reference));
    return redirect(ctx, request, "/werk/zaken/" + reference + done);
}

}  // namespace

Response login_page(WebContext& ctx, const WebCall& request) {
    if (request.staff)
        return redirect(ctx, request, "/werk");
    // The organisation last logged into from this browser; none: the one the e-mail address has.
    const auto cookies = parse_cookies(request.http.header("cookie"));
    const auto last = cookies.find(kOrgCookie);
    Response r = login_form(ctx, request, 200, "", last == cookies.end() ? "" : last->second, "",
                            request.http.query.contains("wachtwoord")
                                ? request.catalogue(ctx).text("web.password.set_done")
                                : "");
    return r;
}

Response login(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    auto result = ctx.sessions.login({form->get("org"), form->get("email"), form->get("password"),
                                      http::client_group(request.http.remote)},
                                     ctx.now());
    if (auto* e = result.failure())
        return login_form(ctx, request, http::http_status(e->kind), message_of(request, ctx, *e),
                          form->get("org"), form->get("email"));
    const auto& session = result.value();
    Response r = redirect(ctx, request, "/werk");
    r.headers.push_back(
        {"Set-Cookie", set_cookie(session_cookie(ctx), session.token,
                                  {ctx.secure_cookies, "Lax", service::Sessions::kLifetimeSeconds})});
    // The form token changes with the login: bound to the new session (web_request.hpp).
    r.headers.push_back({"Set-Cookie", set_cookie(csrf_cookie(ctx), csrf_for_session(session.token),
                                                  {ctx.secure_cookies, "Strict", -1})});
    r.headers.push_back(
        {"Set-Cookie", set_cookie(kOrgCookie, session.org, {ctx.secure_cookies, "Lax", kOrgCookieSeconds})});
    return r;
}

Response logout(WebContext& ctx, const WebCall& request) {
    ctx.sessions.logout(request.session_token, ctx.now());
    Response r = redirect(ctx, request, "/");
    r.headers.push_back({"Set-Cookie", set_cookie(session_cookie(ctx), "", {ctx.secure_cookies, "Lax", 0})});
    // The session's form token goes with it: the next form starts afresh.
    r.headers.push_back({"Set-Cookie", set_cookie(csrf_cookie(ctx), service::random_token(),
                                                  {ctx.secure_cookies, "Strict", -1})});
    return r;
}

namespace {

// Effects that reached nobody, in words: "Melding aan de leidinggevende: termijn verstreken op 18
// januari 2027".
// Data subjects' requests to answer within a week or overdue, for those who handle them (whoever
// sees every case; for anyone else the desk refuses and the list is empty). By number and right
// only: a dashboard is read over shoulders.
mstch::array subject_request_rows(WebContext& ctx, const service::Principal& who,
                                  const messages::Catalogue& t) {
    mstch::array rows;
    auto requests = ctx.subjects.requests(who, who.org, ctx.now());
    if (!requests.ok())
        return rows;
    for (const auto& view : requests.value())
        if (view.request.outcome.empty() && view.due.due && view.days_left <= kSubjectRequestSoonDays)
            rows.push_back(mstch::map{
                {"id", std::to_string(view.request.id)},
                {"what",
                 t.text(view.overdue ? "web.dashboard.subject_overdue" : "web.dashboard.subject_due",
                        {std::to_string(view.request.id), t.text("web.subject.right_" + view.request.right),
                         render::long_date(*view.due.due, t)})}});
    return rows;
}

mstch::array untold_rows(const std::vector<storage::EffectRecord>& effects,
                         const procedure::Procedure& procedure, const messages::Catalogue& t) {
    mstch::array rows;
    for (const auto& e : effects) {
        // A proposal names the action it proposes, the others their deadline.
        const auto* action = e.kind == "proposal" ? procedure.action(e.deadline) : nullptr;
        const auto* deadline = e.kind == "proposal" ? nullptr : procedure.deadline(e.deadline);
        const bool commitment = e.kind.starts_with("commitment_");
        const std::string name = commitment ? t.text("web.dashboard.commitment", {e.deadline})
                                 : deadline ? deadline->name
                                 : action   ? action->name
                                            : e.deadline;
        rows.push_back(mstch::map{
            {"reference", e.reference},
            {"what", t.text("web.dashboard.untold_" + e.kind, {name, render::long_date(e.due, t)})}});
    }
    return rows;
}

}  // namespace

namespace {

// The last day that counts as "soon" on the dashboard: the procedure's longest reminder period
// from today (a deadline due by then is one its reminders already speak of), else 3 working days.
calendar::Day soon_until(const procedure::Procedure& procedure, const calendar::WorkingCalendar& calendar,
                         calendar::Day today) {
    auto working_days_on = [&](int n) {
        calendar::Day day = today;
        for (int counted = 0; counted < n;) {
            day += std::chrono::days{1};
            if (calendar.is_working_day(day))
                ++counted;
        }
        return day;
    };
    std::optional<calendar::Day> until;
    for (const auto& deadline : procedure.deadlines) {
        if (!deadline.reminder)
            continue;
        const auto& period = deadline.reminder->before;
        const calendar::Day end = period.unit == calendar::PeriodUnit::working_days
                                      ? working_days_on(period.count)
                                      : calendar::add_calendar_period(today, period);
        if (!until || end > *until)
            until = end;
    }
    return until ? *until : working_days_on(3);
}

// Whether the case waits for a step of one of `who`'s own roles: its stage moves on only by steps
// of roles (not open in every stage, not the complainant's to take as well, such as withdrawing),
// none of them its assigned handler's, and `who` may take one of them now: the manager's
// assignment, the quality manager's closing, the director's decision.
bool waits_for_my_role(const service::CaseRecord& r, const service::Principal& who) {
    const auto& p = r.procedure->procedure;
    const auto& c = r.stored.state;
    const auto has = [](const std::vector<std::string>& list, const char* value) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };
    const auto moves_on = [&](const procedure::Action& action) {
        return action.to && !has(action.from, "*") && !has(action.roles, "complainant") &&
               std::find(action.from.begin(), action.from.end(), c.stage) != action.from.end();
    };
    for (const auto& action : p.actions)
        if (moves_on(action) && has(action.roles, "handler") && !c.handler.empty())
            return false;  // it waits for its handler
    const cases::Engine engine(p, r.procedure->calendar);
    const auto roles = who.roles_for_unit(c.unit);
    for (const auto& id : engine.available_actions(c, {who.email, roles})) {
        const auto* action = p.action(id);
        if (!action || !moves_on(*action))
            continue;
        for (const auto& role : action->roles)
            if (role != "handler" && std::find(roles.begin(), roles.end(), role) != roles.end())
                return true;
    }
    return false;
}

}  // namespace

Response dashboard(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const auto& calendar = loaded->calendar;
    const auto today = calendar.local_day(ctx.now());
    const calendar::Day soon = soon_until(loaded->procedure, calendar, today);
    // The newest 500 cases this person may see (the page says so when there are more: the register
    // has everything).
    service::RegisterQuery q;
    q.query.limit = 500;
    q.query.order = storage::CaseQuery::Order::newest_first;
    auto result = ctx.cases.list(who, who.org, q, ctx.now());
    std::vector<service::CaseRecord> records;
    if (auto* list = result.success())
        records = std::move(*list);
    std::map<std::string, int> per_stage;
    std::vector<const service::CaseRecord*> mine, unassigned, overdue, due_soon, for_my_role, waiting;
    for (const auto& r : records) {
        const auto* stage = loaded->procedure.stage(r.stored.state.stage);
        if (!r.stored.state.merged_into.empty())
            continue;  // in no stage of its own any more, and nothing to do
        ++per_stage[r.stored.state.stage];
        if (stage && stage->final)
            continue;
        if (r.stored.state.handler == who.email)
            mine.push_back(&r);
        if (r.stored.state.handler.empty())
            unassigned.push_back(&r);
        if (r.stored.next_due && *r.stored.next_due < today)
            overdue.push_back(&r);
        else if (r.stored.next_due && *r.stored.next_due <= soon)
            due_soon.push_back(&r);
        if (waits_for_my_role(r, who))
            for_my_role.push_back(&r);
        if (r.stored.state.paused)
            waiting.push_back(&r);
    }
    // What needs a deadline's attention first, the soonest due first.
    const auto by_due = [](const service::CaseRecord* a, const service::CaseRecord* b) {
        return a->stored.next_due < b->stored.next_due;
    };
    std::stable_sort(overdue.begin(), overdue.end(), by_due);
    std::stable_sort(due_soon.begin(), due_soon.end(), by_due);
    mstch::array stages;
    for (const auto& s : loaded->procedure.stages)
        stages.push_back(
            mstch::map{{"id", s.id}, {"name", s.name}, {"count", std::to_string(per_stage[s.id])}});
    const auto names = people_names(ctx, who.org);
    // Each list shows its first kShortList cases, and links to the register for all of them where
    // the register can select them.
    constexpr size_t kShortList = 10;
    auto list = [&](const char* id, const std::string& title,
                    const std::vector<const service::CaseRecord*>& cases, const std::string& all_href) {
        mstch::array rows;
        for (size_t i = 0; i < cases.size() && i < kShortList; ++i)
            rows.push_back(summary_row(*cases[i], names, t, today));
        return mstch::map{{"id", std::string(id)},
                          {"title", title},
                          {"cases", rows},
                          {"has_cases", !rows.empty()},
                          {"count", std::to_string(cases.size())},
                          {"more_href", cases.size() > kShortList ? all_href : std::string()}};
    };
    // The register's view of each list, with the register's own query string.
    const auto register_href = [](auto&& choose) {
        service::RegisterQuery view;
        choose(view);
        return "/werk/zaken" + query_string(view);
    };
    const std::string overdue_href = register_href([](service::RegisterQuery& view) {
        view.overdue = true;
        view.query.order = storage::CaseQuery::Order::next_due;
    });
    const std::string soon_href = register_href([&](service::RegisterQuery& view) {
        view.query.due_before = soon + std::chrono::days{1};
        view.query.order = storage::CaseQuery::Order::next_due;
    });
    const std::string mine_href =
        register_href([&](service::RegisterQuery& view) { view.query.handler = who.email; });
    mstch::array today_lists{
        list("overdue", t.text("web.dashboard.overdue"), overdue, overdue_href),
        list("soon", t.text("web.dashboard.soon", {render::short_date(soon, t)}), due_soon, soon_href),
        list("my-role", t.text("web.dashboard.for_my_role"), for_my_role, "")};
    mstch::array lists{list("mine", t.text("web.dashboard.mine"), mine, mine_href),
                       list("unassigned", t.text("web.dashboard.unassigned"), unassigned, ""),
                       list("waiting", t.text("web.dashboard.waiting"), waiting, "")};
    // Messages from complainants this person has not read, on cases they see: the last 60 days.
    mstch::array new_messages;
    for (const auto& unread : ctx.cases.unread(who, who.org, ctx.now(), 60, kShortList))
        new_messages.push_back(mstch::map{
            {"reference", unread.reference},
            {"subject", unread.subject},
            {"count_text", t.text("web.dashboard.new_messages_item", {std::to_string(unread.count)})},
            {"latest_text",
             render::short_date(
                 calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{unread.latest_at}}), t)}});
    const auto undelivered = delivery_rows(ctx.cases.undelivered(who, who.org, 20), calendar, t);
    const auto untold = untold_rows(ctx.cases.untold(who, who.org, 20), loaded->procedure, t);
    const auto subject_requests = subject_request_rows(ctx, who, t);
    return html(ctx, request, 200,
                ctx.pages.render("dashboard",
                                 {{"stages", stages},
                                  {"new_messages", new_messages},
                                  {"has_new_messages", !new_messages.empty()},
                                  {"today_lists", today_lists},
                                  {"measures", dashboard_measures(ctx, request)},
                                  {"lists", lists},
                                  {"undelivered", undelivered},
                                  {"has_undelivered", !undelivered.empty()},
                                  {"untold", untold},
                                  {"has_untold", !untold.empty()},
                                  {"subject_requests", subject_requests},
                                  {"has_subject_requests", !subject_requests.empty()},
                                  {"truncated", static_cast<int>(records.size()) == q.query.limit}},
                                 request.frame(t.text("web.dashboard.title"))));
}

Response post_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const auto queue = ctx.cases.print_queue(who, who.org);
    const auto letters = delivery_rows(queue, loaded->calendar, t);
    // The PDF prints what this page lists, not a letter queued since (it would be printed and
    // posted without being marked).
    const std::string last = queue.empty() ? "0" : std::to_string(queue.back().id);
    const auto found = request.http.query.find("gedaan");
    const std::string done = found == request.http.query.end() ? "" : found->second;
    const bool counted =
        !done.empty() && done.size() < 10 && done.find_first_not_of("0123456789") == std::string::npos;
    return html(ctx, request, 200,
                ctx.pages.render("post",
                                 {{"letters", letters},
                                  {"has_letters", !letters.empty()},
                                  {"last_id", last},
                                  {"flash", counted ? t.text("web.post.done", {done}) : std::string()}},
                                 request.frame(t.text("web.post.title"))));
}

Response post_batch(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const std::string today = calendar::format_day(loaded->calendar.local_day(ctx.now()));
    const auto up_to = request.http.query.find("tot");
    const std::string last = up_to == request.http.query.end() ? "" : up_to->second;
    if (last.empty() || last.size() > 18 || last.find_first_not_of("0123456789") != std::string::npos)
        return error_page(ctx, request, 404, "error.not_found");
    auto result =
        ctx.cases.print_batch(who, who.org, std::stoll(last), t.text("web.post.batch_title", {today}));
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    note_access(ctx, request, service::kOpenedExport, "", "post " + last);
    auto& batch = result.value();
    return pdf_download(batch.file_name, std::move(batch.bytes));
}

Response post_mark(WebContext& ctx, const WebCall& request) {
    std::vector<int64_t> ids;
    for (const auto& id : request.form->every("id"))
        if (id.size() < 19 && id.find_first_not_of("0123456789") == std::string::npos)
            ids.push_back(std::stoll(id));
    const int posted = ctx.cases.mark_posted(*request.staff, request.staff->org, ids, ctx.now());
    return redirect(ctx, request, "/werk/post?gedaan=" + std::to_string(posted));
}

Response register_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    auto filters = register_query(ctx, request, kPageSize);
    if (auto* refusal = filters.failure())
        return *refusal;
    const auto& q = filters.value();
    auto result = ctx.cases.list(who, who.org, q, ctx.now());
    if (auto* e = result.failure())
        return error_page(ctx, request, http::http_status(e->kind), "error.not_found");
    const auto& records = result.value();
    mstch::array rows, stages, kinds;
    const auto names = people_names(ctx, who.org);
    const auto today = loaded->calendar.local_day(ctx.now());
    for (const auto& r : records)
        rows.push_back(summary_row(r, names, t, today));
    for (const auto& s : loaded->procedure.stages)
        stages.push_back(mstch::map{{"id", s.id}, {"name", s.name}, {"selected", s.id == q.query.stage}});
    for (const auto& k : loaded->procedure.kinds)
        kinds.push_back(mstch::map{{"id", k.id}, {"name", k.name}, {"selected", k.id == q.query.kind}});
    mstch::array units, handlers;
    for (const auto& u : loaded->procedure.units)
        units.push_back(mstch::map{{"id", u.id}, {"name", u.name}, {"selected", u.id == q.query.unit}});
    std::vector<std::pair<std::string, std::string>> people;  // (name, address), by name
    for (const auto& person : ctx.directory.people(who.org))
        people.emplace_back(person.name.empty() ? person.email : person.name, person.email);
    std::sort(people.begin(), people.end());
    for (const auto& [name, address] : people)
        handlers.push_back(
            mstch::map{{"id", address}, {"name", name}, {"selected", address == q.query.handler}});
    mstch::array sorts;
    for (const char* sort : {"oldest", "newest", "due"})
        sorts.push_back(
            mstch::map{{"id", std::string(sort)},
                       {"name", t.text(std::string("web.register.sort_") + sort)},
                       {"selected", sort == service::sort_name(q) ||
                                        (std::string(sort) == "oldest" && service::sort_name(q).empty())}});
    const std::string query = query_string(q);
    std::string next;
    if (static_cast<int>(records.size()) == kPageSize)
        next = "/werk/zaken" + query + (query.empty() ? "?" : "&") +
               "cursor=" + service::next_cursor(q, records.back());
    const bool has_cases = !rows.empty();
    const auto day = [](const std::optional<calendar::Day>& d) { return d ? calendar::format_day(*d) : ""; };
    mstch::map context{{"cases", rows},
                       {"has_cases", has_cases},
                       {"stages", stages},
                       {"kinds", kinds},
                       {"units", units},
                       {"has_units", !units.empty()},
                       {"handlers", handlers},
                       {"sorts", sorts},
                       {"q", q.query.text},
                       {"received_from", day(q.received_from)},
                       {"received_to", day(q.received_to)},
                       {"overdue", q.overdue},
                       {"next_href", next},
                       {"csv_href", "/werk/zaken.csv" + query},
                       {"xlsx_href", "/werk/zaken.xlsx" + query}};
    return html(ctx, request, 200,
                ctx.pages.render("register", context, request.frame(t.text("web.register.title"))));
}

namespace {

// One of the few workbooks a server makes at a time (register_xlsx).
class WorkbookSlot {
  public:
    static constexpr int kAtOnce = 2;
    // A slot, or none while kAtOnce workbooks are being made.
    static std::shared_ptr<WorkbookSlot> take() {
        if (taken_.fetch_add(1) >= kAtOnce) {
            --taken_;
            return nullptr;
        }
        return std::shared_ptr<WorkbookSlot>(new WorkbookSlot);
    }
    ~WorkbookSlot() { --taken_; }
    WorkbookSlot(const WorkbookSlot&) = delete;
    WorkbookSlot& operator=(const WorkbookSlot&) = delete;

  private:
    WorkbookSlot() = default;
    static inline std::atomic<int> taken_{0};
};

// The register's selection (the page's filters and order) for an export, read a page at a time
// as the download goes out: a register of any size in memory that does not grow with it.
class SelectedPages {
  public:
    SelectedPages(WebContext& ctx, service::Principal who, service::RegisterQuery query)
        : ctx_(ctx), who_(std::move(who)), query_(std::move(query)) {}

    // The next page; empty once the selection is through. Throws when the register cannot be read
    // (the download then breaks off rather than end early as if complete).
    std::vector<service::CaseRecord> next() {
        if (done_)
            return {};
        auto result = ctx_.cases.list(who_, who_.org, query_, ctx_.now());
        if (auto* refused = result.failure())
            throw std::runtime_error("the register's next page was refused: " + refused->code);
        auto records = std::move(result.value());
        done_ = static_cast<int>(records.size()) < query_.query.limit;
        if (!done_)
            service::continue_at(query_, service::next_cursor(query_, records.back()));
        return records;
    }

  private:
    WebContext& ctx_;
    service::Principal who_;
    service::RegisterQuery query_;
    bool done_ = false;
};

std::map<std::string, std::string> names_by_email(WebContext& ctx, const std::string& org) {
    std::map<std::string, std::string> names;
    for (const auto& person : ctx.directory.people(org))
        names.emplace(person.email, person.name);
    return names;
}

}  // namespace

namespace {

// The names of an export's filters ("?q&sort"), not their values: a search word may be someone's
// name, and the access log outlives the cases (issue 15).
std::string filters_named(const http::Request& request) {
    std::string out;
    for (const auto& [name, value] : request.query)
        out += (out.empty() ? "?" : "&") + name;
    return out;
}

}  // namespace

Response register_csv(WebContext& ctx, const WebCall& request) {
    auto filters = register_query(ctx, request, kExportPage);
    if (auto* refusal = filters.failure())
        return *refusal;
    note_access(ctx, request, service::kOpenedExport, "", "register.csv" + filters_named(request.http));
    struct Export {
        SelectedPages pages;
        RegisterCsv csv;
    };
    auto state = std::make_shared<Export>(
        Export{SelectedPages(ctx, *request.staff, std::move(filters.value())),
               RegisterCsv(request.catalogue(ctx), names_by_email(ctx, request.staff->org))});
    Response r{200,
               "text/csv; charset=utf-8",
               "",
               {{"Content-Disposition", "attachment; filename=\"register.csv\""}}};
    r.stream = [state](std::string& piece) {
        const auto page = state->pages.next();
        state->csv.add(page);
        piece = state->csv.take();
        return !page.empty();
    };
    finish(ctx, request, r);
    return r;
}

// The same selection as an Excel workbook: one sheet, dates as dates. A selection larger than an
// Excel sheet (StreamedSheet::kMostRows) breaks off: the CSV holds any number. A workbook is
// written whole before its first byte goes out (a zip file ends with its index), so a server makes
// few at a time: each may read the whole register and fill a temporary file.
Response register_xlsx(WebContext& ctx, const WebCall& request) {
    auto filters = register_query(ctx, request, kExportPage);
    if (auto* refusal = filters.failure())
        return *refusal;
    note_access(ctx, request, service::kOpenedExport, "", "register.xlsx" + filters_named(request.http));
    auto slot = WorkbookSlot::take();
    if (!slot) {
        auto busy = error_page(ctx, request, 503, "error.exports_busy");
        busy.headers.push_back({"Retry-After", "60"});
        return busy;
    }
    const auto& t = request.catalogue(ctx);
    std::vector<std::string> taken;
    struct Export {
        Export(SelectedPages p, std::map<std::string, std::string> n, const messages::Catalogue& l,
               const std::string& sheet_name)
            : pages(std::move(p)), names(std::move(n)), language(l), sheet(sheet_name, register_header(l)) {}
        SelectedPages pages;
        std::map<std::string, std::string> names;
        const messages::Catalogue& language;
        spreadsheet::StreamedSheet sheet;
        bool written = false;                // every row is in the sheet: its bytes go out
        std::shared_ptr<WorkbookSlot> slot;  // given back when the download ends, however it ends
    };
    auto state = std::make_shared<Export>(SelectedPages(ctx, *request.staff, std::move(filters.value())),
                                          names_by_email(ctx, request.staff->org), t,
                                          spreadsheet::sheet_name(t.text("web.register.sheet_name"), taken));
    state->slot = std::move(slot);
    Response r{200,
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "",
               {{"Content-Disposition", "attachment; filename=\"register.xlsx\""}}};
    // A page of rows per call until the selection (or the sheet) is full, then the workbook's bytes.
    r.stream = [state](std::string& piece) {
        if (!state->written) {
            const auto page = state->pages.next();
            for (const auto& record : page)
                state->sheet.add(register_row(record, state->names, state->language));
            state->written = page.empty();
            return true;
        }
        piece = state->sheet.read(kExportPiece);
        return !piece.empty();
    };
    finish(ctx, request, r);
    return r;
}

Response case_page(WebContext& ctx, const WebCall& request) {
    const auto& query = request.http.query;
    const auto& t = request.catalogue(ctx);
    const auto merged = query.find("samengevoegd");
    const std::string flash = query.contains("gecorrigeerd")        ? t.text("web.correct.done")
                              : merged != query.end()               ? t.text("web.merge.done")
                              : query.contains("gedaan")            ? t.text("web.case.done")
                              : query.contains("afspraak")          ? t.text("web.commitment.saved")
                              : query.contains("doorgestuurd")      ? t.text("web.routing.forwarded")
                              : query.contains("urgentie")          ? t.text("web.routing.urgency_saved")
                              : query.contains("wacht")             ? t.text("web.held.flash_waiting")
                              : query.contains("niet-meer-wachten") ? t.text("web.held.flash_released")
                                                                    : "";
    return show_case(ctx, request, request.param("reference"), 200, flash, ErrorNotice{});
}

Response case_action(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const std::optional<int64_t> version = form_version(*form);
    service::ActionInput input{form->get("action"), std::nullopt, action_fields(*form)};
    const auto& reference = request.param("reference");
    auto result = ctx.cases.act(*request.staff, request.staff->org, reference, input, version, ctx.now());
    if (auto* e = result.failure())
        return show_case(
            ctx, request, reference, http::http_status(e->kind), "",
            error_notice(ctx, request, *e, request.staff->org, input.action, "/werk/zaken/" + reference));
    return redirect(ctx, request,
                    "/werk/zaken/" + reference + (result.value().held ? "?wacht=1#wachtend" : "?gedaan=1"));
}

// Staff stop waiting for another system's reference: the held step is dropped.
Response case_stop_waiting(WebContext& ctx, const WebCall& request) {
    const auto& reference = request.param("reference");
    auto result = ctx.cases.release_held(*request.staff, request.staff->org, reference, ctx.now());
    return after_case_change(ctx, request, reference, result, "?niet-meer-wachten=1");
}

// Corrected details from the case page's form (which sends every field it shows; the people it is
// about only with the marker that the list was shown).
Response case_correct(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const std::optional<int64_t> version = form_version(*form);
    service::CorrectionInput input;
    const auto given = [&](const char* field) -> std::optional<std::string> {
        if (!form->has(field))
            return std::nullopt;
        return form->get(field);
    };
    input.subject = given("subject");
    input.description = given("description");
    input.name = given("name");
    input.email = given("email");
    input.phone = given("phone");
    input.address = given("address");
    input.reported_about = given("reported_about");
    input.unit = given("unit");
    if (form->has("about_shown"))
        input.about = form->every("about");
    const auto& reference = request.param("reference");
    auto result = ctx.cases.correct(*request.staff, request.staff->org, reference, input, version, ctx.now());
    return after_case_change(ctx, request, reference, result, "?gecorrigeerd=1");
}

// The case page's merge form: the case chosen from the list, or the number typed (which wins), once
// the person ticked that they understand the case closes.
Response case_merge(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& reference = request.param("reference");
    const auto& t = request.catalogue(ctx);
    if (form->get("confirm") != "1")
        return show_case(ctx, request, reference, 422, "", ErrorNotice(t.text("web.merge.need_confirm")));
    const std::optional<int64_t> version = form_version(*form);
    const std::string typed = form->get("into_typed");
    const std::string into = typed.find_first_not_of(" \t") != std::string::npos ? typed : form->get("into");
    auto result = ctx.cases.merge(*request.staff, request.staff->org, reference, into, version, ctx.now());
    return after_case_change(ctx, request, reference, result, "?samengevoegd=1");
}

// A commitment to the complainant from the case page's form (003 §Werkwijze 4).
Response case_commitment(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& reference = request.param("reference");
    const service::CommitmentInput input{form->get("what"), form->get("who"), form->get("due"),
                                         form->get("complainant_sees") == "1"};
    auto result = ctx.cases.promise(*request.staff, request.staff->org, reference, input, form_version(*form),
                                    ctx.now());
    return after_case_change(ctx, request, reference, result, "?afspraak=1#afspraken");
}

// The case judged urgent, or no longer (the form sends the new state).
Response case_urgency(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& reference = request.param("reference");
    auto result =
        ctx.cases.set_urgency(*request.staff, request.staff->org, reference, form->get("urgent") == "1",
                              form->get("note"), form_version(*form), ctx.now());
    return after_case_change(ctx, request, reference, result, "?urgentie=1");
}

// The case sent on to a unit and/or a person, with a note.
Response case_forward(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& reference = request.param("reference");
    const service::ForwardInput input{form->get("unit"), form->get("to"), form->get("note")};
    auto result = ctx.cases.forward(*request.staff, request.staff->org, reference, input, form_version(*form),
                                    ctx.now());
    return after_case_change(ctx, request, reference, result, "?doorgestuurd=1");
}

// A commitment carried out ("done", with how) or waived (with the reason).
Response case_commitment_settle(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& reference = request.param("reference");
    auto result =
        ctx.cases.settle_commitment(*request.staff, request.staff->org, reference, request.param("id"),
                                    form->get("outcome"), form->get("note"), ctx.now());
    return after_case_change(ctx, request, reference, result, "?afspraak=1#afspraken");
}

// A reply to the complainant (shared: they read it in the portal and get it by e-mail) or an
// internal note, with any files sent with it.
Response case_message(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const std::string visibility = form->get("visibility") == "shared" ? "shared" : "internal";
    const auto& reference = request.param("reference");
    auto sent = ctx.cases.send_message(*request.staff, request.staff->org, reference,
                                       message_input(*form, "message", visibility), ctx.now());
    return after_case_change(ctx, request, reference, sent, "?gedaan=1#gesprek");
}

Response case_letter(WebContext& ctx, const WebCall& request) {
    return letter_download(ctx, request, *request.staff, request.param("reference"), request.param("seq"));
}

Response case_document(WebContext& ctx, const WebCall& request) {
    auto result = ctx.cases.download(*request.staff, request.staff->org, request.param("reference"),
                                     request.param("id"));
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    auto& [document, content] = result.value();
    note_access(ctx, request, service::kOpenedDocument, request.param("reference"), document.id);
    return document_download(std::move(document), std::move(content));
}

namespace {

// The staff intake form, empty or as it was sent (with the reason it was refused).
Response intake_form(WebContext& ctx, const WebRequest& request, const loading::LoadedProcedure& loaded,
                     int status, const Form& form, const std::string& error) {
    const auto& t = request.catalogue(ctx);
    // Each choice with what was sent selected (every ticked checkbox of a group), so that a refused
    // intake comes back as it was typed.
    auto option = [&](const std::string& field, const std::string& id, const std::string& name) {
        const auto sent = form.every(field);
        return mstch::map{
            {"id", id}, {"name", name}, {"selected", std::find(sent.begin(), sent.end(), id) != sent.end()}};
    };
    mstch::array kinds, channels, units, people;
    for (const auto& k : loaded.procedure.kinds)
        kinds.push_back(option("kind", k.id, k.name));
    for (const auto& c : procedure_file::known_channels())
        channels.push_back(option("channel", c, t.text("web.channel." + c)));
    for (const auto& u : loaded.procedure.units)
        units.push_back(option("unit", u.id, u.name));
    for (const auto& p : ctx.directory.active_people(request.staff->org))
        people.push_back(option("about", p, p));
    const std::string today = calendar::format_day(loaded.calendar.local_day(ctx.now()));
    mstch::map context{{"kinds", kinds},
                       {"channels", channels},
                       {"units", units},
                       {"has_units", !units.empty()},
                       {"people", people},
                       {"received_on", form.get("received_on").empty() ? today : form.get("received_on")},
                       {"error", error}};
    for (const char* field :
         {"subject", "description", "event_date", "name", "email", "phone", "address", "representative_name",
          "representative_relation", "representative_email", "about_text"})
        context.emplace(field, form.get(field));
    context.emplace("anonymous", form.get("anonymous") == "yes");
    context.emplace("group", form.get("group") == "yes");
    context.emplace("urgent", form.get("urgent") == "yes");
    return html(ctx, request, status,
                ctx.pages.render("staff_intake", context, request.frame(t.text("web.intake.title"))));
}

}  // namespace

Response staff_intake_page(WebContext& ctx, const WebCall& request) {
    auto loaded = ctx.cases.current_procedure(request.staff->org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    return intake_form(ctx, request, *loaded, 200, Form{}, "");
}

Response staff_intake(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& who = request.who();
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    service::IntakeInput input;
    input.kind = form->get("kind");
    input.channel = form->get("channel");
    input.subject = form->get("subject");
    input.description = form->get("description");
    input.unit = form->get("unit");
    input.complainant = {form->get("name"),
                         form->get("email"),
                         form->get("phone"),
                         form->get("address"),
                         form->get("anonymous") == "yes",
                         form->get("group") == "yes"};
    if (!form->get("representative_name").empty()) {
        input.representative_name = form->get("representative_name");
        input.representative_relation = form->get("representative_relation");
        input.representative_email = form->get("representative_email");
    }
    for (const auto& file : form->files)
        if (file.field == "authorisation")
            input.authorisation = upload_of(file, "internal");
    input.about_text = form->get("about_text");
    input.urgent = form->get("urgent") == "yes";
    // A letter or a call registered later: received on the day given (noon, local time), or now
    // when that is today.
    const auto& received = form->get("received_on");
    if (!received.empty() && received != calendar::format_day(loaded->calendar.local_day(ctx.now())))
        input.received_at = received + "T12:00:00";
    if (!form->get("event_date").empty())
        input.event_date = form->get("event_date");
    input.about = form->every("about");
    auto result = ctx.cases.intake(who, who.org, input, "", ctx.now());
    if (auto* e = result.failure())
        return intake_form(ctx, request, *loaded, http::http_status(e->kind), *form,
                           message_of(request, ctx, *e));
    return redirect(ctx, request, "/werk/zaken/" + result.value().stored.state.reference);
}

}  // namespace meldpunt::web
