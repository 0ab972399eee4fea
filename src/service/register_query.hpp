#pragma once
// The register's filters as a request gives them (query parameters of the API and of the register
// page), checked once for both edges.
#include <map>
#include <string>

#include "service/case_service.hpp"
#include "service/errors.hpp"

namespace meldpunt::service {

// stage, kind, unit, handler: ids; q: free text (at most 200 bytes: a reference, or words, each
// also the beginning of a longer one); overdue=true; due_before, received_from, received_to:
// YYYY-MM-DD (received: both days included); sort: oldest (the default: received first), newest or
// due (the next due day first); limit: 1..500 (default 50); cursor: next_cursor(...) of the
// previous page. Unknown parameters are ignored. A malformed value is a bad_request naming its
// parameter.
Result<RegisterQuery> parse_register_query(const std::map<std::string, std::string>& parameters);

// The cursor that continues the register after `last` in the query's order: its reference, with in
// front the moment it was received (Unix seconds: "1799827200~2027-000123"), or for sort=due its
// next due day ("2027-02-01~2027-000123"; "~2027-000123" without one).
std::string next_cursor(const RegisterQuery& query, const CaseRecord& last);

// Sets the query's position from a cursor as next_cursor gives it; false when it is malformed.
bool continue_at(RegisterQuery& query, const std::string& cursor);

// The sort parameter's value for the query's order ("" for the default).
std::string sort_name(const RegisterQuery& query);

}  // namespace meldpunt::service
