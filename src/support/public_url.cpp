#include "support/public_url.hpp"

#include <algorithm>
#include <cctype>

namespace meldpunt::support {

namespace {

bool is_hex(char ch) {
    return std::isxdigit(static_cast<unsigned char>(ch)) != 0;
}

// A DNS name or IPv4 address: letters, digits, dots and hyphens, not starting or ending with a dot
// or hyphen; or an IPv6 address in brackets.
bool valid_host(const std::string& host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        return std::all_of(host.begin() + 1, host.end() - 1,
                           [](char ch) { return is_hex(ch) || ch == ':' || ch == '.'; });
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-' ||
        host.back() == '.' || host.back() == '-')
        return false;
    return std::all_of(host.begin(), host.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '.' || ch == '-';
    });
}

bool valid_port(const std::string& port) {
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit))
        return false;
    const int value = std::stoi(port);
    return value >= 1 && value <= 65535;
}

// RFC 3986 path characters that need no quoting in a letter or an HTML attribute: unreserved,
// a few sub-delimiters, '/', ':' and '@', and %XX escapes.
bool valid_path(const std::string& path) {
    for (size_t i = 0; i < path.size(); ++i) {
        const char ch = path[i];
        if (ch == '%') {
            if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2]))
                return false;
            i += 2;
        } else if (!(std::isalnum(static_cast<unsigned char>(ch)) != 0 ||
                     std::string_view("-._~/:@!$&+,;=").find(ch) != std::string_view::npos)) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> normalise_public_url(const std::string& url) {
    if (url.size() > 2000 || !std::all_of(url.begin(), url.end(), [](char ch) {
            return static_cast<unsigned char>(ch) > ' ' && static_cast<unsigned char>(ch) < 0x7f;
        }))
        return std::nullopt;
    std::string lower = url;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) { return std::tolower(ch); });
    std::string scheme;
    for (const char* s : {"https://", "http://"}) {
        if (lower.rfind(s, 0) == 0)
            scheme = s;
    }
    if (scheme.empty())
        return std::nullopt;
    const size_t path_at = std::min(url.find('/', scheme.size()), url.size());
    const std::string authority = url.substr(scheme.size(), path_at - scheme.size());
    std::string path = url.substr(path_at);
    // The host and port: "[v6]:port", "name:port", or without the port.
    std::string host = authority, port;
    const size_t colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (!valid_port(port))
            return std::nullopt;
    }
    if (!valid_host(host) || !valid_path(path))
        return std::nullopt;
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    std::transform(host.begin(), host.end(), host.begin(), [](char ch) { return std::tolower(ch); });
    return scheme + host + (port.empty() ? "" : ":" + port) + path;
}

}  // namespace meldpunt::support
