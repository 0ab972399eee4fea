#pragma once
// The register's filters as a request gives them (query parameters of the API and of the register
// page), checked once for both edges.
#include <map>
#include <string>

#include "service/case_service.hpp"
#include "service/errors.hpp"

namespace meldpunt::service {

// stage, kind, unit, handler: ids; q: free text (at most 200 bytes); cursor: the last reference
// of the previous page; overdue=true; due_before: YYYY-MM-DD; limit: 1..500 (default 50).
// Unknown parameters are ignored. A malformed value is a bad_request naming its parameter.
Result<RegisterQuery> parse_register_query(const std::map<std::string, std::string>& parameters);

}  // namespace meldpunt::service
