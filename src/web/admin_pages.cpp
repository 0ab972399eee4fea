// Administration for an organisation's administrator: people and their roles, the units (from the
// procedure file), the versions of the procedure file (added, compared and put in force in
// procedure_versions_page.cpp), and the
// organisation's mail: its sender and a test message whose state shows whether mail leaves.
#include <algorithm>
#include <map>

#include "domain/procedure/builtin_roles.hpp"
#include "render/due_date_text.hpp"
#include "service/directory.hpp"
#include "web/admin_page.hpp"
#include "web/delivery_rows.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

// A role by its name in the procedure ("Kwaliteitsmanager"), the administrator's in the reader's words.
std::string role_name(const procedure::Procedure& procedure, const messages::Catalogue& t,
                      const std::string& role) {
    if (role == service::kAdministratorRole)
        return t.text("web.admin.administrator");
    const auto* r = procedure.role(role);
    return r ? r->name : role;
}

// The roles an account can be given: the procedure's, except those given by a portal link
// (complainant) or an assignment (handler), and the administrator.
mstch::array role_options(const procedure::Procedure& procedure, const messages::Catalogue& t) {
    mstch::array roles;
    for (const auto& r : procedure.roles)
        if (!procedure::is_builtin_role(r.id))
            roles.push_back(mstch::map{{"id", r.id}, {"name", r.name}});
    roles.push_back(mstch::map{{"id", std::string(service::kAdministratorRole)},
                               {"name", t.text("web.admin.administrator")}});
    return roles;
}

mstch::array unit_options(const procedure::Procedure& procedure) {
    mstch::array units;
    for (const auto& u : procedure.units)
        units.push_back(mstch::map{{"id", u.id}, {"name", u.name}});
    return units;
}

// "3 dec. 2026 door Anna de Vries": when and by whom, the person by name where the account is known.
std::string when_and_who(int64_t at, const std::string& email,
                         const std::map<std::string, std::string>& names,
                         const calendar::WorkingCalendar& calendar, const messages::Catalogue& t) {
    const std::string day =
        render::long_date(calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{at}}), t);
    if (email.empty())
        return t.text("web.admin.by", {day, t.text("web.admin.by_unknown")});
    auto found = names.find(email);
    return t.text("web.admin.by",
                  {day, found != names.end() && !found->second.empty() ? found->second : email});
}

// The procedure's versions, newest first, with when each was added and put in force, and its state.
mstch::array version_rows(const service::ProcedureHistory& history,
                          const std::vector<storage::UserRecord>& users,
                          const calendar::WorkingCalendar& calendar, const messages::Catalogue& t) {
    std::map<std::string, std::string> names;
    for (const auto& u : users)
        names.emplace(u.email, u.name);
    mstch::array rows;
    for (auto v = history.versions.rbegin(); v != history.versions.rend(); ++v) {
        std::string activated;
        for (const auto& a : v->activations)
            activated += (activated.empty() ? "" : "; ") + when_and_who(a.at, a.by, names, calendar, t);
        const char* state = v->version == history.in_force ? "web.admin.state_in_force"
                            : v->activations.empty()       ? "web.admin.state_draft"
                                                           : "web.admin.state_earlier";
        rows.push_back(
            mstch::map{{"version", std::to_string(v->version)},
                       {"view_label", t.text("web.admin.view_version", {std::to_string(v->version)})},
                       {"added", when_and_who(v->added_at, v->added_by, names, calendar, t)},
                       {"activated", activated},
                       {"state", t.text(state)},
                       {"in_force", v->version == history.in_force}});
    }
    return rows;
}

}  // namespace

