// The pages for complainants: the organisations, the complaint form, the confirmation, the portal
// and the procedure. No login: the portal is reached by its private link.
#include <functional>
#include <optional>

#include "domain/calendar/day.hpp"
#include "http/forwarded.hpp"
#include "procedure_file/describe.hpp"
#include "render/due_date_text.hpp"
#include "service/directory.hpp"
#include "service/intake_input.hpp"
#include "service/links.hpp"
#include "web/assets.hpp"
#include "web/case_view.hpp"
#include "web/error_notice.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

constexpr size_t kMaxAttachments = 5;

struct FormError {
    std::string field, message;
};

// The kinds a complainant may choose on the web form: those the procedure makes public (001
// §Procedure 3: the website is for the formal complaint).
std::vector<const procedure::Kind*> web_kinds(const procedure::Procedure& p) {
    return p.public_kinds();
}

mstch::map text_field(const std::string& id, const std::string& label, const std::string& type,
                      const std::string& autocomplete, const Form& form, const std::vector<FormError>& errors,
                      const std::string& optional) {
    mstch::map out{{"id", id},
                   {"label", label},
                   {"type", type},
                   {"value", form.get(id)},
                   {"autocomplete", autocomplete},
                   {"optional", optional}};
    for (const auto& e : errors)
        if (e.field == id)
            out.emplace("error", e.message);
    return out;
}

Response form_page(WebContext& ctx, const WebRequest& request, const std::string& org,
                   const loading::LoadedProcedure& loaded, const Form& form,
                   const std::vector<FormError>& errors, int error_status = 422) {
    const auto& t = request.catalogue(ctx);
    const auto& p = loaded.procedure;
    mstch::array kinds;
    const auto choices = web_kinds(p);
    for (const auto* kind : choices)
        kinds.push_back(mstch::map{
            {"id", kind->id},
            {"name", kind->name},
            {"description", kind->description},
            {"checked", form.get("kind") == kind->id || (form.get("kind").empty() && kind->public_default)}});
    mstch::array units;
    for (const auto& unit : p.units)
        units.push_back(
            mstch::map{{"id", unit.id}, {"name", unit.name}, {"selected", form.get("unit") == unit.id}});
    const std::string optional = t.text("web.optional");
    const std::string one_of = t.text("web.form.one_of_three");
    mstch::map fields{
        {"subject", text_field("subject", t.text("web.form.subject"), "text", "off", form, errors, "")},
        {"about_text",
         text_field("about_text", t.text("web.form.about_text"), "text", "off", form, errors, optional)},
        {"name", text_field("name", t.text("web.form.name"), "text", "name", form, errors, "")},
        // At least one way to reach the complainant is required (check_complaint): each says so.
        {"email", text_field("email", t.text("web.form.email"), "email", "email", form, errors, one_of)},
        {"phone", text_field("phone", t.text("web.form.phone"), "tel", "tel", form, errors, one_of)},
        {"address",
         text_field("address", t.text("web.form.address"), "text", "street-address", form, errors, one_of)},
        {"representative_name", text_field("representative_name", t.text("web.form.representative_name"),
                                           "text", "off", form, errors, optional)},
        {"representative_relation",
         text_field("representative_relation", t.text("web.form.representative_relation"), "text", "off",
                    form, errors, optional)},
        {"representative_email", text_field("representative_email", t.text("web.form.representative_email"),
                                            "email", "off", form, errors, optional)},
    };
    auto error_of = [&](const std::string& field) {
        for (const auto& e : errors)
            if (e.field == field)
                return e.message;
        return std::string();
    };
    fields.emplace("description",
                   mstch::map{{"value", form.get("description")}, {"error", error_of("description")}});
    fields.emplace("wish", mstch::map{{"value", form.get("wish")}});
    fields.emplace("event_date",
                   mstch::map{{"value", form.get("event_date")}, {"error", error_of("event_date")}});
    mstch::array error_list;
    for (const auto& e : errors)
        error_list.push_back(mstch::map{
            {"field", e.field == "kind" ? std::string("kind-") + (choices.empty() ? "" : choices.front()->id)
                                        : e.field},
            {"message", e.message}});
    const bool signal = !p.rules_of(rules::RuleKind::anonymous_is_signal).empty();
    mstch::map context{
        {"org", org},
        {"heading", t.text("web.form.title", {p.meta.organisation})},
        {"kinds", kinds},
        // A form that offers one kind asks nothing about it.
        {"single_kind", choices.size() == 1 ? mstch::node(mstch::map{{"id", choices.front()->id},
                                                                     {"name", choices.front()->name}})
                                            : mstch::node(false)},
        {"several_kinds", choices.size() > 1},
        {"units", units},
        {"has_units", !units.empty()},
        {"fields", fields},
        {"anonymous", form.get("anonymous") == "yes"},
        {"anonymous_meaning", t.text(signal ? "web.form.anonymous_is_signal" : "web.form.anonymous_hint")},
        {"errors", error_list},
        {"has_errors", !errors.empty()},
        {"attachments_error", error_of("attachments")},
    };
    const std::string title = errors.empty() ? t.text("web.form.title", {p.meta.organisation})
                                             : t.text("web.form.title_with_errors", {p.meta.organisation});
    return html(ctx, request, errors.empty() ? 200 : error_status,
                ctx.pages.render("complaint_form", context, request.frame(title)));
}

