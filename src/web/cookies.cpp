#include "web/cookies.hpp"

#include <string_view>

namespace meldpunt::web {

std::map<std::string, std::string> parse_cookies(const std::string& header) {
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos < header.size()) {
        const size_t end = std::min(header.find(';', pos), header.size());
        std::string_view item(header.data() + pos, end - pos);
        pos = end + 1;
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0)
            continue;
        out.emplace(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));  // first wins
    }
    return out;
}

std::string set_cookie(const std::string& name, const std::string& value, const CookieOptions& options) {
    std::string out = name + "=" + value + "; Path=/; HttpOnly; SameSite=" + options.same_site;
    if (options.secure)
        out += "; Secure";
    if (options.max_age_seconds >= 0)
        out += "; Max-Age=" + std::to_string(options.max_age_seconds);
    return out;
}

}  // namespace meldpunt::web
