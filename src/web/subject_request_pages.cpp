// Data subjects' requests, for those who see every case (issue 15; GDPR art. 12, 15, 17, 18): the
// list with each request's deadline, a request registered, what the register keeps about its person,
// the export as one ZIP, the deadline extended once, the decision recorded and carried out, and a
// restriction lifted (data_subject.hpp says what each does).
#include "render/due_date_text.hpp"
#include "support/text.hpp"
#include "web/content_disposition.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

constexpr const char* kListPath = "/werk/bewaartermijn/verzoeken";

// The deadline in words: the day, and how far off or how late.
std::string deadline_text(const service::SubjectRequestView& view, const messages::Catalogue& t) {
    if (!view.due.due)
        return "";
    const std::string day = render::long_date(*view.due.due, t);
    if (!view.request.outcome.empty())
        return day;
    if (view.overdue)
        return t.text("web.subject.overdue", {day, std::to_string(-view.days_left)});
    return t.text("web.subject.due_in", {day, std::to_string(view.days_left)});
}

std::string status_text(const service::SubjectRequestView& view, const messages::Catalogue& t) {
    if (!view.request.outcome.empty())
        return t.text("web.subject.outcome_" + view.request.outcome);
    return t.text(view.request.extended_by.empty() ? "web.subject.open" : "web.subject.open_extended");
}

mstch::map request_row(const service::SubjectRequestView& view, const messages::Catalogue& t) {
    const auto& r = view.request;
    return mstch::map{{"id", std::to_string(r.id)},
                      {"person", r.person_name.empty() ? r.person_email : r.person_name},
                      {"email", r.person_email},
                      {"right", t.text("web.subject.right_" + r.right)},
                      {"received", render::long_date(r.received_on, t)},
                      {"deadline", deadline_text(view, t)},
                      {"overdue", view.overdue},
                      {"status", status_text(view, t)},
                      {"open", r.outcome.empty()}};
}

Response refusal_page(WebContext& ctx, const WebCall& request, const service::ServiceError& e) {
    if (e.kind == service::ErrorKind::forbidden)
        return error_page(ctx, request, 403, "error.retention_forbidden");
    return error_page(ctx, request, http::http_status(e.kind), "error.not_found");
}

Response show_list(WebContext& ctx, const WebCall& request, int status, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto requests = ctx.subjects.requests(who, who.org, ctx.now());
    if (auto* e = requests.failure())
        return refusal_page(ctx, request, *e);
    mstch::array rows;
    for (const auto& view : requests.value())
        rows.push_back(request_row(view, t));
    mstch::map context{{"requests", rows}, {"has_requests", !rows.empty()}, {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("subject_requests", context, request.frame(t.text("web.subject.title"))));
}

Response show_request(WebContext& ctx, const WebCall& request, int64_t id, int status,
                      const std::string& flash, const std::string& error) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto view = ctx.subjects.request(who, who.org, id, ctx.now());
    if (auto* e = view.failure())
        return refusal_page(ctx, request, *e);
    auto findings = ctx.subjects.find(who, who.org, id);
    if (auto* e = findings.failure())
        return refusal_page(ctx, request, *e);
    const auto& r = view.value().request;
    const auto names = people_names(ctx, who.org);
    auto name_of = [&](const std::string& email) {
        const auto found = names.find(email);
        return found == names.end() ? email : found->second;
    };
    auto loaded = ctx.cases.current_procedure(who.org);
    auto day_of = [&](int64_t at) {
        const std::chrono::sys_seconds instant{std::chrono::seconds{at}};
        return loaded ? loaded->calendar.local_day(instant) : std::chrono::floor<std::chrono::days>(instant);
    };
    mstch::array cases;
    for (const auto& c : findings.value().cases) {
        std::string roles;
        for (const auto& role : c.roles)
            roles += (roles.empty() ? "" : ", ") + t.text("subject.role." + role);
        const auto* kind = loaded ? loaded->procedure.kind(c.kind) : nullptr;
        std::string state = c.closed_on
                                ? t.text("web.subject.closed_on", {render::long_date(*c.closed_on, t)})
                                : t.text("web.subject.still_open");
        if (c.held)
            state += " · " + t.text("web.subject.held");
        cases.push_back(mstch::map{
            {"reference", c.reference},
            {"kind", kind ? kind->name : c.kind},
            {"subject", c.subject},
            {"received", render::long_date(c.received_on, t)},
            {"roles", roles},
            {"state", state},
            {"restricted", c.restricted},
            {"counts", t.text("web.subject.counts", {std::to_string(c.documents), std::to_string(c.messages),
                                                     std::to_string(c.letters)})}});
    }
    mstch::array mail;
    for (const auto& m : findings.value().mail)
        mail.push_back(
            mstch::map{{"subject", m.subject}, {"received", render::long_date(day_of(m.received_at), t)}});
    auto row = request_row(view.value(), t);
    const bool open = r.outcome.empty();
    mstch::map context{
        {"request", row},
        {"cases", cases},
        {"has_cases", !cases.empty()},
        {"more", findings.value().more},
        {"mail", mail},
        {"has_mail", !mail.empty()},
        {"open", open},
        {"may_extend", open && r.extended_by.empty()},
        {"extended", !r.extended_by.empty()},
        {"extension",
         r.extended_by.empty() ? std::string() : t.text("web.subject.extended_by", {name_of(r.extended_by)})},
        {"extension_reason", r.extension_reason},
        {"decided", !open},
        {"decision_by",
         open ? std::string()
              : t.text("web.subject.decided_by",
                       {name_of(r.decided_by), render::long_date(day_of(r.decided_at.value_or(0)), t)})},
        {"decision", r.decision},
        {"choose_cases", open && r.right != "access" && !cases.empty()},
        {"decide_hint", t.text("web.subject.decide_hint_" + r.right)},
        {"registered_by", t.text("web.subject.registered_by", {name_of(r.registered_by)})},
        {"flash", flash},
        {"error", error}};
    return html(ctx, request, status,
                ctx.pages.render("subject_request", context,
                                 request.frame(t.text("web.subject.request_title", {std::to_string(r.id)}))));
}

