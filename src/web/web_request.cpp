#include "web/web_request.hpp"

#include <sodium.h>

#include <cctype>

#include "service/crypto.hpp"
#include "web/cookies.hpp"

namespace meldpunt::web {

namespace {
constexpr const char* kLanguageCookie = "mp_lang";
}  // namespace

std::string session_cookie(const WebContext& ctx) {
    return ctx.secure_cookies ? "__Host-mp_session" : "mp_session";
}

std::string csrf_cookie(const WebContext& ctx) {
    return ctx.secure_cookies ? "__Host-mp_csrf" : "mp_csrf";
}

std::string csrf_for_session(const std::string& session_token) {
    return service::hmac_sha256_hex(session_token, "meldpunt form of this session");
}

std::string same_site_path(const std::string& path) {
    // "//host/..." or "/\\host" would be read by a browser as another site, and a browser drops
    // tabs and line breaks from an address before it reads it ("/%09%5Cevil.com" becomes
    // "/\\evil.com"): leading slashes and backslashes collapse to one slash, and every byte but
    // letters, digits, "-._~/" is written percent-encoded, so that the link is a path on this site.
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto start = path.find_first_not_of("/\\");
    std::string out = "/";
    for (size_t i = start == std::string::npos ? path.size() : start; i < path.size(); ++i) {
        const auto c = static_cast<unsigned char>(path[i]);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
            (c == '/' && out.back() != '/')) {
            out += static_cast<char>(c);
        } else if (c != '/') {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

Frame WebRequest::frame(const std::string& title) const {
    // The page's own path, for links back to it (the language switch).
    return {language, title, csrf, staff, same_site_path(http.path)};
}

WebRequest read_web_request(const WebContext& ctx, const http::Request& request) {
    WebRequest out{request};
    const auto cookies = parse_cookies(request.header("cookie"));
    auto cookie = [&](const std::string& name) {
        auto it = cookies.find(name);
        return it == cookies.end() ? std::string() : it->second;
    };
    if (auto it = request.query.find("lang");
        it != request.query.end() && (it->second == "en" || it->second == "nl")) {
        out.language = it->second == "en" ? messages::Language::en : messages::Language::nl;
        out.language_chosen = true;
    } else {
        out.language = cookie(kLanguageCookie) == "en" ? messages::Language::en : messages::Language::nl;
    }
    out.csrf = cookie(csrf_cookie(ctx));
    if (out.csrf.size() != 64) {
        out.csrf = service::random_token();
        out.csrf_is_new = true;
    }
    out.session_token = cookie(session_cookie(ctx));
    if (!out.session_token.empty())
        out.staff = ctx.sessions.principal(out.session_token, ctx.now());
    // Staff's token is their session's: any other cookie is replaced, and a form sent with it fails.
    if (out.staff) {
        const std::string bound = csrf_for_session(out.session_token);
        if (out.csrf != bound) {
            out.csrf = bound;
            out.csrf_is_new = true;
        }
    }
    return out;
}

bool csrf_ok(const WebRequest& request, const Form& form) {
    const std::string& sent = form.get("csrf");
    return !request.csrf_is_new && sent.size() == request.csrf.size() &&
           sodium_memcmp(sent.data(), request.csrf.data(), sent.size()) == 0;
}

void finish(const WebContext& ctx, const WebRequest& request, http::Response& response) {
    if (request.csrf_is_new)
        response.headers.push_back(
            {"Set-Cookie", set_cookie(csrf_cookie(ctx), request.csrf, {ctx.secure_cookies, "Strict", -1})});
    if (request.language_chosen)
        response.headers.push_back(
            {"Set-Cookie",
             set_cookie(kLanguageCookie, request.language == messages::Language::en ? "en" : "nl",
                        {ctx.secure_cookies, "Lax", 365L * 24 * 3600})});
    // Pages show personal data: never from a shared cache.
    response.headers.push_back({"Cache-Control", "no-store"});
    response.headers.push_back({"X-Content-Type-Options", "nosniff"});
    response.headers.push_back({"X-Frame-Options", "DENY"});
    response.headers.push_back({"Referrer-Policy", "no-referrer"});  // portal links are in URLs
    response.headers.push_back({"Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action "
                                "'self'; frame-ancestors 'none'"});
}

http::Response html(const WebContext& ctx, const WebRequest& request, int status, std::string body) {
    http::Response r{status, "text/html; charset=utf-8", std::move(body), {}};
    finish(ctx, request, r);
    return r;
}

http::Response redirect(const WebContext& ctx, const WebRequest& request, const std::string& location) {
    http::Response r{303, "text/plain; charset=utf-8", "", {{"Location", location}}};
    finish(ctx, request, r);
    return r;
}

http::Response error_page(const WebContext& ctx, const WebRequest& request, int status,
                          const std::string& message_key) {
    const auto& catalogue = request.catalogue(ctx);
    return html(ctx, request, status,
                ctx.pages.render("error", {{"message", catalogue.text("web." + message_key)}},
                                 request.frame(catalogue.text("web.error.title"))));
}

}  // namespace meldpunt::web