bool plausible_email(const std::string& email) {
    const auto at = email.find('@');
    return at != std::string::npos && at > 0 && email.find('.', at) != std::string::npos &&
           email.find_first_of(" \t\r\n<>") == std::string::npos;
}

// Checks what the form can check by itself; the procedure's rules come after, in the service.
std::vector<FormError> check_complaint(const WebRequest& request, const WebContext& ctx, const Form& form,
                                       const loading::LoadedProcedure& loaded) {
    const auto& p = loaded.procedure;
    const auto& t = request.catalogue(ctx);
    std::vector<FormError> errors;
    auto require = [&](const std::string& field, const std::string& key) {
        if (form.get(field).find_first_not_of(" \t\r\n") == std::string::npos)
            errors.push_back({field, t.text(key)});
    };
    const auto kinds = web_kinds(p);
    if (std::none_of(kinds.begin(), kinds.end(), [&](const auto* k) { return k->id == form.get("kind"); }))
        errors.push_back({"kind", t.text("web.form.error.kind")});
    require("subject", "web.form.error.subject");
    require("description", "web.form.error.description");
    if (const auto& day = form.get("event_date"); !day.empty()) {
        auto parsed = calendar::parse_day(day);
        if (!parsed)
            errors.push_back({"event_date", t.text("web.form.error.date")});
        else if (*parsed > loaded.calendar.local_day(ctx.now()))  // the service refuses it too
            errors.push_back({"event_date", t.text("web.form.error.date_future")});
    }
    const bool anonymous = form.get("anonymous") == "yes";
    if (!anonymous) {
        require("name", "web.form.error.name");
        // Someone acting for the complainant may be the one to reach.
        if (form.get("email").empty() && form.get("phone").empty() && form.get("address").empty() &&
            form.get("representative_email").empty())
            errors.push_back({"email", t.text("web.form.error.contact")});
    }
    for (const char* field : {"email", "representative_email"})
        if (!form.get(field).empty() && !plausible_email(form.get(field)))
            errors.push_back({field, t.text("web.form.error.email")});
    const bool representative = !form.get("representative_name").empty() ||
                                !form.get("representative_relation").empty() ||
                                !form.get("representative_email").empty();
    if (representative) {
        require("representative_name", "web.form.error.representative_name");
        require("representative_relation", "web.form.error.representative_relation");
    }
    if (form.files.size() > kMaxAttachments)
        errors.push_back(
            {"attachments", t.text("web.form.error.too_many_files", {std::to_string(kMaxAttachments)})});
    for (const auto& file : form.files) {
        const auto upload = upload_of(file, "shared");
        if (auto refused = service::CaseService::check_upload(upload))
            errors.push_back(
                {"attachments", refused->kind == service::ErrorKind::payload_too_large
                                    ? t.text("web.form.error.file_too_large", {upload.name, "10"})
                                : refused->kind == service::ErrorKind::unsupported_media_type
                                    ? t.text("web.form.error.file_type", {upload.name})
                                    : message_of(request, ctx, *refused)});
    }
    size_t bytes = 0;
    for (const auto& file : form.files)
        bytes += file.content.size();
    if (errors.empty() && bytes > 0)
        if (auto refused =
                ctx.cases.refuse_public_upload(http::client_group(request.http.remote), bytes, ctx.now()))
            errors.push_back({"attachments", message_of(request, ctx, *refused)});
    return errors;
}

