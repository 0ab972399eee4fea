#pragma once
// The handlers behind the routes (routes.cpp). Each parses the form or the path, calls a service
// and renders a page or redirects; no rules of the procedure live here.
#include "http/router.hpp"
#include "web/web_context.hpp"

namespace meldpunt::web {

using http::Params;
using http::Request;
using http::Response;

// Public pages (public_pages.cpp).
Response home_page(WebContext& ctx, const Request& request, const Params& params);
Response complaint_form(WebContext& ctx, const Request& request, const Params& params);
Response submit_complaint(WebContext& ctx, const Request& request, const Params& params);
Response confirmation_page(WebContext& ctx, const Request& request, const Params& params);
Response portal_page(WebContext& ctx, const Request& request, const Params& params);
Response portal_action(WebContext& ctx, const Request& request, const Params& params);
Response portal_message(WebContext& ctx, const Request& request, const Params& params);
Response portal_document(WebContext& ctx, const Request& request, const Params& params);
Response procedure_page(WebContext& ctx, const Request& request, const Params& params);
Response stylesheet(WebContext& ctx, const Request& request, const Params& params);

// Staff pages (staff_pages.cpp, admin_pages.cpp).
Response login_page(WebContext& ctx, const Request& request, const Params& params);
Response login(WebContext& ctx, const Request& request, const Params& params);
Response logout(WebContext& ctx, const Request& request, const Params& params);
Response dashboard(WebContext& ctx, const Request& request, const Params& params);
Response register_page(WebContext& ctx, const Request& request, const Params& params);
Response register_csv(WebContext& ctx, const Request& request, const Params& params);
Response case_page(WebContext& ctx, const Request& request, const Params& params);
Response case_action(WebContext& ctx, const Request& request, const Params& params);
Response case_upload(WebContext& ctx, const Request& request, const Params& params);
Response case_document(WebContext& ctx, const Request& request, const Params& params);
Response staff_intake_page(WebContext& ctx, const Request& request, const Params& params);
Response staff_intake(WebContext& ctx, const Request& request, const Params& params);
Response admin_page(WebContext& ctx, const Request& request, const Params& params);
Response admin_add_person(WebContext& ctx, const Request& request, const Params& params);
Response admin_upload_procedure(WebContext& ctx, const Request& request, const Params& params);
Response admin_person(WebContext& ctx, const Request& request, const Params& params);
Response admin_person_roles(WebContext& ctx, const Request& request, const Params& params);
Response admin_person_password(WebContext& ctx, const Request& request, const Params& params);
Response admin_person_status(WebContext& ctx, const Request& request, const Params& params);

}  // namespace meldpunt::web
