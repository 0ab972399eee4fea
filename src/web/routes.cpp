#include "web/routes.hpp"

#include "http/forwarded.hpp"

#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

using http::Auth;
using http::Body;
using http::Route;

using PageHandler = Response (*)(WebContext&, const WebCall&);

// Who the route lets in: nullopt, or the answer for everyone else.
std::optional<Response> refuse_caller(WebContext& ctx, const Route& route, WebCall& call) {
    switch (route.auth) {
        case Auth::none:
            return std::nullopt;
        case Auth::api_token:  // pages take no API tokens: a route declared so lets nobody in
            return error_page(ctx, call, 404, "error.not_found");
        case Auth::staff_session:
        case Auth::administrator:
            if (!call.staff)
                return redirect(ctx, call, "/login");
            if (route.auth == Auth::administrator && !service::Directory::is_administrator(*call.staff))
                return error_page(ctx, call, 403, "error.not_administrator");
            return std::nullopt;
        case Auth::portal_link: {
            // The complainant behind the link, for this organisation's path only.
            auto who = ctx.cases.portal_principal(call.param("token"));
            if (!who || who->org != call.param("org"))
                return error_page(ctx, call, 404, "error.not_found");
            who->client = http::client_group(call.http.remote);  // their uploads count against it
            call.complainant = std::move(who);
            return std::nullopt;
        }
    }
    return error_page(ctx, call, 404, "error.not_found");  // not reached: every Auth has its case
}

// The page's handler behind what the route declares: the caller it lets in, then the posted form.
http::Handler bind(WebContext& ctx, const Route& route, PageHandler handler) {
    return [&ctx, route, handler](const Request& request, const Params& params) {
        WebCall call{read_web_request(ctx, request), params};
        if (auto refused = refuse_caller(ctx, route, call))
            return *refused;
        if (route.body == Body::form || route.body == Body::files) {
            auto posted = posted_form(ctx, call);
            if (auto* refused = posted.failure())
                return *refused;
            const Form form = std::move(posted).value();
            call.form = &form;
            return handler(ctx, call);
        }
        return handler(ctx, call);
    };
}

}  // namespace

