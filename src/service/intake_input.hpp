#pragma once
// The intake request body (JSON) as the API accepts it, checked for shape and size before the
// procedure sees it. Pure: no storage, no clock (a missing received_at is filled in by the caller).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/calendar/working_calendar.hpp"
#include "service/errors.hpp"

namespace meldpunt::service {

struct IntakeInput {
    std::string kind, channel;
    std::optional<std::string> received_at;  // ISO 8601 as given
    std::optional<std::string> event_date;   // YYYY-MM-DD
    std::string unit, subject, description;
    struct Person {
        std::string name, email, phone, address;
        bool anonymous = false;
    } complainant;
    std::optional<std::string> representative_name, representative_relation, representative_email;
    std::vector<std::string> about;
};

// Refuses (400, with the field) anything that is not the documented shape: wrong types, unknown
// channels, over-long texts, too many people.
Result<IntakeInput> parse_intake(const nlohmann::json& body);

// Channels an intake may name.
bool known_channel(const std::string& channel);

}  // namespace meldpunt::service
