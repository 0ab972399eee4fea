// Webhooks, for the organisation's administrator (issue 16): the subscriptions with the events
// each takes, a form to add one, and each subscription's page: its settings, its secret (to put in
// the receiving system; a new one on request), its delivery log with the receiver's answers, a
// failed delivery sent again, and removing it.
#include "render/due_date_text.hpp"
#include "service/webhook_events.hpp"
#include "service/webhook_settings.hpp"
#include "support/text.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

constexpr const char* kBase = "/werk/beheer/koppelingen";

std::string event_key(std::string_view event) {
    std::string key(event);
    for (auto& c : key)
        if (c == '.')
            c = '_';
    return "web.webhooks.event_" + key;
}

// The events as checkboxes, those in `chosen` checked.
mstch::array event_choices(const std::vector<std::string>& chosen, const messages::Catalogue& t) {
    mstch::array out;
    for (const auto event : service::kWebhookEvents) {
        const bool checked = std::find(chosen.begin(), chosen.end(), event) != chosen.end();
        out.push_back(mstch::map{{"value", std::string(event)},
                                 {"id", "event-" + std::string(event.substr(0, event.find('.'))) + "-" +
                                            std::string(event.substr(event.find('.') + 1))},
                                 {"label", t.text(event_key(event))},
                                 {"checked", checked}});
    }
    return out;
}

std::string events_text(const std::vector<std::string>& events, const messages::Catalogue& t) {
    std::string out;
    for (const auto& e : events)
        out += (out.empty() ? "" : ", ") + (service::is_webhook_event(e) ? t.text(event_key(e)) : e);
    return out;
}

service::SubscriptionInput input_of(const Form& form) {
    return {support::trimmed(form.get("url")), form.every("events"),
            support::trimmed(form.get("description")), form.get("active") == "1"};
}

// How a delivery fared, in the administrator's words.
std::string outcome_text(const storage::WebhookDelivery& d, const calendar::WorkingCalendar& calendar,
                         const messages::Catalogue& t) {
    if (d.status == "sent")
        return t.text("web.webhooks.sent",
                      {render::long_moment(d.sent_at.value_or(d.created_at), calendar, t),
                       std::to_string(d.last_status)});
    if (d.status == "failed")
        return t.text("web.webhooks.failed", {d.last_error});
    if (d.attempts == 0)
        return t.text("web.webhooks.queued");
    return t.text("web.webhooks.retrying", {std::to_string(d.attempts), d.last_error,
                                            render::long_moment(d.next_attempt_at, calendar, t)});
}

Response show_list(WebContext& ctx, const WebRequest& request, int status, const std::string& error,
                   const service::SubscriptionInput& given) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    mstch::array rows;
    for (const auto& s : ctx.webhooks->subscriptions(who.org))
        rows.push_back(mstch::map{{"id", std::to_string(s.id)},
                                  {"url", s.url},
                                  {"description", s.description},
                                  {"events", events_text(s.events, t)},
                                  {"active", s.active}});
    mstch::map context{{"subscriptions", rows},
                       {"has_subscriptions", !rows.empty()},
                       {"events", event_choices(given.events, t)},
                       {"url", given.url},
                       {"description", given.description},
                       {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("webhooks", context, request.frame(t.text("web.webhooks.title"))));
}

Response show_one(WebContext& ctx, const WebRequest& request, int64_t id, int status,
                  const std::string& flash, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto found = ctx.webhooks->subscription(who.org, id);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!found || !loaded)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& s = *found;
    mstch::array log;
    for (const auto& d : ctx.webhooks->log(who.org, id))
        log.push_back(
            mstch::map{{"delivery", std::to_string(d.id)},
                       {"when", render::long_moment(d.created_at, loaded->calendar, t)},
                       {"event", service::is_webhook_event(d.event) ? t.text(event_key(d.event)) : d.event},
                       {"reference", d.reference},
                       {"is_case", d.event.rfind("case.", 0) == 0},
                       {"outcome", outcome_text(d, loaded->calendar, t)},
                       {"answer", d.answer},
                       {"failed", d.status == "failed"}});
    mstch::map context{{"id", std::to_string(s.id)},
                       {"url", s.url},
                       {"description", s.description},
                       {"active", s.active},
                       {"secret", s.secret},
                       {"events", event_choices(s.events, t)},
                       {"log", log},
                       {"has_log", !log.empty()},
                       {"flash", flash},
                       {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("webhook", context,
                                 request.frame(t.text("web.webhooks.one_title", {std::to_string(s.id)}))));
}

}  // namespace

Response webhooks_page(WebContext& ctx, const WebCall& request) {
    return show_list(ctx, request, 200, "", {"", {}, "", true});
}

Response webhook_add(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto input = input_of(*request.form);
    auto added =
        ctx.webhooks->add(who.org, {input.url, input.events, input.description, true}, who.email, ctx.now());
    if (auto* e = added.failure())
        return show_list(ctx, request, http::http_status(e->kind), message_of(request, ctx, *e), input);
    return redirect(ctx, request, std::string(kBase) + "/" + std::to_string(added.value().id) + "?nieuw=1");
}

Response webhook_page(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& q = request.http.query;
    const auto& t = request.catalogue(ctx);
    const std::string flash = q.contains("nieuw")       ? t.text("web.webhooks.added")
                              : q.contains("gewijzigd") ? t.text("web.webhooks.changed")
                              : q.contains("geheim")    ? t.text("web.webhooks.secret_renewed")
                              : q.contains("opnieuw")   ? t.text("web.webhooks.retried")
                                                        : "";
    return show_one(ctx, request, *id, 200, flash, "");
}

Response webhook_change(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& who = *request.staff;
    auto done = ctx.webhooks->change(who.org, *id, input_of(*request.form), who.email, ctx.now());
    if (auto* e = done.failure())
        return e->kind == service::ErrorKind::not_found
                   ? error_page(ctx, request, 404, "error.not_found")
                   : show_one(ctx, request, *id, http::http_status(e->kind), "",
                              message_of(request, ctx, *e));
    return redirect(ctx, request, std::string(kBase) + "/" + std::to_string(*id) + "?gewijzigd=1");
}

Response webhook_secret(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& who = *request.staff;
    if (!ctx.webhooks->renew_secret(who.org, *id, who.email, ctx.now()).ok())
        return error_page(ctx, request, 404, "error.not_found");
    return redirect(ctx, request, std::string(kBase) + "/" + std::to_string(*id) + "?geheim=1#geheim");
}

Response webhook_remove(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& who = *request.staff;
    if (!ctx.webhooks->remove(who.org, *id, who.email, ctx.now()).ok())
        return error_page(ctx, request, 404, "error.not_found");
    return redirect(ctx, request, kBase);
}

Response webhook_retry(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    const std::string& delivery = request.form->get("delivery");
    if (!id || delivery.empty() || delivery.size() > 15 ||
        delivery.find_first_not_of("0123456789") != std::string::npos)
        return error_page(ctx, request, 404, "error.not_found");
    const auto& who = *request.staff;
    if (!ctx.webhooks->retry(who.org, std::stoll(delivery), who.email, ctx.now()).ok())
        return show_one(ctx, request, *id, 404, "", request.catalogue(ctx).text("web.webhooks.not_failed"));
    return redirect(ctx, request, std::string(kBase) + "/" + std::to_string(*id) + "?opnieuw=1#log");
}

}  // namespace meldpunt::web