// The form's field that an intake's refused field stands for (the description when none does).
std::string form_field(const std::string& intake_field) {
    if (intake_field.empty() || intake_field == "received_at")
        return "description";
    if (intake_field.rfind("complainant.", 0) == 0)
        return intake_field.substr(12);
    if (intake_field.rfind("representative.", 0) == 0)
        return "representative_" + intake_field.substr(15);
    return intake_field;
}

// The public form as an intake: filed on the web by the complainant (or their representative).
service::IntakeInput intake_of(const Form& form, const WebRequest& request, const WebContext& ctx) {
    service::IntakeInput in;
    in.kind = form.get("kind");
    in.channel = "web";
    in.subject = form.get("subject");
    in.description = form.get("description");
    if (!form.get("wish").empty())
        in.description +=
            "\n\n" + request.catalogue(ctx).text("web.form.wish_in_case") + "\n" + form.get("wish");
    in.unit = form.get("unit");
    in.about_text = form.get("about_text");
    in.complainant = {form.get("name"), form.get("email"), form.get("phone"), form.get("address"),
                      form.get("anonymous") == "yes"};
    if (!form.get("event_date").empty())
        in.event_date = form.get("event_date");
    if (!form.get("representative_name").empty()) {
        in.representative_name = form.get("representative_name");
        in.representative_relation = form.get("representative_relation");
        in.representative_email = form.get("representative_email");
    }
    return in;
}

using service::portal_path;

Response show_portal(WebContext& ctx, const WebCall& request, const service::Principal& who, int status,
                     const std::string& flash, const ErrorNotice& error) {
    auto result = ctx.cases.get(who, who.org, who.complainant_of);
    if (auto* e = result.failure())
        return error_page(ctx, request, http::http_status(e->kind), "error.not_found");
    const auto& record = result.value();
    const auto& t = request.catalogue(ctx);
    const auto today = record.procedure->calendar.local_day(ctx.now());
    auto actions = action_forms(record, who, t, {});
    mstch::map context{{"case", case_view(service::view_case(record, today), t, Audience::complainant)},
                       {"portal_path", portal_path(request.param("org"), request.param("token"))},
                       {"actions", actions},
                       {"has_actions", !actions.empty()},
                       {"flash", flash}};
    error.add_to(context);
    return html(
        ctx, request, status,
        ctx.pages.render("portal", context,
                         request.frame(t.text("web.portal.title") + " " + record.stored.state.reference)));
}

// "Versie 2 van deze regeling, in gebruik sinds 3 december 2026": the version in force and the
// day it was last put in force.
std::string in_force_text(const service::ProcedureHistory& history, const calendar::WorkingCalendar& calendar,
                          const messages::Catalogue& t) {
    for (const auto& v : history.versions)
        if (v.version == history.in_force && !v.activations.empty())
            return t.text("web.procedure.in_force",
                          {std::to_string(v.version),
                           render::long_date(calendar.local_day(std::chrono::sys_seconds{
                                                 std::chrono::seconds{v.activations.back().at}}),
                                             t)});
    return "";
}

