// A person sets their own password (issue 12, account life): "wachtwoord vergeten" asks for a
// link by e-mail; the link's page (from an invitation or a reset) sets the password once.
#include "http/forwarded.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

Response forgot_form(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                     const std::string& error, const std::string& email) {
    const auto& t = request.catalogue(ctx);
    return html(
        ctx, request, status,
        ctx.pages.render("password", {{"forgot", true}, {"flash", flash}, {"error", error}, {"email", email}},
                         request.frame(t.text("web.password.forgot_title"))));
}

Response password_form(WebContext& ctx, const WebCall& request, int status, const storage::UserRecord& user,
                       const std::string& error) {
    const auto& t = request.catalogue(ctx);
    return html(ctx, request, status,
                ctx.pages.render("password",
                                 {{"set", true},
                                  {"error", error},
                                  {"email", user.email},
                                  {"token_path", std::string("/wachtwoord/") + request.param("token")}},
                                 request.frame(t.text("web.password.set_title"))));
}

// A link that no longer works: a page that says so and offers a new one.
Response link_gone(WebContext& ctx, const WebRequest& request) {
    const auto& t = request.catalogue(ctx);
    return forgot_form(ctx, request, 404, "", t.text("api.link_not_usable"), "");
}

}  // namespace

Response forgot_page(WebContext& ctx, const WebCall& request) {
    return forgot_form(ctx, request, 200, "", "", "");
}

Response forgot(WebContext& ctx, const WebCall& request) {
    const std::string& email = request.form->get("email");
    auto result = ctx.account_links.request_reset(email, http::client_group(request.http.remote),
                                                  request.catalogue(ctx), ctx.now());
    if (auto* e = result.failure())
        return forgot_form(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e), email);
    // The same answer whether or not the address has an account.
    return forgot_form(ctx, request, 200, request.catalogue(ctx).text("web.password.sent", {email}), "", "");
}

Response password_page(WebContext& ctx, const WebCall& request) {
    auto account = ctx.account_links.account_of(request.param("token"), ctx.now());
    if (!account.ok())
        return link_gone(ctx, request);
    return password_form(ctx, request, 200, account.value(), "");
}

Response password_set(WebContext& ctx, const WebCall& request) {
    const auto& token = request.param("token");
    auto account = ctx.account_links.account_of(token, ctx.now());
    if (!account.ok())
        return link_gone(ctx, request);
    const Form& form = *request.form;
    if (form.get("password") != form.get("confirm"))
        return password_form(ctx, request, 422, account.value(),
                             request.catalogue(ctx).text("web.password.mismatch"));
    auto set = ctx.account_links.set_password(token, form.get("password"), ctx.now());
    if (auto* e = set.failure()) {
        if (e->kind == service::ErrorKind::not_found)
            return link_gone(ctx, request);
        return password_form(ctx, request, http::http_status(e->kind), account.value(),
                             message_of(request, ctx, *e));
    }
    return redirect(ctx, request, "/login?wachtwoord=1");
}

}  // namespace meldpunt::web
