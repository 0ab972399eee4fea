// libFuzzer target: any bytes as an e-mail arriving (mail/incoming_message). read_incoming must
// never crash: it answers a message or throws MalformedMessage, and whatever it answers is text
// the register can keep: clean UTF-8, one-line headers, addresses without spaces.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mail/incoming_message.hpp"
#include "support/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using meldpunt::support::valid_text;
    const std::string raw(reinterpret_cast<const char*>(data), size);
    try {
        const auto message = meldpunt::mail::read_incoming(raw);
        if (!valid_text(message.text, true) || !valid_text(message.subject) ||
            !valid_text(message.from.name) || !valid_text(message.from.address) ||
            !valid_text(message.message_id) || !valid_text(message.undelivered_reason))
            std::abort();
        for (const auto& r : message.recipients)
            if (!valid_text(r) || r.find(' ') != std::string::npos)
                std::abort();
        for (const auto& f : message.files)
            if (!valid_text(f.filename) || f.filename.empty())
                std::abort();
    } catch (const meldpunt::mail::MalformedMessage&) {
    }
    return 0;
}
