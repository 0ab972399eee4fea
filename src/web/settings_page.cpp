// Staff's own settings: how they are told of their cases, each notice at once or one overview a
// day (service/digest.hpp); and their API tokens (issue 15: tokens never expired and could not be
// revoked): listed with their label and expiry, a new one made with a period and shown once,
// any revoked.

#include "render/due_date_text.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

// The periods a token can be made for, in days (Directory::kMaxTokenDays at most).
constexpr int kTokenPeriods[] = {30, 90, 365, 730};

mstch::array token_rows(WebContext& ctx, const WebCall& request, const service::Principal& who) {
    const auto& t = request.catalogue(ctx);
    const auto procedure = ctx.cases.current_procedure(who.org);
    const auto day = [&](int64_t at) {
        const std::chrono::sys_seconds moment{std::chrono::seconds{at}};
        return procedure ? render::long_date(procedure->calendar.local_day(moment), t) : std::string();
    };
    const int64_t now = ctx.now().time_since_epoch().count();
    mstch::array rows;
    for (const auto& token : ctx.directory.own_tokens(who))
        rows.push_back(
            mstch::map{{"id", token.id},
                       {"label", token.label.empty() ? t.text("web.settings.token_unnamed") : token.label},
                       {"made", day(token.created_at)},
                       {"until", day(token.expires_at)},
                       {"expired", token.expires_at <= now}});
    return rows;
}

Response settings_with(WebContext& ctx, const WebCall& request, int status, const std::string& flash,
                       const std::string& new_token, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto me = ctx.directory.person(who.org, who.user_id);
    if (!me)
        return error_page(ctx, request, 404, "error.not_found");
    mstch::array periods;
    for (int days : kTokenPeriods)
        periods.push_back(mstch::map{{"days", std::to_string(days)},
                                     {"label", t.text("web.settings.token_days_" + std::to_string(days))},
                                     {"default", days == service::Directory::kTokenDays}});
    const auto tokens = token_rows(ctx, request, who);
    return html(ctx, request, status,
                ctx.pages.render("settings",
                                 {{"daily", me->daily_digest},
                                  {"flash", flash},
                                  {"new_token", new_token},
                                  {"token_error", error},
                                  {"tokens", tokens},
                                  {"has_tokens", !tokens.empty()},
                                  {"periods", periods}},
                                 request.frame(t.text("web.settings.title"))));
}

}  // namespace

Response settings_page(WebContext& ctx, const WebCall& request) {
    const auto& t = request.catalogue(ctx);
    const auto& query = request.http.query;
    std::string flash;
    if (query.count("opgeslagen"))
        flash = t.text("web.settings.saved");
    else if (query.count("ingetrokken"))
        flash = t.text("web.settings.token_revoked");
    return settings_with(ctx, request, 200, flash, "", "");
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

// A new token is shown on the page that answers the form, once: it is stored only as its hash, and
// the page is never cached (Cache-Control: no-store on every answer).
Response settings_new_token(WebContext& ctx, const WebCall& request) {
    const auto& t = request.catalogue(ctx);
    const std::string days_text = request.form->get("days");
    int days = 0;
    for (int period : kTokenPeriods)
        if (days_text == std::to_string(period))
            days = period;
    auto made = ctx.directory.issue_own_token(*request.staff, request.form->get("label"), days, ctx.now());
    if (auto* e = made.failure())
        return settings_with(
            ctx, request, 422, "", "",
            t.text(e->field == "days" ? "web.settings.token_bad_days" : "web.settings.token_bad_label"));
    return settings_with(ctx, request, 200, t.text("web.settings.token_made"), made.value(), "");
}

Response settings_revoke_token(WebContext& ctx, const WebCall& request) {
    auto revoked = ctx.directory.revoke_own_token(*request.staff, request.param("id"), ctx.now());
    if (!revoked.ok())
        return error_page(ctx, request, 404, "error.not_found");
    return redirect(ctx, request, "/werk/instellingen?ingetrokken=1");
}

}  // namespace meldpunt::web
