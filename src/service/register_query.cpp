#include "service/register_query.hpp"

#include <cstdlib>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"

namespace meldpunt::service {

namespace {

ServiceError invalid(const std::string& parameter, const std::string& reason) {
    return ServiceError::invalid_field(parameter, reason);
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
    q.overdue = param("overdue") == "true";
    const std::string sort = param("sort");
    if (sort == "newest")
        q.query.order = storage::CaseQuery::Order::newest_first;
    else if (sort == "due")
        q.query.order = storage::CaseQuery::Order::next_due;
    else if (!sort.empty() && sort != "oldest")
        return invalid("sort", "oldest|newest|due");
    if (const auto cursor = param("cursor"); !cursor.empty() && !continue_at(q, cursor))
        return invalid("cursor", "not_a_cursor");
    if (q.query.text.size() > 200)
        return invalid("q", "too_long");
    if (const auto due = param("due_before"); !due.empty()) {
        q.query.due_before = calendar::parse_day(due);
        if (!q.query.due_before)
            return invalid("due_before", "not_a_date");
    }
    for (auto [name, day] :
         {std::pair{"received_from", &q.received_from}, std::pair{"received_to", &q.received_to}})
        if (const auto value = param(name); !value.empty()) {
            *day = calendar::parse_day(value);
            if (!*day)
                return invalid(name, "not_a_date");
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

std::string next_cursor(const RegisterQuery& query, const CaseRecord& last) {
    const std::string& reference = last.stored.state.reference;
    if (query.query.order != storage::CaseQuery::Order::next_due)
        return std::to_string(calendar::unix_seconds(last.stored.state.received_at)) + "~" + reference;
    return (last.stored.next_due ? calendar::format_day(*last.stored.next_due) : std::string()) + "~" +
           reference;
}

bool continue_at(RegisterQuery& query, const std::string& cursor) {
    if (cursor.size() > 64)
        return false;
    const auto tilde = cursor.find('~');
    if (tilde == std::string::npos || tilde + 1 == cursor.size())
        return false;
    const std::string position = cursor.substr(0, tilde);
    query.query.after_reference = cursor.substr(tilde + 1);
    if (query.query.order != storage::CaseQuery::Order::next_due) {
        // The moment received, in Unix seconds (negative before 1970).
        const bool negative = !position.empty() && position[0] == '-';
        const std::string digits = negative ? position.substr(1) : position;
        if (digits.empty() || digits.size() > 12 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            return false;
        query.query.after_received = std::stoll(position);
        return true;
    }
    if (!position.empty() && !calendar::parse_day(position))
        return false;
    query.query.after_due = position;
    return true;
}

std::string sort_name(const RegisterQuery& query) {
    switch (query.query.order) {
        case storage::CaseQuery::Order::newest_first:
            return "newest";
        case storage::CaseQuery::Order::next_due:
            return "due";
        case storage::CaseQuery::Order::oldest_first:
            break;
    }
    return "";
}

}  // namespace meldpunt::service