// A refusal of a step on request `id`: no page for who may not see it or for what is not there,
// else the request's page with the reason in words.
Response refused_on_page(WebContext& ctx, const WebCall& request, int64_t id,
                         const service::ServiceError& e) {
    if (e.kind == service::ErrorKind::forbidden || e.kind == service::ErrorKind::not_found)
        return refusal_page(ctx, request, e);
    return show_request(ctx, request, id, http::http_status(e.kind), "", message_of(request, ctx, e));
}

}  // namespace

Response subject_requests_page(WebContext& ctx, const WebCall& request) {
    return show_list(ctx, request, 200, "");
}

Response subject_request_register(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const Form& form = *request.form;
    service::SubjectRequestInput input{form.get("name"), form.get("email"), form.get("right"),
                                       form.get("received")};
    auto registered = ctx.subjects.register_request(who, who.org, input, ctx.now());
    if (auto* e = registered.failure()) {
        if (e->kind == service::ErrorKind::forbidden || e->kind == service::ErrorKind::not_found)
            return refusal_page(ctx, request, *e);
        return show_list(ctx, request, http::http_status(e->kind), message_of(request, ctx, *e));
    }
    return redirect(ctx, request,
                    std::string(kListPath) + "/" + std::to_string(registered.value().request.id));
}

Response subject_request_page(WebContext& ctx, const WebCall& request) {
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    return show_request(ctx, request, *id, 200, "", "");
}

Response subject_request_export(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    auto made = ctx.subjects.export_archive(who, who.org, *id, request.catalogue(ctx), ctx.now());
    if (auto* e = made.failure()) {
        if (e->kind == service::ErrorKind::conflict)
            return show_request(ctx, request, *id, 409, "", message_of(request, ctx, *e));
        return refusal_page(ctx, request, *e);
    }
    note_access(ctx, request, "export", "", made.value().file_name);
    return {200,
            "application/zip",
            std::move(made.value().bytes),
            {{"Content-Disposition", content_disposition("attachment", made.value().file_name)},
             {"X-Content-Type-Options", "nosniff"},
             {"Cache-Control", "no-store"}}};
}

Response subject_request_extend(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    auto extended = ctx.subjects.extend(who, who.org, *id, request.form->get("reason"), ctx.now());
    if (auto* e = extended.failure()) {
        return refused_on_page(ctx, request, *id, *e);
    }
    const auto& due = extended.value().due.due;
    return show_request(ctx, request, *id, 200,
                        t.text("web.subject.extended", {due ? render::long_date(*due, t) : std::string()}),
                        "");
}

Response subject_request_decide(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const Form& form = *request.form;
    std::vector<std::string> references;
    if (const auto chosen = form.values.find("reference"); chosen != form.values.end())
        references = chosen->second;
    auto decided = ctx.subjects.decide(who, who.org, *id, form.get("outcome"), form.get("decision"),
                                       references, ctx.now());
    if (auto* e = decided.failure()) {
        return refused_on_page(ctx, request, *id, *e);
    }
    const auto& done = decided.value();
    auto joined = [](const std::vector<std::string>& list) {
        std::string out;
        for (const auto& item : list)
            out += (out.empty() ? "" : ", ") + item;
        return out;
    };
    std::string flash = t.text("web.subject.decided_" + done.outcome);
    if (!done.erased.empty())
        flash += " " + t.text("web.subject.erased", {joined(done.erased)});
    if (!done.restricted.empty())
        flash += " " + t.text("web.subject.restricted", {joined(done.restricted)});
    if (!done.skipped.empty())
        flash += " " + t.text("web.subject.skipped", {joined(done.skipped)});
    if (done.mail_destroyed > 0)
        flash += " " + t.text("web.subject.mail_destroyed", {std::to_string(done.mail_destroyed)});
    return show_request(ctx, request, *id, 200, flash, "");
}

Response subject_restriction_lift(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    const auto id = number_param(request);
    if (!id)
        return error_page(ctx, request, 404, "error.not_found");
    const std::string reference = support::trimmed(request.form->get("reference"));
    auto lifted = ctx.subjects.lift_restriction(who, who.org, *id, reference, ctx.now());
    if (auto* e = lifted.failure()) {
        if (e->kind == service::ErrorKind::forbidden)
            return refusal_page(ctx, request, *e);
        return show_request(ctx, request, *id, http::http_status(e->kind), "",
                            t.text("web.subject.not_restricted", {reference}));
    }
    return show_request(ctx, request, *id, 200, t.text("web.subject.restriction_lifted", {reference}), "");
}

}  // namespace meldpunt::web