// The regulation as the page shows it: its title and introduction, numbered chapters, each an ordered list of
// articles with the steps of a stage beneath it; the chapter of assumptions marked.
mstch::map regulation_data(const procedure_file::Regulation& regulation, const messages::Catalogue& t) {
    mstch::array chapters;
    int number = 0;
    for (const auto& chapter : regulation.chapters) {
        mstch::array articles;
        std::vector<std::string> steps;
        ++number;
        auto close = [&](const std::string& text) {
            mstch::array step_items;
            for (const auto& step : steps)
                step_items.push_back(step);
            // The anchor a refusal links to (error_notice.cpp): "artikel-6-2".
            const std::string anchor =
                "artikel-" + std::to_string(number) + "-" + std::to_string(articles.size() + 1);
            articles.push_back(mstch::map{
                {"text", text}, {"anchor", anchor}, {"steps", step_items}, {"has_steps", !steps.empty()}});
            steps.clear();
        };
        std::optional<std::string> open;
        for (const auto& article : chapter.articles) {
            if (article.level > 0 && open) {
                steps.push_back(article.text);
                continue;
            }
            if (open)
                close(*open);
            open = article.text;
        }
        if (open)
            close(*open);
        chapters.push_back(mstch::map{{"number", std::to_string(number)},
                                      {"heading", chapter.heading},
                                      {"intro", chapter.intro},
                                      {"articles", articles},
                                      {"assumptions", chapter.heading == t.text("show.assumptions")}});
    }
    // The preamble (the file's own version number, the name of the text it encodes) is left out:
    // the page says above which version is in force, and a file name means nothing to a reader.
    return mstch::map{
        {"title", regulation.title}, {"introduction", regulation.introduction}, {"chapters", chapters}};
}

}  // namespace

Response stylesheet(WebContext&, const WebCall&) {
    return {200,
            "text/css; charset=utf-8",
            std::string(asset("meldpunt.css")),
            {{"Cache-Control", "max-age=3600"}}};
}

Response home_page(WebContext& ctx, const WebCall& request) {
    mstch::array list;
    for (const auto& org : ctx.directory.organisations())
        list.push_back(mstch::map{{"id", org.id}, {"name", org.name}});
    return html(ctx, request, 200,
                ctx.pages.render("home", {{"orgs", list}},
                                 request.frame(request.catalogue(ctx).text("web.home.title"))));
}

Response complaint_form(WebContext& ctx, const WebCall& request) {
    auto loaded = ctx.cases.current_procedure(request.param("org"));
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    return form_page(ctx, request, request.param("org"), *loaded, Form{}, {});
}

