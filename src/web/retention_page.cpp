// Retention, for those who see every case (issue 15; 004 art. 5): what the procedure keeps for how
// long, the cases whose retention ends in the next 30 days (to check before the sweep anonymises
// them), and legal holds: placed with a reason and a day, lifted, each audited.
#include "render/due_date_text.hpp"
#include "support/text.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

Response show_retention(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                        const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto coming = ctx.retention.coming(who, who.org, ctx.now());
    if (auto* e = coming.failure())
        return error_page(
            ctx, request, http::http_status(e->kind),
            e->kind == service::ErrorKind::forbidden ? "error.retention_forbidden" : "error.not_found");
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const auto& procedure = loaded->procedure;
    mstch::array rules;
    for (const auto* rule : procedure.rules_of(rules::RuleKind::retention))
        rules.push_back(mstch::map{{"text", rule->text}, {"source", rule->source}});
    const auto names = people_names(ctx, who.org);
    mstch::array cases;
    for (const auto& due : coming.value()) {
        const auto* kind = procedure.kind(due.kind);
        mstch::map row{{"reference", due.reference},
                       {"kind", kind ? kind->name : due.kind},
                       {"subject", due.subject},
                       {"purge_on", render::long_date(due.purge_on, t)},
                       {"held", due.hold.has_value()}};
        if (due.hold) {
            const auto name = names.find(due.hold->held_by);
            row.emplace("hold_text", t.text("web.retention.held_until",
                                            {render::long_date(due.hold->until, t),
                                             name == names.end() ? due.hold->held_by : name->second}));
            row.emplace("hold_reason", due.hold->reason);
        }
        cases.push_back(std::move(row));
    }
    mstch::map context{{"rules", rules}, {"has_rules", !rules.empty()},
                       {"cases", cases}, {"has_cases", !cases.empty()},
                       {"flash", flash}, {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("retention", context, request.frame(t.text("web.retention.title"))));
}

}  // namespace

Response retention_page(WebContext& ctx, const WebCall& request) {
    return show_retention(ctx, request, 200, "", "");
}

Response retention_hold(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const Form& form = *request.form;
    const std::string reference = support::trimmed(form.get("reference"));
    const auto until = calendar::parse_day(support::trimmed(form.get("until")));
    if (!until)
        return show_retention(ctx, request, 400, "", t.text("web.retention.until_invalid"));
    auto placed = ctx.retention.place_hold(who, who.org, reference, support::trimmed(form.get("reason")),
                                           *until, ctx.now());
    if (auto* e = placed.failure()) {
        const std::string message = e->kind == service::ErrorKind::not_found
                                        ? t.text("web.retention.no_such_case", {reference})
                                        : message_of(request, ctx, *e);
        return show_retention(ctx, request, http::http_status(e->kind), "", message);
    }
    return show_retention(ctx, request, 200,
                          t.text("web.retention.hold_placed", {reference, render::long_date(*until, t)}), "");
}

Response retention_lift(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const std::string reference = support::trimmed(request.form->get("reference"));
    auto lifted = ctx.retention.lift_hold(who, who.org, reference, ctx.now());
    if (auto* e = lifted.failure()) {
        const std::string message = e->kind == service::ErrorKind::not_found
                                        ? t.text("web.retention.no_hold", {reference})
                                        : message_of(request, ctx, *e);
        return show_retention(ctx, request, http::http_status(e->kind), "", message);
    }
    return show_retention(ctx, request, 200, t.text("web.retention.hold_lifted", {reference}), "");
}

}  // namespace meldpunt::web
