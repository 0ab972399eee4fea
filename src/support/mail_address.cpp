#include "support/mail_address.hpp"

namespace meldpunt::support {

namespace {

bool local_character(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
}

bool domain_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

}  // namespace

bool is_mail_address(std::string_view address) {
    const auto at = address.rfind('@');
    if (address.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
        at > 64)
        return false;
    const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
    for (char c : local)
        if (!local_character(c))
            return false;
    for (char c : domain)
        if (!domain_character(c))
            return false;
    return local.front() != '.' && local.back() != '.' && domain.front() != '.' && domain.back() != '.' &&
           domain.front() != '-' && domain.find("..") == std::string_view::npos &&
           local.find("..") == std::string_view::npos;
}

}  // namespace meldpunt::support
