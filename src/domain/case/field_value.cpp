#include "domain/case/field_value.hpp"

#include <algorithm>

#include "domain/calendar/day.hpp"
#include "domain/calendar/period.hpp"

namespace meldpunt::cases {

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (!item.empty())
            items.emplace_back(item);
        start = end + 1;
    }
    return items;
}

std::optional<std::string> check_field_value(const procedure::Procedure& procedure,
                                             const procedure::Field& field, const std::string& value,
                                             const Case& c) {
    using procedure::FieldType;
    switch (field.type) {
        case FieldType::choice:
            if (std::find(field.options.begin(), field.options.end(), value) == field.options.end())
                return "not_an_option";
            break;
        case FieldType::boolean:
            if (value != "true" && value != "false")
                return "not_a_boolean";
            break;
        case FieldType::date:
            if (!calendar::parse_day(value))
                return "not_a_date";
            break;
        case FieldType::period:
            if (!calendar::parse_period(value))
                return "not_a_period";
            break;
        case FieldType::documents:
            for (const auto& id : split_list(value)) {
                if (!c.document(id))
                    return "unknown_document";
            }
            break;
        case FieldType::unit:
            if (!procedure.unit(value))
                return "unknown_unit";
            break;
        case FieldType::people:
            // At most a few dozen people (the service checks each is an active account).
            if (split_list(value).size() > 50)
                return "too_many_people";
            break;
        case FieldType::text:
        case FieldType::person:
            break;
    }
    return std::nullopt;
}

}  // namespace meldpunt::cases
