// Staff's own settings: how they are told of their cases, each notice at once or one overview a
// day (service/digest.hpp).

#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

Response settings_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto me = ctx.directory.person(who.org, who.user_id);
    if (!me)
        return error_page(ctx, request, 404, "error.not_found");
    const bool saved = request.http.query.count("opgeslagen") > 0;
    return html(ctx, request, 200,
                ctx.pages.render("settings",
                                 {{"daily", me->daily_digest},
                                  {"flash", saved ? t.text("web.settings.saved") : std::string()}},
                                 request.frame(t.text("web.settings.title"))));
}

Response settings_save(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const std::string choice = request.form->get("notices");
    if (choice != "daily" && choice != "immediate")
        return error_page(ctx, request, 400, "error.bad_form");
    auto done = ctx.directory.set_daily_digest(who.org, who.user_id, choice == "daily", who.email, ctx.now());
    if (!done.ok())
        return error_page(ctx, request, 404, "error.not_found");
    return redirect(ctx, request, "/werk/instellingen?opgeslagen=1");
}

}  // namespace meldpunt::web
