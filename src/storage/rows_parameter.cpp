#include "storage/rows_parameter.hpp"

#include <nlohmann/json.hpp>

namespace meldpunt::storage {

namespace {

nlohmann::json json_value(const SqlValue& value) {
    if (std::holds_alternative<int64_t>(value))
        return std::get<int64_t>(value);
    if (std::holds_alternative<std::string>(value))
        return std::get<std::string>(value);
    if (std::holds_alternative<std::monostate>(value))
        return nullptr;
    throw StorageError("a blob cannot be written as one of many rows", false);
}

}  // namespace

std::string rows_parameter(const std::vector<std::vector<SqlValue>>& rows) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& row : rows) {
        nlohmann::json& columns = array.emplace_back(nlohmann::json::array());
        for (const auto& value : row)
            columns.push_back(json_value(value));
    }
    try {
        return array.dump();
    } catch (const nlohmann::json::type_error& e) {
        throw StorageError(std::string("text that is not UTF-8 cannot be stored: ") + e.what(), false);
    }
}

}  // namespace meldpunt::storage
