#pragma once
// The handlers behind the routes (routes.cpp). The route's binder has let the caller in and parsed
// the form (WebCall); each handler calls a service and renders a page or redirects; no rules of
// the procedure live here.
#include "http/router.hpp"
#include "web/web_call.hpp"
#include "web/web_context.hpp"

namespace meldpunt::web {

using http::Params;
using http::Request;
using http::Response;

// Public pages (public_pages.cpp).
Response home_page(WebContext& ctx, const WebCall& request);
Response complaint_form(WebContext& ctx, const WebCall& request);
Response submit_complaint(WebContext& ctx, const WebCall& request);
Response confirmation_page(WebContext& ctx, const WebCall& request);
Response portal_page(WebContext& ctx, const WebCall& request);
Response portal_action(WebContext& ctx, const WebCall& request);
Response portal_message(WebContext& ctx, const WebCall& request);
Response portal_document(WebContext& ctx, const WebCall& request);
Response portal_letter(WebContext& ctx, const WebCall& request);
Response procedure_page(WebContext& ctx, const WebCall& request);
Response stylesheet(WebContext& ctx, const WebCall& request);

// Setting one's own password with a link by e-mail (account_pages.cpp).
Response forgot_page(WebContext& ctx, const WebCall& request);
Response forgot(WebContext& ctx, const WebCall& request);
Response password_page(WebContext& ctx, const WebCall& request);
Response password_set(WebContext& ctx, const WebCall& request);

// Staff pages (staff_pages.cpp, admin_pages.cpp).
Response login_page(WebContext& ctx, const WebCall& request);
Response login(WebContext& ctx, const WebCall& request);
Response logout(WebContext& ctx, const WebCall& request);
Response dashboard(WebContext& ctx, const WebCall& request);
Response register_page(WebContext& ctx, const WebCall& request);
Response register_csv(WebContext& ctx, const WebCall& request);
Response register_xlsx(WebContext& ctx, const WebCall& request);
Response case_page(WebContext& ctx, const WebCall& request);
Response case_action(WebContext& ctx, const WebCall& request);
Response case_message(WebContext& ctx, const WebCall& request);
Response case_correct(WebContext& ctx, const WebCall& request);
Response case_merge(WebContext& ctx, const WebCall& request);
// What was agreed with the complainant: recorded, carried out or waived.
Response case_commitment(WebContext& ctx, const WebCall& request);
Response case_commitment_settle(WebContext& ctx, const WebCall& request);
// The case judged urgent, and sent on to a unit or person (002 §B).
Response case_urgency(WebContext& ctx, const WebCall& request);
Response case_stop_waiting(WebContext& ctx, const WebCall& request);
// webhook_pages.cpp
Response webhooks_page(WebContext& ctx, const WebCall& request);
Response webhook_add(WebContext& ctx, const WebCall& request);
Response webhook_page(WebContext& ctx, const WebCall& request);
Response webhook_change(WebContext& ctx, const WebCall& request);
Response webhook_secret(WebContext& ctx, const WebCall& request);
Response webhook_remove(WebContext& ctx, const WebCall& request);
Response webhook_retry(WebContext& ctx, const WebCall& request);
Response case_forward(WebContext& ctx, const WebCall& request);
Response case_document(WebContext& ctx, const WebCall& request);
Response case_letter(WebContext& ctx, const WebCall& request);
// The print queue: letters to people without an e-mail address, printed as one PDF, marked posted.
Response post_page(WebContext& ctx, const WebCall& request);
Response post_batch(WebContext& ctx, const WebCall& request);
Response post_mark(WebContext& ctx, const WebCall& request);
// The reports per reporting period (report_pages.cpp).
Response reports_page(WebContext& ctx, const WebCall& request);
Response report_page(WebContext& ctx, const WebCall& request);
Response publication_page(WebContext& ctx, const WebCall& request);
Response report_issue(WebContext& ctx, const WebCall& request);
Response report_xlsx(WebContext& ctx, const WebCall& request);
Response report_pdf(WebContext& ctx, const WebCall& request);
Response report_closed_csv(WebContext& ctx, const WebCall& request);
// The register of improvement measures (measure_pages.cpp).
Response measures_page(WebContext& ctx, const WebCall& request);
Response measure_new_page(WebContext& ctx, const WebCall& request);
Response measure_propose(WebContext& ctx, const WebCall& request);
Response measure_page(WebContext& ctx, const WebCall& request);
Response measure_edit(WebContext& ctx, const WebCall& request);
Response measure_step(WebContext& ctx, const WebCall& request);
// Staff's own settings: how they are told of their cases (settings_page.cpp).
Response settings_page(WebContext& ctx, const WebCall& request);
Response settings_save(WebContext& ctx, const WebCall& request);
// Their own API tokens: a new one (shown once), one revoked.
Response settings_new_token(WebContext& ctx, const WebCall& request);
Response settings_revoke_token(WebContext& ctx, const WebCall& request);
Response staff_intake_page(WebContext& ctx, const WebCall& request);
Response staff_intake(WebContext& ctx, const WebCall& request);
Response admin_page(WebContext& ctx, const WebCall& request);
Response admin_add_person(WebContext& ctx, const WebCall& request);
Response admin_upload_procedure(WebContext& ctx, const WebCall& request);  // procedure_versions_page.cpp
Response admin_procedure_version(WebContext& ctx, const WebCall& request);
Response admin_activate_procedure(WebContext& ctx, const WebCall& request);
Response admin_mail_sender(WebContext& ctx, const WebCall& request);
Response admin_mail_test(WebContext& ctx, const WebCall& request);
// Who looked at a case (access_log_page.cpp).
Response case_access_log(WebContext& ctx, const WebCall& request);
// Retention: what the procedure keeps how long, what the next 30 days anonymise, legal holds
// (retention_page.cpp).
Response retention_page(WebContext& ctx, const WebCall& request);
Response retention_hold(WebContext& ctx, const WebCall& request);
Response retention_lift(WebContext& ctx, const WebCall& request);
// Data subjects' requests: registered, found, exported, extended, decided (subject_request_pages.cpp).
Response subject_requests_page(WebContext& ctx, const WebCall& request);
Response subject_request_register(WebContext& ctx, const WebCall& request);
Response subject_request_page(WebContext& ctx, const WebCall& request);
Response subject_request_export(WebContext& ctx, const WebCall& request);
Response subject_request_extend(WebContext& ctx, const WebCall& request);
Response subject_request_decide(WebContext& ctx, const WebCall& request);
Response subject_restriction_lift(WebContext& ctx, const WebCall& request);
// Mail in: its address and mailbox, what arrived, the quarantine (mail_in_page.cpp).
Response mail_in_page(WebContext& ctx, const WebCall& request);
Response mail_in_address(WebContext& ctx, const WebCall& request);
Response mail_in_mailbox(WebContext& ctx, const WebCall& request);
Response mail_in_message(WebContext& ctx, const WebCall& request);
Response mail_in_clear(WebContext& ctx, const WebCall& request);
Response admin_person(WebContext& ctx, const WebCall& request);
Response admin_person_roles(WebContext& ctx, const WebCall& request);
Response admin_person_password(WebContext& ctx, const WebCall& request);
Response admin_person_supervisor(WebContext& ctx, const WebCall& request);
Response admin_person_invite(WebContext& ctx, const WebCall& request);
Response admin_person_status(WebContext& ctx, const WebCall& request);

}  // namespace meldpunt::web
