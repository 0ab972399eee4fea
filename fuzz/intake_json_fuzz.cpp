// libFuzzer target: any bytes as the body of POST /api/v1/orgs/{org}/cases. JSON parsing and the
// intake checks must never crash; whatever parse_intake and check_intake (the service's first step)
// accept is within the documented limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "service/intake_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto body = nlohmann::json::parse(data, data + size, nullptr, false);
    if (body.is_discarded())
        return 0;
    auto result = meldpunt::service::parse_intake(body);
    if (auto* input = result.success(); input && !meldpunt::service::check_intake(*input)) {
        if (input->kind.empty() || input->description.size() > 20000 || input->about.size() > 20 ||
            !meldpunt::service::known_channel(input->channel))
            std::abort();
    }
    return 0;
}
