#pragma once
// Whether a text is an e-mail address Meldpunt may send from or to as given: local@domain in plain
// ASCII, without spaces, quotes, angle brackets or other characters that would need quoting in a
// header or an SMTP command, at most 254 characters, the domain made of letters, digits, hyphens
// and dots.
#include <string_view>

namespace meldpunt::support {

bool is_mail_address(std::string_view address);

}  // namespace meldpunt::support