Response submit_complaint(WebContext& ctx, const WebCall& request) {
    const std::string& org = request.param("org");
    auto loaded = ctx.cases.current_procedure(org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const Form* form = request.form;
    auto errors = check_complaint(request, ctx, *form, *loaded);
    if (!errors.empty())
        return form_page(ctx, request, org, *loaded, *form, errors);
    auto filed = ctx.cases.intake_by_complainant(org, intake_of(*form, request, ctx),
                                                 http::client_group(request.http.remote), ctx.now());
    if (auto* e = filed.failure())
        return form_page(ctx, request, org, *loaded, *form,
                         {{form_field(e->field), message_of(request, ctx, *e)}}, http::http_status(e->kind));
    const auto& intake = filed.value();
    auto who = service::complainant_principal(org, intake.record.stored.state.reference);
    who.client = http::client_group(request.http.remote);
    for (const auto& file : form->files)
        // Checked above; a failure here (the case is filed) shows in the portal as a missing file.
        (void)ctx.cases.upload(who, org, intake.record.stored.state.reference, upload_of(file, "shared"),
                               ctx.now(), false);  // part of the filing: no "new message" notice
    return redirect(ctx, request, portal_path(org, intake.portal_token) + "/bevestiging");
}

Response confirmation_page(WebContext& ctx, const WebCall& request) {
    const auto& who = request.complainant;
    auto result = ctx.cases.get(*who, who->org, who->complainant_of);
    if (auto* e = result.failure())
        return error_page(ctx, request, http::http_status(e->kind), "error.not_found");
    const auto& record = result.value();
    const auto& t = request.catalogue(ctx);
    const std::string path = portal_path(request.param("org"), request.param("token"));
    const std::string host = request.http.header("host");
    mstch::map context{
        {"case", case_view(service::view_case(record, record.procedure->calendar.local_day(ctx.now())), t,
                           Audience::complainant)},
        {"reference_text", t.text("web.confirmation.reference", {record.stored.state.reference})},
        {"portal_path", path},
        {"portal_url", (host.empty() ? "" : (ctx.secure_cookies ? "https://" : "http://") + host) + path}};
    return html(ctx, request, 200,
                ctx.pages.render("confirmation", context, request.frame(t.text("web.confirmation.title"))));
}

Response portal_page(WebContext& ctx, const WebCall& request) {
    const auto done = request.http.query.find("gedaan");
    return show_portal(ctx, request, *request.complainant, 200,
                       done == request.http.query.end() ? "" : request.catalogue(ctx).text("web.portal.done"),
                       ErrorNotice{});
}

namespace {

// A complainant's post in the portal (the binder let in their link with a valid form): the change
// (which returns its refusal, if any), then the portal again with the refusal or "done".
using PortalChange =
    std::function<std::optional<service::ServiceError>(const service::Principal& who, const Form& form)>;

Response change_in_portal(WebContext& ctx, const WebCall& request, const PortalChange& change) {
    const auto& who = *request.complainant;
    const std::string here = portal_path(request.param("org"), request.param("token"));
    if (auto e = change(who, *request.form))
        return show_portal(ctx, request, who, http::http_status(e->kind), "",
                           error_notice(ctx, request, *e, who.org, request.form->get("action"), here));
    return redirect(ctx, request, portal_path(request.param("org"), request.param("token")) + "?gedaan=1");
}

}  // namespace

Response portal_action(WebContext& ctx, const WebCall& request) {
    return change_in_portal(
        ctx, request,
        [&](const service::Principal& who, const Form& form) -> std::optional<service::ServiceError> {
            service::ActionInput input{form.get("action"), std::nullopt, action_fields(form)};
            auto result = ctx.cases.act(who, who.org, who.complainant_of, input, std::nullopt, ctx.now());
            if (auto* e = result.failure())
                return *e;
            return std::nullopt;
        });
}

Response portal_message(WebContext& ctx, const WebCall& request) {
    return change_in_portal(
        ctx, request,
        [&](const service::Principal& who, const Form& form) -> std::optional<service::ServiceError> {
            auto sent = ctx.cases.send_message(who, who.org, who.complainant_of,
                                               message_input(form, "message", "shared"), ctx.now());
            if (auto* e = sent.failure())
                return *e;
            return std::nullopt;
        });
}

Response portal_letter(WebContext& ctx, const WebCall& request) {
    return letter_download(ctx, request, *request.complainant, request.complainant->complainant_of,
                           request.param("seq"));
}

Response portal_document(WebContext& ctx, const WebCall& request) {
    const auto& who = request.complainant;
    auto result = ctx.cases.download(*who, who->org, who->complainant_of, request.param("id"));
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    auto& [document, content] = result.value();
    return document_download(std::move(document), std::move(content));
}

Response procedure_page(WebContext& ctx, const WebCall& request) {
    const std::string& org = request.param("org");
    auto loaded = ctx.cases.current_procedure(org);
    if (!loaded)
        return error_page(ctx, request, 404, "error.no_such_org");
    const auto& t = request.catalogue(ctx);
    const auto& p = loaded->procedure;
    // Graphviz's SVG, made by Meldpunt from the procedure (names escaped by the DOT writer), drawn
    // in the background: a first visit does not wait for it.
    const auto diagram = ctx.diagrams->svg(loaded, t);
    mstch::map context{{"org", org},
                       {"name", p.meta.organisation},
                       {"in_force", in_force_text(ctx.directory.procedure_history(org), loaded->calendar, t)},
                       {"regulation", regulation_data(procedure_file::describe(p, t), t)},
                       {"svg", diagram.svg},
                       {"diagram_pending", !diagram.drawn},
                       {"diagram_failed", diagram.drawn && diagram.svg.empty()}};
    return html(ctx, request, 200,
                ctx.pages.render("procedure", context, request.frame(t.text("web.procedure.title"))));
}

}  // namespace meldpunt::web