void add_web_routes(http::Router& router, WebContext& ctx) {
    struct PageRoute {
        Route route;
        PageHandler handler;
    };
    const auto staff = Auth::staff_session;
    const auto admin = Auth::administrator;
    const auto portal = Auth::portal_link;
    // Literal paths first: the router takes the first match, and /{org}/... would match them too.
    const PageRoute table[] = {
        {{"GET", "/static/meldpunt.css"}, stylesheet},
        {{"GET", "/login"}, login_page},
        {{"POST", "/login", Auth::none, Body::form}, login},
        {{"POST", "/logout", Auth::none, Body::form}, logout},
        {{"GET", "/wachtwoord-vergeten"}, forgot_page},
        {{"POST", "/wachtwoord-vergeten", Auth::none, Body::form}, forgot},
        {{"GET", "/wachtwoord/{token}"}, password_page},
        {{"POST", "/wachtwoord/{token}", Auth::none, Body::form}, password_set},
        {{"GET", "/werk", staff}, dashboard},
        {{"GET", "/werk/zaken", staff}, register_page},
        {{"GET", "/werk/zaken.csv", staff}, register_csv},
        {{"GET", "/werk/zaken.xlsx", staff}, register_xlsx},
        {{"GET", "/werk/nieuw", staff}, staff_intake_page},
        {{"POST", "/werk/nieuw", staff, Body::files}, staff_intake},
        {{"GET", "/werk/post", staff}, post_page},
        {{"GET", "/werk/post/brieven.pdf", staff}, post_batch},
        {{"POST", "/werk/post/verstuurd", staff, Body::form}, post_mark},
        {{"GET", "/werk/rapportages", staff}, reports_page},
        {{"GET", "/werk/rapportages/{period}", staff}, report_page},
        {{"GET", "/werk/rapportages/{period}/publicatie", staff}, publication_page},
        {{"POST", "/werk/rapportages/{period}/uitbrengen", staff, Body::form}, report_issue},
        {{"GET", "/werk/rapportages/{period}/rapportage.xlsx", staff}, report_xlsx},
        {{"GET", "/werk/rapportages/{period}/rapportage.pdf", staff}, report_pdf},
        {{"GET", "/werk/rapportages/{period}/afgesloten-zaken.csv", staff}, report_closed_csv},
        {{"GET", "/werk/bewaartermijn", staff}, retention_page},
        {{"POST", "/werk/bewaartermijn/blokkade", staff, Body::form}, retention_hold},
        {{"POST", "/werk/bewaartermijn/blokkade/opheffen", staff, Body::form}, retention_lift},
        {{"GET", "/werk/bewaartermijn/verzoeken", staff}, subject_requests_page},
        {{"POST", "/werk/bewaartermijn/verzoeken", staff, Body::form}, subject_request_register},
        {{"GET", "/werk/bewaartermijn/verzoeken/{number}", staff}, subject_request_page},
        {{"GET", "/werk/bewaartermijn/verzoeken/{number}/gegevens.zip", staff}, subject_request_export},
        {{"POST", "/werk/bewaartermijn/verzoeken/{number}/verlengen", staff, Body::form},
         subject_request_extend},
        {{"POST", "/werk/bewaartermijn/verzoeken/{number}/besluit", staff, Body::form},
         subject_request_decide},
        {{"POST", "/werk/bewaartermijn/verzoeken/{number}/beperking-opheffen", staff, Body::form},
         subject_restriction_lift},
        {{"GET", "/werk/maatregelen", staff}, measures_page},
        {{"GET", "/werk/maatregelen/nieuw", staff}, measure_new_page},
        {{"POST", "/werk/maatregelen/nieuw", staff, Body::form}, measure_propose},
        {{"GET", "/werk/maatregelen/{number}", staff}, measure_page},
        {{"POST", "/werk/maatregelen/{number}", staff, Body::form}, measure_edit},
        {{"POST", "/werk/maatregelen/{number}/stap", staff, Body::form}, measure_step},
        {{"GET", "/werk/instellingen", staff}, settings_page},
        {{"POST", "/werk/instellingen", staff, Body::form}, settings_save},
        {{"POST", "/werk/instellingen/sleutels", staff, Body::form}, settings_new_token},
        {{"POST", "/werk/instellingen/sleutels/{id}/intrekken", staff, Body::form}, settings_revoke_token},
        {{"GET", "/werk/beheer", admin}, admin_page},
        {{"POST", "/werk/beheer/mensen", admin, Body::form}, admin_add_person},
        {{"POST", "/werk/beheer/procedure", admin, Body::files}, admin_upload_procedure},
        {{"GET", "/werk/beheer/procedure/{version}", admin}, admin_procedure_version},
        {{"POST", "/werk/beheer/procedure/{version}/activeren", admin, Body::form}, admin_activate_procedure},
        {{"POST", "/werk/beheer/mail", admin, Body::form}, admin_mail_sender},
        {{"POST", "/werk/beheer/mail/test", admin, Body::form}, admin_mail_test},
        {{"GET", "/werk/beheer/mail-in", admin}, mail_in_page},
        {{"GET", "/werk/beheer/koppelingen", admin}, webhooks_page},
        {{"POST", "/werk/beheer/koppelingen", admin, Body::form}, webhook_add},
        {{"GET", "/werk/beheer/koppelingen/{number}", admin}, webhook_page},
        {{"POST", "/werk/beheer/koppelingen/{number}", admin, Body::form}, webhook_change},
        {{"POST", "/werk/beheer/koppelingen/{number}/geheim", admin, Body::form}, webhook_secret},
        {{"POST", "/werk/beheer/koppelingen/{number}/verwijderen", admin, Body::form}, webhook_remove},
        {{"POST", "/werk/beheer/koppelingen/{number}/opnieuw", admin, Body::form}, webhook_retry},
        {{"POST", "/werk/beheer/mail-in/adres", admin, Body::form}, mail_in_address},
        {{"POST", "/werk/beheer/mail-in/postvak", admin, Body::form}, mail_in_mailbox},
        {{"GET", "/werk/beheer/mail-in/bericht/{hash}", admin}, mail_in_message},
        {{"POST", "/werk/beheer/mail-in/afgehandeld", admin, Body::form}, mail_in_clear},
        {{"GET", "/werk/beheer/mensen/{id}", admin}, admin_person},
        {{"POST", "/werk/beheer/mensen/{id}/rollen", admin, Body::form}, admin_person_roles},
        {{"POST", "/werk/beheer/mensen/{id}/wachtwoord", admin, Body::form}, admin_person_password},
        {{"POST", "/werk/beheer/mensen/{id}/begeleider", admin, Body::form}, admin_person_supervisor},
        {{"POST", "/werk/beheer/mensen/{id}/uitnodigen", admin, Body::form}, admin_person_invite},
        {{"POST", "/werk/beheer/mensen/{id}/status", admin, Body::form}, admin_person_status},
        {{"GET", "/werk/zaken/{reference}", staff}, case_page},
        {{"POST", "/werk/zaken/{reference}/actie", staff, Body::form}, case_action},
        {{"POST", "/werk/zaken/{reference}/berichten", staff, Body::files}, case_message},
        {{"POST", "/werk/zaken/{reference}/gegevens", staff, Body::form}, case_correct},
        {{"POST", "/werk/zaken/{reference}/afspraken", staff, Body::form}, case_commitment},
        {{"POST", "/werk/zaken/{reference}/urgentie", staff, Body::form}, case_urgency},
        {{"POST", "/werk/zaken/{reference}/wachten-stoppen", staff, Body::form}, case_stop_waiting},
        {{"POST", "/werk/zaken/{reference}/doorsturen", staff, Body::form}, case_forward},
        {{"POST", "/werk/zaken/{reference}/afspraken/{id}", staff, Body::form}, case_commitment_settle},
        {{"POST", "/werk/zaken/{reference}/samenvoegen", staff, Body::form}, case_merge},
        {{"GET", "/werk/zaken/{reference}/documents/{id}", staff}, case_document},
        {{"GET", "/werk/zaken/{reference}/brieven/{seq}", staff}, case_letter},
        {{"GET", "/werk/zaken/{reference}/inzage", staff}, case_access_log},

        {{"GET", "/"}, home_page},
        {{"GET", "/{org}/klacht"}, complaint_form},
        {{"POST", "/{org}/klacht", Auth::none, Body::files}, submit_complaint},
        {{"GET", "/{org}/procedure"}, procedure_page},
        {{"GET", "/{org}/portaal/{token}", portal}, portal_page},
        {{"GET", "/{org}/portaal/{token}/bevestiging", portal}, confirmation_page},
        {{"POST", "/{org}/portaal/{token}/actie", portal, Body::form}, portal_action},
        {{"POST", "/{org}/portaal/{token}/bericht", portal, Body::files}, portal_message},
        {{"GET", "/{org}/portaal/{token}/documents/{id}", portal}, portal_document},
        {{"GET", "/{org}/portaal/{token}/brieven/{seq}", portal}, portal_letter},
    };
    for (const auto& entry : table)
        router.add(entry.route, bind(ctx, entry.route, entry.handler));
    // A page that does not exist is a page too (/werk/..., /focus/..., /...), in the reader's
    // language; the API keeps answering JSON.
    router.set_page_not_found([&ctx](const Request& request, const Params& params) {
        WebCall call{read_web_request(ctx, request), params};
        return error_page(ctx, call, 404, "error.no_such_page");
    });
}

void prepare_procedure_diagrams(WebContext& context, const std::string& org) {
    std::vector<std::string> orgs{org};
    if (org.empty()) {
        orgs.clear();
        for (const auto& o : context.directory.organisations())
            orgs.push_back(o.id);
    }
    for (const auto& id : orgs)
        if (auto procedure = context.cases.current_procedure(id))
            for (auto language : {messages::Language::nl, messages::Language::en})
                context.diagrams->prepare(procedure, context.pages.catalogue(language));
}

}  // namespace meldpunt::web
