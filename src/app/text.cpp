#include "app/text.hpp"

namespace meldpunt::app {

bool valid_text(std::string_view text, bool multiline) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            const bool allowed_control = c == '\t' || (multiline && (c == '\n' || c == '\r'));
            if ((c < 0x20 && !allowed_control) || c == 0x7f)
                return false;
            ++i;
            continue;
        }
        const int length = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (length == 0 || i + length > text.size() || (length == 2 && c < 0xc2))
            return false;
        for (int k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
                return false;
        }
        i += static_cast<size_t>(length);
    }
    return true;
}

}  // namespace meldpunt::app
