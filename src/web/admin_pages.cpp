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
        users = tx.users_of(who.org);
        version = tx.latest_procedure_version(who.org);
    });
    mstch::array people, roles, units, problems;
    for (const auto& u : users) {
        std::string list;
        for (const auto& g : u.roles)
            list += (list.empty() ? "" : ", ") + g.role + (g.unit.empty() ? "" : " (" + g.unit + ")");
        people.push_back(mstch::map{{"email", u.email}, {"name", u.name}, {"roles", list}});
    }
    for (const auto& r : loaded->procedure.roles)
        if (r.id != "complainant" && r.id != "handler")  // given by the portal, and by assignment
            roles.push_back(mstch::map{{"id", r.id}, {"name", r.name}});
    roles.push_back(
        mstch::map{{"id", std::string("administrator")}, {"name", t.text("web.admin.administrator")}});
    for (const auto& u : loaded->procedure.units)
        units.push_back(mstch::map{{"id", u.id}, {"name", u.name}});
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
    if (auto r = require_administrator(ctx, request))
        return *r;
    auto posted = posted_form(ctx, request);
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
    if (auto r = require_administrator(ctx, request))
        return *r;
    auto posted = posted_form(ctx, request);
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

}  // namespace meldpunt::web
