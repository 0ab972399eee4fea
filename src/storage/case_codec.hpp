#pragma once
// A case as a JSON document, the form in which storage keeps it. Lossless: decode(encode(c)) == c.
// decode throws std::invalid_argument on a document that is not a stored case.
#include <nlohmann/json.hpp>

#include "domain/case/case.hpp"

namespace meldpunt::storage {

nlohmann::json encode_case(const cases::Case& c);
cases::Case decode_case(const nlohmann::json& document);

}  // namespace meldpunt::storage
