// libFuzzer target: any bytes as the body of a web form post, sent as urlencoded or as multipart
// (the first byte chooses). parse_form must never crash, and whatever it accepts keeps its
// documented limits: clean UTF-8 field names and values, no value over kMaxFieldBytes, at most
// kMaxParts parts in a multipart body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "support/text.hpp"
#include "web/forms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    meldpunt::http::Request request;
    request.method = "POST";
    request.headers["content-type"] =
        data[0] % 2 == 0 ? "application/x-www-form-urlencoded" : "multipart/form-data; boundary=grens";
    request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    const bool multipart = data[0] % 2 == 1;
    auto form = meldpunt::web::parse_form(request);
    if (!form)
        return 0;
    for (const auto& [name, value] : form->fields)
        if (!meldpunt::support::valid_text(name) || !meldpunt::support::valid_text(value, true) ||
            value.size() > meldpunt::web::kMaxFieldBytes)
            std::abort();
    if (multipart && form->fields.size() + form->files.size() > meldpunt::web::kMaxParts)
        std::abort();
    return 0;
}
