#include "service/register_query.hpp"

#include <cstdlib>

#include "domain/calendar/day.hpp"

namespace meldpunt::service {

namespace {

ServiceError invalid(const std::string& parameter, const std::string& reason) {
    return {ErrorKind::bad_request, "invalid_field", "api.invalid_field", {parameter, reason}, parameter};
}

}  // namespace

Result<RegisterQuery> parse_register_query(const std::map<std::string, std::string>& parameters) {
    auto param = [&](const char* name) {
        auto it = parameters.find(name);
        return it == parameters.end() ? std::string() : it->second;
    };
    RegisterQuery q;
    q.query.stage = param("stage");
    q.query.kind = param("kind");
    q.query.unit = param("unit");
    q.query.handler = param("handler");
    q.query.text = param("q");
    q.query.after_reference = param("cursor");
    q.overdue = param("overdue") == "true";
    if (q.query.text.size() > 200)
        return invalid("q", "too_long");
    if (const auto due = param("due_before"); !due.empty()) {
        q.query.due_before = calendar::parse_day(due);
        if (!q.query.due_before)
            return invalid("due_before", "not_a_date");
    }
    if (const auto limit = param("limit"); !limit.empty()) {
        char* end = nullptr;
        const long value = std::strtol(limit.c_str(), &end, 10);
        if (*end || value < 1 || value > 500)
            return invalid("limit", "1..500");
        q.query.limit = static_cast<int>(value);
    }
    return q;
}

}  // namespace meldpunt::service
