#include "web/routes.hpp"

#include "web/page_handlers.hpp"

namespace meldpunt::web {

void add_web_routes(http::Router& router, WebContext& ctx) {
    auto bind = [&ctx](Response (*handler)(WebContext&, const Request&, const Params&)) {
        return [&ctx, handler](const Request& request, const Params& params) {
            return handler(ctx, request, params);
        };
    };
    // Literal paths first: the router takes the first match, and /{org}/... would match them too.
    router.add("GET", "/static/meldpunt.css", bind(stylesheet));
    router.add("GET", "/login", bind(login_page));
    router.add("POST", "/login", bind(login));
    router.add("POST", "/logout", bind(logout));
    router.add("GET", "/werk", bind(dashboard));
    router.add("GET", "/werk/zaken", bind(register_page));
    router.add("GET", "/werk/zaken.csv", bind(register_csv));
    router.add("GET", "/werk/nieuw", bind(staff_intake_page));
    router.add("POST", "/werk/nieuw", bind(staff_intake));
    router.add("GET", "/werk/beheer", bind(admin_page));
    router.add("POST", "/werk/beheer/mensen", bind(admin_add_person));
    router.add("POST", "/werk/beheer/procedure", bind(admin_upload_procedure));
    router.add("GET", "/werk/beheer/mensen/{id}", bind(admin_person));
    router.add("POST", "/werk/beheer/mensen/{id}/rollen", bind(admin_person_roles));
    router.add("POST", "/werk/beheer/mensen/{id}/wachtwoord", bind(admin_person_password));
    router.add("POST", "/werk/beheer/mensen/{id}/status", bind(admin_person_status));
    router.add("GET", "/werk/zaken/{reference}", bind(case_page));
    router.add("POST", "/werk/zaken/{reference}/actie", bind(case_action));
    router.add("POST", "/werk/zaken/{reference}/documents", bind(case_upload));
    router.add("GET", "/werk/zaken/{reference}/documents/{id}", bind(case_document));

    router.add("GET", "/", bind(home_page));
    router.add("GET", "/{org}/klacht", bind(complaint_form));
    router.add("POST", "/{org}/klacht", bind(submit_complaint));
    router.add("GET", "/{org}/procedure", bind(procedure_page));
    router.add("GET", "/{org}/portaal/{token}", bind(portal_page));
    router.add("GET", "/{org}/portaal/{token}/bevestiging", bind(confirmation_page));
    router.add("POST", "/{org}/portaal/{token}/actie", bind(portal_action));
    router.add("POST", "/{org}/portaal/{token}/bericht", bind(portal_message));
    router.add("GET", "/{org}/portaal/{token}/documents/{id}", bind(portal_document));
}

}  // namespace meldpunt::web
