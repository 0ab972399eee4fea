// Administration for an organisation's administrator: people and their roles, the units (from the
// procedure file), and new versions of the procedure file, checked before they are accepted.
#include "app/procedure_loader.hpp"
#include "service/directory.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

bool administrator(const service::Principal& who) {
    return std::any_of(who.roles.begin(), who.roles.end(),
                       [](const auto& g) { return g.role == "administrator"; });
}

std::optional<Response> require_administrator(WebContext& ctx, const WebRequest& request) {
    if (!request.staff)
        return redirect(ctx, request, "/login");
    if (!administrator(*request.staff))
        return error_page(ctx, request, 403, "error.not_administrator");
    return std::nullopt;
}

// The roles an account can be given: the procedure's, except those given by a portal link
// (complainant) or an assignment (handler), and the administrator.
mstch::array role_options(const procedure::Procedure& procedure, const messages::Catalogue& t) {
    mstch::array roles;
    for (const auto& r : procedure.roles)
        if (r.id != "complainant" && r.id != "handler")
            roles.push_back(mstch::map{{"id", r.id}, {"name", r.name}});
    roles.push_back(
        mstch::map{{"id", std::string("administrator")}, {"name", t.text("web.admin.administrator")}});
    return roles;
}

mstch::array unit_options(const procedure::Procedure& procedure) {
    mstch::array units;
    for (const auto& u : procedure.units)
        units.push_back(mstch::map{{"id", u.id}, {"name", u.name}});
    return units;
}

// An administrator's form post, or the answer that refuses it (to the login page, 403, CSRF).
std::variant<Form, Response> administrator_form(WebContext& ctx, const WebRequest& request) {
    if (auto r = require_administrator(ctx, request))
        return *r;
    return posted_form(ctx, request);
}

Response show_admin(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                    const std::string& error, const std::vector<std::string>& diagnostics) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    std::vector<storage::UserRecord> users;
    int version = 0;
    ctx.store.read([&](storage::Tx& tx) {
        users = tx.accounts.users_of(who.org);
        version = tx.orgs.latest_procedure_version(who.org);
    });
    mstch::array people, roles, units, problems;
    for (const auto& u : users) {
        std::string list;
        for (const auto& g : u.roles)
            list += (list.empty() ? "" : ", ") + g.role + (g.unit.empty() ? "" : " (" + g.unit + ")");
        people.push_back(
            mstch::map{{"id", u.id},
                       {"email", u.email},
                       {"name", u.name},
                       {"roles", list},
                       {"status", t.text(u.active() ? "web.admin.active" : "web.admin.disabled")}});
    }
    roles = role_options(loaded->procedure, t);
    units = unit_options(loaded->procedure);
    for (const auto& d : diagnostics)
        problems.push_back(d);
    mstch::map context{
        {"org", who.org},
        {"people", people},
        {"roles", roles},
        {"units", units},
        {"has_units", !units.empty()},
        {"procedure_version_text", t.text("web.admin.procedure_version", {std::to_string(version)})},
        {"flash", flash},
        {"error", error},
        {"has_diagnostics", !problems.empty()},
        {"diagnostics", problems}};
    return html(ctx, request, status,
                ctx.pages.render("admin", context, request.frame(t.text("web.admin.title"))));
}

}  // namespace

Response admin_page(WebContext& ctx, const Request& http_request, const Params&) {
    const auto request = read_web_request(ctx, http_request);
    if (auto r = require_administrator(ctx, request))
        return *r;
    return show_admin(ctx, request, 200, "", "", {});
}

Response admin_add_person(WebContext& ctx, const Request& http_request, const Params&) {
    const auto request = read_web_request(ctx, http_request);
    auto posted = administrator_form(ctx, request);
    if (auto* refusal = std::get_if<Response>(&posted))
        return *refusal;
    const Form* form = &std::get<Form>(posted);
    const auto& t = request.catalogue(ctx);
    const auto& who = *request.staff;
    auto result = service::create_user(ctx.store,
                                       {who.org,
                                        form->get("email"),
                                        form->get("name"),
                                        {{form->get("role"), form->get("unit")}},
                                        form->get("password")},
                                       who.email, now_seconds(ctx));
    if (auto* e = std::get_if<service::ServiceError>(&result))
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), {});
    return show_admin(ctx, request, 200, t.text("web.admin.person_added", {form->get("email")}), "", {});
}

