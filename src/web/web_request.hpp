#pragma once
// The browser side of a request: its language, its CSRF token, its staff session. And the answers
// pages give: HTML, redirects (303 after a form), errors as pages.
//
// CSRF protection is a double-submit token: a value in an HttpOnly, SameSite=Strict cookie that
// every form repeats in a hidden field; a POST whose field differs from the cookie is refused. For
// staff the value is bound to their session (an HMAC of the session token, so that a cookie planted
// by someone else is no good, and it changes at every login); before a login it is random. It needs
// no server state, so it works on every server of a scale-out. Over HTTPS the cookies carry the
// __Host- prefix: only this host, over TLS, for the whole site, may set them.
#include <optional>
#include <string>

#include "http/router.hpp"
#include "messages/catalogue.hpp"
#include "service/principal.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"
#include "web/web_context.hpp"

namespace meldpunt::web {

// The staff session's cookie (set at login, read on every request) and the CSRF cookie, by whether
// the cookies are Secure (then with the __Host- prefix).
std::string session_cookie(const WebContext& ctx);
std::string csrf_cookie(const WebContext& ctx);
// The CSRF token of the staff session with this token.
std::string csrf_for_session(const std::string& session_token);

struct WebRequest {
    const http::Request& http;
    messages::Language language = messages::Language::nl;
    bool language_chosen = false;  // ?lang= given: remembered in a cookie
    std::string csrf;
    bool csrf_is_new = false;
    std::string session_token;
    std::optional<service::Principal> staff;

    Frame frame(const std::string& title) const;
    const messages::Catalogue& catalogue(const WebContext& ctx) const {
        return ctx.pages.catalogue(language);
    }
};

WebRequest read_web_request(const WebContext& ctx, const http::Request& request);

// `path` as a link to a page of this site whatever it holds (issue 15: the language switch must
// never point off-site): one leading slash, the rest percent-encoded but for letters, digits and
// "-._~/".
std::string same_site_path(const std::string& path);

bool csrf_ok(const WebRequest& request, const Form& form);

// Adds the cookies the request needs set (CSRF token, chosen language).
void finish(const WebContext& ctx, const WebRequest& request, http::Response& response);

http::Response html(const WebContext& ctx, const WebRequest& request, int status, std::string body);
http::Response redirect(const WebContext& ctx, const WebRequest& request, const std::string& location);
// A page that says what went wrong (`message_key` below "web."), with the status.
http::Response error_page(const WebContext& ctx, const WebRequest& request, int status,
                          const std::string& message_key);

}  // namespace meldpunt::web
