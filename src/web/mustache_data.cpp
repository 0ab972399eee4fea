#include "web/mustache_data.hpp"

namespace meldpunt::web {

namespace {

template <typename Json>
mstch::node convert(const Json& value) {
    if (value.is_object()) {
        mstch::map out;
        for (auto it = value.begin(); it != value.end(); ++it)
            out.emplace(it.key(), convert(it.value()));
        return out;
    }
    if (value.is_array()) {
        mstch::array out;
        for (const auto& item : value)
            out.push_back(convert(item));
        return out;
    }
    if (value.is_string())
        return value.template get<std::string>();
    if (value.is_boolean())
        return value.template get<bool>();
    if (value.is_number_integer())
        return std::to_string(value.template get<long long>());
    if (value.is_number())
        return value.template get<double>();
    return std::nullptr_t{};
}

}  // namespace

mstch::node to_mustache(const nlohmann::ordered_json& value) {
    return convert(value);
}

mstch::node to_mustache(const nlohmann::json& value) {
    return convert(value);
}

}  // namespace meldpunt::web
