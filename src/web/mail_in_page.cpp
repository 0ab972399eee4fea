// Mail in, for the organisation's administrator (issue 14): the address mail arrives at (replies
// come back to the case's address there), the mailbox the server fetches it from, what arrived with
// what became of each message, and the quarantine: each message Meldpunt could not take in, with
// the reason, to download as it arrived and to mark as dealt with.
#include "render/due_date_text.hpp"
#include "support/text.hpp"
#include "web/content_disposition.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

// Why a message waits in quarantine, in the administrator's words.
std::string reason_text(const std::string& reason, const messages::Catalogue& t) {
    const auto code = reason.substr(0, reason.find(':'));
    if (code == "too_large" || code == "no_sender" || code == "no_kind" || code == "malformed" ||
        code == "reused_id" || code == "failed")
        return t.text("web.mail_in.why_" + code);
    if (code == "refused")
        return t.text("web.mail_in.why_refused", {support::trimmed(reason.substr(reason.find(':') + 1))});
    return reason;
}

std::string size_text(int64_t bytes) {
    return bytes < 1024 * 1024 ? std::to_string((bytes + 1023) / 1024) + " kB"
                               : std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

Response show_mail_in(WebContext& ctx, const WebRequest& request, int status, const std::string& flash,
                      const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto loaded = ctx.cases.current_procedure(who.org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const auto& calendar = loaded->calendar;
    mstch::array waiting, arrived;
    for (const auto& m : ctx.mail.quarantined(who.org))
        waiting.push_back(
            mstch::map{{"key", m.message_key},
                       {"bytes", m.raw_hash},
                       {"when", render::long_moment(m.received_at, calendar, t)},
                       {"sender", m.sender.empty() ? t.text("web.mail_in.unknown_sender") : m.sender},
                       {"subject", m.subject},
                       {"reason", reason_text(m.reason, t)},
                       {"size", size_text(m.size)}});
    for (const auto& m : ctx.mail.arrivals(who.org))
        arrived.push_back(mstch::map{{"key", m.message_key},
                                     {"when", render::long_moment(m.received_at, calendar, t)},
                                     {"sender", m.sender},
                                     {"subject", m.subject},
                                     {"outcome", t.text("web.mail_in.outcome_" + m.outcome)},
                                     {"reference", m.reference},
                                     {"has_reference", !m.reference.empty()}});
    const auto mailbox = ctx.mail.mailbox(who.org);
    std::string polled;
    if (mailbox && mailbox->polled_at)
        polled = mailbox->last_error.empty()
                     ? t.text("web.mail_in.polled", {render::long_moment(*mailbox->polled_at, calendar, t)})
                     : t.text("web.mail_in.poll_failed",
                              {render::long_moment(*mailbox->polled_at, calendar, t), mailbox->last_error});
    mstch::map context{{"mail_in", ctx.mail.sender(who.org).mail_in},
                       {"mailbox_url", mailbox ? mailbox->url : std::string()},
                       {"mailbox_username", mailbox ? mailbox->username : std::string()},
                       {"has_mailbox", mailbox.has_value()},
                       {"polled", polled},
                       {"poll_failed", mailbox && !mailbox->last_error.empty()},
                       {"waiting", waiting},
                       {"has_waiting", !waiting.empty()},
                       {"arrived", arrived},
                       {"has_arrived", !arrived.empty()},
                       {"flash", flash},
                       {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("mail_in", context, request.frame(t.text("web.mail_in.title"))));
}

}  // namespace

Response mail_in_page(WebContext& ctx, const WebCall& request) {
    return show_mail_in(ctx, request, 200, "", "");
}

Response mail_in_address(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto done =
        ctx.mail.set_mail_in(who.org, support::trimmed(request.form->get("mail_in")), who.email, ctx.now());
    if (auto* e = done.failure())
        return show_mail_in(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e));
    return show_mail_in(ctx, request, 200, t.text("web.mail_in.address_saved"), "");
}

Response mail_in_mailbox(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const Form& form = *request.form;
    std::string password = form.get("mailbox_password");
    const std::string url = support::trimmed(form.get("mailbox_url"));
    const std::string username = support::trimmed(form.get("mailbox_username"));
    // An empty password field keeps the one stored for the same mailbox and login (it is never shown).
    if (const auto before = ctx.mail.mailbox(who.org);
        password.empty() && before && before->url == url && before->username == username)
        password = before->password;
    auto done = ctx.mail.set_mailbox(who.org, url, username, password, who.email, ctx.now());
    if (auto* e = done.failure())
        return show_mail_in(ctx, request, http::http_status(e->kind), "", message_of(request, ctx, *e));
    return show_mail_in(ctx, request, 200,
                        t.text(url.empty() ? "web.mail_in.mailbox_removed" : "web.mail_in.mailbox_saved"),
                        "");
}

Response mail_in_message(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    auto found = ctx.mail.message_as_received(who.org, request.param("hash"));
    if (!found)
        return error_page(ctx, request, 404, "error.not_found");
    const std::string date =
        calendar::format_instant(std::chrono::sys_seconds{std::chrono::seconds{found->first.received_at}});
    // Downloaded, never shown: a message may hold anything, and the browser must not render it.
    return {
        200,
        "message/rfc822",
        std::move(found->second),
        {{"Content-Disposition", content_disposition("attachment", "e-mail " + date.substr(0, 10) + ".eml")},
         {"X-Content-Type-Options", "nosniff"},
         {"Cache-Control", "no-store"}}};
}

Response mail_in_clear(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto done = ctx.mail.clear_quarantined(who.org, request.form->get("key"), who.email, ctx.now());
    if (!done.ok())
        return show_mail_in(ctx, request, 404, "", t.text("web.mail_in.not_waiting"));
    return show_mail_in(ctx, request, 200, t.text("web.mail_in.cleared"), "");
}

}  // namespace meldpunt::web
