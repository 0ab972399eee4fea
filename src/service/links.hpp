#pragma once
// The paths of the pages a message links to, below the server's public address: one place, so
// that a link in a letter or notice always opens the page the web layer serves there.
#include <cstdint>
#include <string>
#include <string_view>

namespace meldpunt::service {

// The complainant's private portal of their case (web/public_pages.cpp).
inline std::string portal_path(const std::string& org, const std::string& token) {
    return "/" + org + "/portaal/" + token;
}

// The case page for staff (web/staff_pages.cpp).
inline std::string staff_case_path(const std::string& reference) {
    return "/werk/zaken/" + reference;
}

// A measure in the register of improvement measures (web/measure_pages.cpp).
inline std::string staff_measure_path(int64_t number) {
    return "/werk/maatregelen/" + std::to_string(number);
}

// What the messages about a measure carry out begins so (service/measure_register.hpp).
inline constexpr std::string_view kMeasureCausePrefix = "measure:";

// The page a notice to staff is about: the measure's for a measure's, else the case's.
inline std::string staff_path_of_notice(const std::string& reference, const std::string& cause) {
    if (cause.starts_with(kMeasureCausePrefix)) {
        const auto number =
            cause.substr(kMeasureCausePrefix.size(),
                         cause.find(':', kMeasureCausePrefix.size()) - kMeasureCausePrefix.size());
        return "/werk/maatregelen/" + number;
    }
    return staff_case_path(reference);
}

// The page where a person sets their password with a link from an e-mail (web/account_pages.cpp).
inline std::string password_path(const std::string& token) {
    return "/wachtwoord/" + token;
}

}  // namespace meldpunt::service
