#pragma once
// Small helpers the page handlers share.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "http/error_status.hpp"
#include "service/errors.hpp"
#include "web/web_call.hpp"
#include "web/web_context.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

// Notes that the staff member of `request` opened `action` (service/access_log.hpp); a complainant's
// openings are not noted.
void note_access(WebContext& ctx, const WebRequest& request, const char* action, const std::string& reference,
                 const std::string& subject);

// A service's refusal in the page's language.
inline std::string message_of(const WebRequest& request, const WebContext& ctx,
                              const service::ServiceError& e) {
    return request.catalogue(ctx).text(e.message, e.args);
}

// Staff's names by e-mail address in `org` (those with a name), for lists, the case page and
// refusals.
std::map<std::string, std::string> people_names(WebContext& ctx, const std::string& org);

// The posted form, when it parses and carries this browser's CSRF token; otherwise the page that
// says why (400, 403).
support::Result<Form, http::Response> posted_form(const WebContext& ctx, const WebRequest& request);

// A document from the dossier, as a download (never shown inline: its type is the uploader's word).
http::Response document_download(storage::DocumentRecord document, std::string content);
// A PDF shown in the browser, named `file_name` (no quotes or control characters in it).
http::Response pdf_download(const std::string& file_name, std::string bytes);
// Letter `seq` (the route's {seq}, digits) of a case as its PDF, for `who`; 404 for a letter they
// may not read or that does not exist.
http::Response letter_download(WebContext& ctx, const WebRequest& request, const service::Principal& who,
                               const std::string& reference, const std::string& seq);

// The route's {number} (a measure, a data subject's request) when it is one: digits, at most 15.
std::optional<int64_t> number_param(const WebCall& request);

// The version the form was shown with (its hidden field "version"), when it names one.
std::optional<int64_t> form_version(const Form& form);

// The form's fields that are action fields (everything but the page's own bookkeeping).
std::map<std::string, std::string> action_fields(const Form& form);

// A file from a form as an upload into the dossier; checks size and type (the service does too).
service::Upload upload_of(const UploadedFile& file, const std::string& visibility);

// A message for the case's conversation from a form: its text (field `text_field`) and the files
// sent with it, seen by `visibility`.
service::MessageInput message_input(const Form& form, const std::string& text_field,
                                    const std::string& visibility);

}  // namespace meldpunt::web
