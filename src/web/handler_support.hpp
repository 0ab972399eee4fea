#pragma once
// Small helpers the page handlers share.
#include <cstdint>
#include <string>

#include "http/error_status.hpp"
#include "service/errors.hpp"
#include "web/web_context.hpp"
#include "web/web_request.hpp"

namespace meldpunt::web {

inline int64_t now_seconds(const WebContext& ctx) {
    return ctx.now().time_since_epoch().count();
}

// A service's refusal in the page's language.
inline std::string message_of(const WebRequest& request, const WebContext& ctx,
                              const service::ServiceError& e) {
    return request.catalogue(ctx).text(e.message, e.args);
}

// The form's fields that are action fields (everything but the page's own bookkeeping).
std::map<std::string, std::string> action_fields(const Form& form);

// A file from a form as an upload into the dossier; checks size and type (the service does too).
service::Upload upload_of(const UploadedFile& file, const std::string& visibility);

// Text typed into a message or note, kept in the dossier as a text document.
service::Upload text_upload(const std::string& text, const std::string& name, const std::string& visibility);

}  // namespace meldpunt::web