Response admin_upload_procedure(WebContext& ctx, const Request& http_request, const Params&) {
    const auto request = read_web_request(ctx, http_request);
    auto posted = administrator_form(ctx, request);
    if (auto* refusal = std::get_if<Response>(&posted))
        return *refusal;
    const Form* form = &std::get<Form>(posted);
    const auto& t = request.catalogue(ctx);
    if (form->files.size() != 1)
        return show_admin(ctx, request, 422, "", t.text("web.admin.choose_file"), {});
    const auto& file = form->files.front();
    const auto& who = *request.staff;
    std::vector<procedure_file::Diagnostic> diagnostics;
    auto result = service::add_procedure_version(ctx.store, who.org, file.content, who.email,
                                                 now_seconds(ctx), &diagnostics);
    if (auto* e = std::get_if<service::ServiceError>(&result)) {
        std::vector<std::string> lines;
        for (const auto& d : diagnostics)
            lines.push_back(app::format_diagnostic(file.filename, d, t));
        return show_admin(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), lines);
    }
    return show_admin(ctx, request, 200,
                      t.text("web.admin.procedure_added", {std::to_string(std::get<int>(result))}), "", {});
}

namespace {

std::string role_name(const procedure::Procedure& procedure, const messages::Catalogue& t,
                      const std::string& role) {
    if (role == "administrator")
        return t.text("web.admin.administrator");
    const auto* r = procedure.role(role);
    return r ? r->name : role;
}

// One person's account: roles, password and status. `flash` reports a change, `error` a refusal.
Response show_person(WebContext& ctx, const WebRequest& request, const std::string& user_id, int status,
                     const std::string& flash, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    std::optional<storage::UserRecord> user;
    ctx.store.read([&](storage::Tx& tx) { user = tx.accounts.user(user_id); });
    if (!loaded || !user || user->org != who.org)
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
    mstch::map context{{"id", user->id},
                       {"name", user->name},
                       {"email", user->email},
                       {"active", user->active()},
                       {"status", t.text(user->active() ? "web.admin.active" : "web.admin.disabled")},
                       {"grants", grants},
                       {"has_grants", !grants.empty()},
                       {"roles", role_options(procedure, t)},
                       {"units", units},
                       {"has_units", !units.empty()},
                       {"flash", flash},
                       {"error", error}};
    return html(ctx, request, status, ctx.pages.render("person", context, request.frame(user->name)));
}

// The shared steps of a change to a person: administrator only, a valid form, the service call,
// then the person page with the outcome.
using PersonChange = std::function<service::Result<service::Done>(const service::Principal& admin,
                                                                  const Form& form, int64_t now)>;

Response change_person(WebContext& ctx, const Request& http_request, const Params& params,
                       const std::string& done_text, const PersonChange& change) {
    const auto request = read_web_request(ctx, http_request);
    auto posted = administrator_form(ctx, request);
    if (auto* refusal = std::get_if<Response>(&posted))
        return *refusal;
    const auto& id = params.at("id");
    auto result = change(*request.staff, std::get<Form>(posted), now_seconds(ctx));
    if (auto* e = std::get_if<service::ServiceError>(&result)) {
        if (e->kind == service::ErrorKind::not_found)
            return error_page(ctx, request, 404, "error.no_such_person");
        return show_person(ctx, request, id, http::http_status(e->kind), "", message_of(request, ctx, *e));
    }
    return show_person(ctx, request, id, 200, request.catalogue(ctx).text(done_text), "");
}

}  // namespace

Response admin_person(WebContext& ctx, const Request& http_request, const Params& params) {
    const auto request = read_web_request(ctx, http_request);
    if (auto r = require_administrator(ctx, request))
        return *r;
    return show_person(ctx, request, params.at("id"), 200, "", "");
}

Response admin_person_roles(WebContext& ctx, const Request& http_request, const Params& params) {
    const auto& id = params.at("id");
    return change_person(
        ctx, http_request, params, "web.admin.roles_changed",
        [&](const service::Principal& admin, const Form& form, int64_t now) {
            const storage::RoleGrant grant{form.get("role"), form.get("unit")};
            return form.get("op") == "revoke"
                       ? service::revoke_role(ctx.store, admin.org, id, grant, admin.email, now)
                       : service::grant_role(ctx.store, admin.org, id, grant, admin.email, now);
        });
}

Response admin_person_password(WebContext& ctx, const Request& http_request, const Params& params) {
    const auto& id = params.at("id");
    return change_person(ctx, http_request, params, "web.admin.password_set",
                         [&](const service::Principal& admin, const Form& form, int64_t now) {
                             return service::reset_password(ctx.store, admin.org, id, form.get("password"),
                                                            admin.email, now);
                         });
}

Response admin_person_status(WebContext& ctx, const Request& http_request, const Params& params) {
    const auto& id = params.at("id");
    return change_person(ctx, http_request, params, "web.admin.status_changed",
                         [&](const service::Principal& admin, const Form& form, int64_t now) {
                             return service::set_active(ctx.store, admin.org, id,
                                                        form.get("active") == "true", admin.email, now);
                         });
}

}  // namespace meldpunt::web
