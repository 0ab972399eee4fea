#pragma once
// JSON as Mustache data: objects become maps, arrays lists, null false-y. The pages render the same
// JSON the API answers (service::case_json), so both show a case the same way.
#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

namespace meldpunt::web {

mstch::node to_mustache(const nlohmann::ordered_json& value);
mstch::node to_mustache(const nlohmann::json& value);

}  // namespace meldpunt::web
