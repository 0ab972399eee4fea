#pragma once
// The paths of the pages a message links to, below the server's public address: one place, so
// that a link in a letter or notice always opens the page the web layer serves there.
#include <string>

namespace meldpunt::service {

// The complainant's private portal of their case (web/public_pages.cpp).
inline std::string portal_path(const std::string& org, const std::string& token) {
    return "/" + org + "/portaal/" + token;
}

// The case page for staff (web/staff_pages.cpp).
inline std::string staff_case_path(const std::string& reference) {
    return "/werk/zaken/" + reference;
}

// The page where a person sets their password with a link from an e-mail (web/account_pages.cpp).
inline std::string password_path(const std::string& token) {
    return "/wachtwoord/" + token;
}

}  // namespace meldpunt::service
