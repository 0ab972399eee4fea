#include "service/intake_input.hpp"

#include <algorithm>

#include "procedure_file/validator.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

constexpr size_t kMaxShortText = 200;
constexpr size_t kMaxLongText = 20000;
constexpr size_t kMaxAbout = 20;

ServiceError bad(const std::string& field, const std::string& problem) {
    return ServiceError::invalid_field(field, problem);
}

// Reads an optional string member; sets `error` on a wrong type (its content is check_intake's).
std::optional<std::string> text(const nlohmann::json& object, const std::string& key, const std::string& path,
                                std::optional<ServiceError>& error) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string()) {
        if (!error)
            error = bad(path, "not_text");
        return std::nullopt;
    }
    return it->get<std::string>();
}

// A text's size and characters: nullopt, or why not.
std::optional<ServiceError> check_text(const std::string& value, const std::string& path, size_t max) {
    if (value.size() > max)
        return bad(path, "too_long");
    if (!support::valid_text(value, max > kMaxShortText))
        return bad(path, "control_characters");
    return std::nullopt;
}

}  // namespace

bool known_channel(const std::string& channel) {
    const auto& channels = procedure_file::known_channels();
    return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

Result<IntakeInput> parse_intake(const nlohmann::json& body) {
    if (!body.is_object())
        return bad("body", "not_an_object");
    std::optional<ServiceError> error;
    IntakeInput in;
    in.kind = text(body, "kind", "kind", error).value_or("");
    in.channel = text(body, "channel", "channel", error).value_or("web");
    in.received_at = text(body, "received_at", "received_at", error);
    in.event_date = text(body, "event_date", "event_date", error);
    in.unit = text(body, "unit", "unit", error).value_or("");
    in.subject = text(body, "subject", "subject", error).value_or("");
    in.description = text(body, "description", "description", error).value_or("");
    in.about_text = text(body, "about_text", "about_text", error).value_or("");
    if (error)
        return *error;
    if (auto it = body.find("urgent"); it != body.end() && !it->is_null()) {
        if (!it->is_boolean())
            return bad("urgent", "not_a_boolean");
        in.urgent = it->get<bool>();
    }
    if (auto it = body.find("complainant"); it != body.end() && !it->is_null()) {
        if (!it->is_object())
            return bad("complainant", "not_an_object");
        in.complainant.name = text(*it, "name", "complainant.name", error).value_or("");
        in.complainant.email = text(*it, "email", "complainant.email", error).value_or("");
        in.complainant.phone = text(*it, "phone", "complainant.phone", error).value_or("");
        in.complainant.address = text(*it, "address", "complainant.address", error).value_or("");
        if (auto anonymous = it->find("anonymous"); anonymous != it->end() && !anonymous->is_null()) {
            if (!anonymous->is_boolean())
                return bad("complainant.anonymous", "not_a_boolean");
            in.complainant.anonymous = anonymous->get<bool>();
        }
        if (auto group = it->find("group"); group != it->end() && !group->is_null()) {
            if (!group->is_boolean())
                return bad("complainant.group", "not_a_boolean");
            in.complainant.group = group->get<bool>();
        }
    }
    if (auto it = body.find("representative"); it != body.end() && !it->is_null()) {
        if (!it->is_object())
            return bad("representative", "not_an_object");
        in.representative_name = text(*it, "name", "representative.name", error);
        in.representative_relation = text(*it, "relation", "representative.relation", error);
        in.representative_email = text(*it, "email", "representative.email", error);
        if (!error && !in.representative_name)
            return bad("representative.name", "missing");
    }
    if (auto it = body.find("about"); it != body.end() && !it->is_null()) {
        if (!it->is_array() || it->size() > kMaxAbout)
            return bad("about", "not_a_list");
        for (const auto& person : *it) {
            if (!person.is_string())
                return bad("about", "not_a_list");
            in.about.push_back(person.get<std::string>());
        }
    }
    if (error)
        return *error;
    return in;
}

std::optional<ServiceError> check_intake(const IntakeInput& in) {
    const std::pair<const std::string*, std::pair<const char*, size_t>> texts[] = {
        {&in.kind, {"kind", kMaxShortText}},
        {&in.channel, {"channel", kMaxShortText}},
        {&in.unit, {"unit", kMaxShortText}},
        {&in.subject, {"subject", kMaxShortText}},
        {&in.description, {"description", kMaxLongText}},
        {&in.complainant.name, {"complainant.name", kMaxShortText}},
        {&in.complainant.email, {"complainant.email", kMaxShortText}},
        {&in.complainant.phone, {"complainant.phone", 64}},
        {&in.complainant.address, {"complainant.address", 1000}},
        {&in.about_text, {"about_text", kMaxShortText}},
    };
    for (const auto& [value, where] : texts)
        if (auto refused = check_text(*value, where.first, where.second))
            return refused;
    const std::pair<const std::optional<std::string>*, std::pair<const char*, size_t>> optional_texts[] = {
        {&in.received_at, {"received_at", 64}},
        {&in.event_date, {"event_date", 64}},
        {&in.representative_name, {"representative.name", kMaxShortText}},
        {&in.representative_relation, {"representative.relation", kMaxShortText}},
        {&in.representative_email, {"representative.email", kMaxShortText}},
    };
    for (const auto& [value, where] : optional_texts)
        if (*value)
            if (auto refused = check_text(**value, where.first, where.second))
                return refused;
    if (in.kind.empty())
        return ServiceError::missing_field("kind");
    if (!known_channel(in.channel))
        return bad("channel", "unknown_channel");
    if (in.authorisation && !in.representative_name)
        return bad("authorisation", "without_representative");
    if (in.about.size() > kMaxAbout)
        return bad("about", "not_a_list");
    for (const auto& person : in.about)
        if (person.size() > kMaxShortText || !support::valid_text(person))
            return bad("about", "not_a_list");
    return std::nullopt;
}

}  // namespace meldpunt::service
