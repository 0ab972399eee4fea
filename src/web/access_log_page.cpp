// Who looked at a case (issue 15, in the manner of NEN 7513), for staff who read its whole dossier:
// each opening of the case, its documents and letters, and of this list, with when, who and from
// which address. Reading the list is itself an opening.
#include <date/date.h>
#include <date/tz.h>

#include "render/due_date_text.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

// What an opening was, in the reader's words.
std::string opened_text(const storage::AccessRecord& r, const messages::Catalogue& t) {
    if (r.action == service::kOpenedDocument && r.subject.rfind("letter ", 0) == 0)
        return t.text("web.access_log.opened_letter", {r.subject.substr(7)});
    if (r.action == service::kOpenedDocument)
        return t.text("web.access_log.opened_document", {r.subject});
    if (r.action == service::kOpenedAccessLog)
        return t.text("web.access_log.opened_access_log");
    return t.text("web.access_log.opened_case");
}

}  // namespace

Response case_access_log(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const std::string& reference = request.param("reference");
    auto result = ctx.cases.get(who, who.org, reference);
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    const auto& record = result.value();
    if (record.shared_documents_only || !ctx.access)
        return error_page(ctx, request, 403, "error.access_log_forbidden");
    const auto& calendar = record.procedure->calendar;
    const auto names = people_names(ctx, who.org);
    mstch::array rows;
    for (const auto& r : ctx.access->of_case(who, who.org, reference, request.http.remote, ctx.now())) {
        const std::chrono::sys_seconds at{std::chrono::seconds{r.at}};
        const auto local = date::make_zoned(calendar.zone(), at).get_local_time();
        const auto name = names.find(r.actor);
        rows.push_back(mstch::map{
            {"when", render::long_date(calendar.local_day(at), t) + " " + date::format("%H:%M:%S", local)},
            {"who", name == names.end() ? r.actor : name->second},
            {"what", opened_text(r, t)},
            {"client", r.client},
            {"count",
             r.count > 1 ? t.text("web.access_log.times", {std::to_string(r.count)}) : std::string()}});
    }
    mstch::map context{{"reference", reference}, {"rows", rows}, {"has_rows", !rows.empty()}};
    return html(
        ctx, request, 200,
        ctx.pages.render("access_log", context, request.frame(t.text("web.access_log.title", {reference}))));
}

}  // namespace meldpunt::web
