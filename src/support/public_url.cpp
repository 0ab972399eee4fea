#include "support/public_url.hpp"

#include <algorithm>
#include <cctype>

namespace meldpunt::support {

std::optional<std::string> normalise_public_url(const std::string& url) {
    std::string scheme;
    for (const char* s : {"https://", "http://"}) {
        if (url.rfind(s, 0) == 0)
            scheme = s;
    }
    if (scheme.empty() || url.size() > 2000)
        return std::nullopt;
    const bool clean = std::none_of(url.begin(), url.end(), [](unsigned char ch) {
        return ch <= ' ' || ch == 0x7f || ch == '?' || ch == '#' || ch == '@' || ch == '\\' || ch == '"' ||
               ch == '<' || ch == '>';
    });
    if (!clean)
        return std::nullopt;
    std::string out = url;
    while (out.size() > scheme.size() && out.back() == '/')
        out.pop_back();
    const std::string authority = out.substr(scheme.size(), out.find('/', scheme.size()) - scheme.size());
    if (authority.empty() || authority.front() == ':' || authority.back() == ':')
        return std::nullopt;
    return out;
}

}  // namespace meldpunt::support
