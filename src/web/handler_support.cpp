#include "web/handler_support.hpp"

#include "web/content_disposition.hpp"

namespace meldpunt::web {

std::map<std::string, std::string> people_names(WebContext& ctx, const std::string& org) {
    std::map<std::string, std::string> names;
    for (const auto& person : ctx.directory.people(org))
        if (!person.name.empty())
            names.emplace(person.email, person.name);
    return names;
}

support::Result<Form, http::Response> posted_form(const WebContext& ctx, const WebRequest& request) {
    auto form = parse_form(request.http);
    if (!form)
        return error_page(ctx, request, 400, "error.bad_form");
    if (!csrf_ok(request, *form))
        return error_page(ctx, request, 403, "error.csrf");
    return std::move(*form);
}

http::Response document_download(storage::DocumentRecord document, std::string content) {
    return {200,
            document.content_type,
            std::move(content),
            {{"Content-Disposition", content_disposition("attachment", document.name)},
             {"X-Content-Type-Options", "nosniff"},
             {"Cache-Control", "no-store"}}};
}

http::Response letter_download(WebContext& ctx, const WebRequest& request, const service::Principal& who,
                               const std::string& reference, const std::string& seq) {
    const bool number =
        !seq.empty() && seq.size() < 10 && seq.find_first_not_of("0123456789") == std::string::npos;
    auto result = number ? ctx.cases.letter_pdf(who, who.org, reference, std::stoll(seq))
                         : service::ServiceError::not_found(seq);
    if (!result.ok())
        return error_page(ctx, request, 404, "error.not_found");
    auto& letter = result.value();
    note_access(ctx, request, service::kOpenedDocument, reference, "letter " + seq);
    return pdf_download(letter.file_name, std::move(letter.bytes));
}

void note_access(WebContext& ctx, const WebRequest& request, const char* action, const std::string& reference,
                 const std::string& subject) {
    if (ctx.access && request.staff)
        ctx.access->note(*request.staff, action, reference, subject, request.http.remote, ctx.now());
}

http::Response pdf_download(const std::string& file_name, std::string bytes) {
    return {200,
            "application/pdf",
            std::move(bytes),
            {{"Content-Disposition", content_disposition("inline", file_name)},
             {"X-Content-Type-Options", "nosniff"},
             {"Cache-Control", "no-store"}}};
}

std::map<std::string, std::string> action_fields(const Form& form) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : form.fields) {
        if (name == "csrf" || name == "action" || name == "version" || value.empty())
            continue;
        // Checkboxes of a people field: one value per person, as the field's comma-separated list.
        std::string joined;
        for (const auto& one : form.every(name))
            joined += (joined.empty() ? "" : ",") + one;
        out.emplace(name, joined);
    }
    return out;
}

service::Upload upload_of(const UploadedFile& file, const std::string& visibility) {
    // Only the last path segment of the file name (some browsers send a full path); the service
    // refuses a name it cannot keep.
    return {file.filename.substr(file.filename.find_last_of("/\\") + 1), file.content_type, visibility,
            file.content};
}

service::MessageInput message_input(const Form& form, const std::string& text_field,
                                    const std::string& visibility) {
    service::MessageInput input{form.get(text_field), visibility, {}};
    for (const auto& file : form.files)
        input.attachments.push_back(upload_of(file, visibility));
    return input;
}

std::optional<int64_t> number_param(const WebCall& request) {
    const std::string& text = request.param("number");
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

std::optional<int64_t> form_version(const Form& form) {
    const auto& v = form.get("version");
    if (v.empty() || v.size() >= 19 || v.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(v);
}

}  // namespace meldpunt::web
