#pragma once
// Checking the value given for an action's field against the field's declared type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case/case.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::cases {

// nullopt when `value` is acceptable for `field`; otherwise a problem code for the message
// catalogue: "not_an_option", "not_a_boolean", "not_a_date", "not_a_period", "unknown_document",
// "unknown_unit".
std::optional<std::string> check_field_value(const procedure::Procedure& procedure,
                                             const procedure::Field& field, const std::string& value,
                                             const Case& c);

// "a, b,c" → {"a","b","c"}: list-valued fields (documents) are comma-separated.
std::vector<std::string> split_list(std::string_view text);

}  // namespace meldpunt::cases
