#include "web/content_disposition.hpp"

#include <cstdio>
#include <string_view>

namespace meldpunt::web {

namespace {

// RFC 8187 attr-char: sent as is; every other byte is percent-encoded.
bool attr_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string ascii_fallback(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (c >= 0x80) {
            if ((c & 0xC0) != 0x80)  // one '_' per character, not per byte
                out += '_';
        } else if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            out += '_';
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string percent_encoded(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (attr_char(c)) {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

}  // namespace

std::string content_disposition(const std::string& disposition, const std::string& file_name) {
    if (file_name.empty())
        return disposition;
    return disposition + "; filename=\"" + ascii_fallback(file_name) + "\"; filename*=UTF-8''" +
           percent_encoded(file_name);
}

}  // namespace meldpunt::web
