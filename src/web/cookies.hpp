#pragma once
// Cookies: reading the Cookie header and writing Set-Cookie. Every cookie Meldpunt sets is HttpOnly
// and SameSite; Secure unless the server was told it is reached over plain HTTP (local use).
#include <map>
#include <string>

namespace meldpunt::web {

std::map<std::string, std::string> parse_cookies(const std::string& header);

struct CookieOptions {
    bool secure = true;
    std::string same_site = "Lax";  // Strict for the CSRF cookie
    long max_age_seconds = -1;      // -1: a session cookie; 0: delete
};

std::string set_cookie(const std::string& name, const std::string& value, const CookieOptions& options);

}  // namespace meldpunt::web