Response show_admin(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                    const std::string& error, const std::vector<std::string>& diagnostics) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    auto users = ctx.directory.people(who.org);
    std::stable_sort(users.begin(), users.end(),
                     [](const auto& a, const auto& b) { return a.name < b.name; });
    const auto history = ctx.directory.procedure_history(who.org);
    mstch::array people, roles, units, problems;
    for (const auto& u : users) {
        std::string list;
        for (const auto& g : u.roles) {
            const auto* unit = g.unit.empty() ? nullptr : loaded->procedure.unit(g.unit);
            list += (list.empty() ? "" : ", ") + role_name(loaded->procedure, t, g.role) +
                    (g.unit.empty() ? "" : " (" + (unit ? unit->name : g.unit) + ")");
        }
        people.push_back(
            mstch::map{{"id", u.id},
                       {"email", u.email},
                       {"name", u.name.empty() ? u.email : u.name},  // the link to the person
                       {"roles", list},
                       {"status", t.text(u.active() ? "web.admin.active" : "web.admin.disabled")}});
    }
    roles = role_options(loaded->procedure, t);
    units = unit_options(loaded->procedure);
    for (const auto& d : diagnostics)
        problems.push_back(d);
    const auto sender = ctx.mail.sender(who.org);
    const auto tests = delivery_rows(ctx.mail.tests(who.org), loaded->calendar, t);
    mstch::map context{
        {"mail_from", sender.mail_from},
        {"mail_from_name", sender.mail_from_name},
        {"tests", tests},
        {"has_tests", !tests.empty()},
        {"org", who.org},
        {"people", people},
        {"roles", roles},
        {"units", units},
        {"has_units", !units.empty()},
        {"procedure_version_text", t.text("web.admin.procedure_version", {std::to_string(history.in_force)})},
        {"versions", version_rows(history, users, loaded->calendar, t)},
        {"flash", flash},
        {"error", error},
        {"has_diagnostics", !problems.empty()},
        {"diagnostics", problems}};
    return html(ctx, request, status,
                ctx.pages.render("admin", context, request.frame(t.text("web.admin.title"))));
}

Response admin_page(WebContext& ctx, const WebCall& request) {
    return show_admin(ctx, request, 200, "", "", {});
}

Response admin_add_person(WebContext& ctx, const WebCall& request) {
    const Form* form = request.form;
    const auto& t = request.catalogue(ctx);
    const auto& who = *request.staff;
    auto result = ctx.directory.create_user({who.org,
                                             form->get("email"),
                                             form->get("name"),
                                             {{form->get("role"), form->get("unit")}},
                                             form->get("password")},
                                            who.email, ctx.now());
    if (auto* e = result.failure())
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), {});
    if (!form->get("password").empty())
        return show_admin(ctx, request, 200, t.text("web.admin.person_added", {form->get("email")}), "", {});
    // No password given: the person chooses their own, with the link in an invitation.
    for (const auto& person : ctx.directory.people(who.org))
        if (person.email == form->get("email"))
            if (auto invited = ctx.account_links.invite(who.org, person.id, t, who.email, ctx.now());
                auto* e = invited.failure())
                return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e),
                                  {});
    return show_admin(ctx, request, 200, t.text("web.admin.person_invited", {form->get("email")}), "", {});
}

Response admin_mail_sender(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.mail.set_sender(who.org, request.form->get("mail_from"),
                                      request.form->get("mail_from_name"), who.email, ctx.now());
    if (auto* e = result.failure())
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), {});
    return show_admin(ctx, request, 200, t.text("web.admin.mail_saved"), "", {});
}

Response admin_mail_test(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.mail.send_test(who.org, who.email, who.name, t, who.email, ctx.now());
    if (auto* e = result.failure())
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), {});
    return show_admin(ctx, request, 200, t.text("web.admin.mail_test_sent", {who.email}), "", {});
}

