#pragma once
// JSON as Mustache data: objects become maps, arrays lists, null false-y (the pages' catalogue
// texts are a JSON tree, pages.cpp).
#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

namespace meldpunt::web {

mstch::node to_mustache(const nlohmann::ordered_json& value);
mstch::node to_mustache(const nlohmann::json& value);

}  // namespace meldpunt::web
