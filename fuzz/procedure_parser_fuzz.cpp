// libFuzzer target: any bytes as a procedure file. Parsing, validation and description must never
// crash, hang or leak, whatever the input (make fuzz; a short run is part of make test).
#include <cstddef>
#include <cstdint>
#include <string>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "procedure_file/describe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const meldpunt::messages::Catalogue catalogue(meldpunt::messages::Language::nl);
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto result = meldpunt::loading::load_procedure_text(text);
    for (const auto& d : result.diagnostics)
        (void)meldpunt::loading::format_diagnostic("fuzz.toml", d, catalogue);
    if (result.loaded) {
        (void)meldpunt::procedure_file::describe_as_text(result.loaded->procedure, catalogue);
        (void)meldpunt::procedure_file::describe_as_dot(result.loaded->procedure, catalogue);
    }
    return 0;
}