namespace {

// One person's account: roles, password and status. `flash` reports a change, `error` a refusal.
Response show_person(WebContext& ctx, const WebRequest& request, const std::string& user_id, int status,
                     const std::string& flash, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    const auto user = ctx.directory.person(who.org, user_id);
    if (!loaded || !user)
        return error_page(ctx, request, 404, "error.no_such_person");
    const auto& procedure = loaded->procedure;
    mstch::array grants;
    for (const auto& g : user->roles) {
        const auto* unit = g.unit.empty() ? nullptr : procedure.unit(g.unit);
        const std::string role = role_name(procedure, t, g.role);
        grants.push_back(mstch::map{{"id", user->id},
                                    {"role", g.role},
                                    {"unit", g.unit},
                                    {"role_name", role},
                                    {"unit_name", g.unit.empty() ? t.text("web.admin.all_units")
                                                  : unit         ? unit->name
                                                                 : g.unit},
                                    {"revoke_label", t.text("web.admin.revoke_role", {role})}});
    }
    const auto units = unit_options(procedure);
    mstch::array supervisors;
    for (const auto& person : ctx.directory.people(who.org))
        if (person.active() && person.email != user->email)
            supervisors.push_back(mstch::map{{"email", person.email},
                                             {"name", person.name.empty() ? person.email : person.name},
                                             {"selected", person.email == user->supervisor}});
    mstch::map context{{"id", user->id},
                       {"name", user->name},
                       {"email", user->email},
                       {"active", user->active()},
                       {"status", t.text(user->active() ? "web.admin.active" : "web.admin.disabled")},
                       {"grants", grants},
                       {"supervisors", supervisors},
                       {"no_supervisor", user->supervisor.empty()},
                       {"has_grants", !grants.empty()},
                       {"roles", role_options(procedure, t)},
                       {"units", units},
                       {"has_units", !units.empty()},
                       {"flash", flash},
                       {"error", error}};
    return html(ctx, request, status, ctx.pages.render("person", context, request.frame(user->name)));
}

// The shared steps of a change to a person (the binder let only an administrator with a valid form
// in): the service call, then the person page with the outcome.
using PersonChange = std::function<service::Result<service::Done>(const service::Principal& admin,
                                                                  const Form& form, calendar::Instant now)>;

Response change_person(WebContext& ctx, const WebCall& request, const std::string& done_text,
                       const PersonChange& change) {
    const auto& id = request.param("id");
    auto result = change(request.who(), *request.form, ctx.now());
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return error_page(ctx, request, 404, "error.no_such_person");
        return show_person(ctx, request, id, http::http_status(e->kind), "", message_of(request, ctx, *e));
    }
    return show_person(ctx, request, id, 200, request.catalogue(ctx).text(done_text), "");
}

}  // namespace

Response admin_person(WebContext& ctx, const WebCall& request) {
    return show_person(ctx, request, request.param("id"), 200, "", "");
}

Response admin_person_roles(WebContext& ctx, const WebCall& request) {
    const auto& id = request.param("id");
    return change_person(ctx, request, "web.admin.roles_changed",
                         [&](const service::Principal& admin, const Form& form, calendar::Instant now) {
                             const storage::RoleGrant grant{form.get("role"), form.get("unit")};
                             return form.get("op") == "revoke"
                                        ? ctx.directory.revoke_role(admin.org, id, grant, admin.email, now)
                                        : ctx.directory.grant_role(admin.org, id, grant, admin.email, now);
                         });
}

// Who supervises the person (002 §Begripsomschrijving 8); their cases of a routed kind go there.
Response admin_person_supervisor(WebContext& ctx, const WebCall& request) {
    const auto& id = request.param("id");
    return change_person(ctx, request, "web.admin.supervisor_set",
                         [&](const service::Principal& admin, const Form& form, calendar::Instant now) {
                             return ctx.directory.set_supervisor(admin.org, id, form.get("supervisor"),
                                                                 admin.email, now);
                         });
}

Response admin_person_password(WebContext& ctx, const WebCall& request) {
    const auto& id = request.param("id");
    return change_person(ctx, request, "web.admin.password_set",
                         [&](const service::Principal& admin, const Form& form, calendar::Instant now) {
                             return ctx.directory.reset_password(admin.org, id, form.get("password"),
                                                                 admin.email, now);
                         });
}

Response admin_person_invite(WebContext& ctx, const WebCall& request) {
    const auto& id = request.param("id");
    return change_person(ctx, request, "web.admin.invited",
                         [&](const service::Principal& admin, const Form&, calendar::Instant now) {
                             return ctx.account_links.invite(admin.org, id, request.catalogue(ctx),
                                                             admin.email, now);
                         });
}

Response admin_person_status(WebContext& ctx, const WebCall& request) {
    const auto& id = request.param("id");
    return change_person(ctx, request, "web.admin.status_changed",
                         [&](const service::Principal& admin, const Form& form, calendar::Instant now) {
                             return ctx.directory.set_active(admin.org, id, form.get("active") == "true",
                                                             admin.email, now);
                         });
}

}  // namespace meldpunt::web
