#include "service/intake_input.hpp"

#include <algorithm>

#include "app/text.hpp"
#include "procedure_file/validator.hpp"

namespace meldpunt::service {

namespace {

constexpr size_t kMaxShortText = 200;
constexpr size_t kMaxLongText = 20000;
constexpr size_t kMaxAbout = 20;

ServiceError bad(const std::string& field, const std::string& problem) {
    return {ErrorKind::bad_request, "invalid_field", "api.invalid_field", {field, problem}, field};
}

// Reads an optional string member; sets `error` on a wrong type or size.
std::optional<std::string> text(const nlohmann::json& object, const std::string& key, const std::string& path,
                                size_t max, std::optional<ServiceError>& error) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string()) {
        error = bad(path, "not_text");
        return std::nullopt;
    }
    const auto& value = it->get_ref<const std::string&>();
    if (value.size() > max) {
        error = bad(path, "too_long");
        return std::nullopt;
    }
    if (!app::valid_text(value, max > kMaxShortText)) {
        error = bad(path, "control_characters");
        return std::nullopt;
    }
    return value;
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
    in.kind = text(body, "kind", "kind", kMaxShortText, error).value_or("");
    in.channel = text(body, "channel", "channel", kMaxShortText, error).value_or("web");
    in.received_at = text(body, "received_at", "received_at", 64, error);
    in.event_date = text(body, "event_date", "event_date", 64, error);
    in.unit = text(body, "unit", "unit", kMaxShortText, error).value_or("");
    in.subject = text(body, "subject", "subject", kMaxShortText, error).value_or("");
    in.description = text(body, "description", "description", kMaxLongText, error).value_or("");
    if (error)
        return *error;
    if (in.kind.empty())
        return ServiceError{ErrorKind::bad_request, "missing_field", "api.missing_field", {"kind"}, "kind"};
    if (!known_channel(in.channel))
        return bad("channel", "unknown_channel");
    if (auto it = body.find("complainant"); it != body.end() && !it->is_null()) {
        if (!it->is_object())
            return bad("complainant", "not_an_object");
        in.complainant.name = text(*it, "name", "complainant.name", kMaxShortText, error).value_or("");
        in.complainant.email = text(*it, "email", "complainant.email", kMaxShortText, error).value_or("");
        in.complainant.phone = text(*it, "phone", "complainant.phone", 64, error).value_or("");
        in.complainant.address = text(*it, "address", "complainant.address", 1000, error).value_or("");
        if (auto anonymous = it->find("anonymous"); anonymous != it->end() && !anonymous->is_null()) {
            if (!anonymous->is_boolean())
                return bad("complainant.anonymous", "not_a_boolean");
            in.complainant.anonymous = anonymous->get<bool>();
        }
    }
    if (auto it = body.find("representative"); it != body.end() && !it->is_null()) {
        if (!it->is_object())
            return bad("representative", "not_an_object");
        in.representative_name = text(*it, "name", "representative.name", kMaxShortText, error);
        in.representative_relation = text(*it, "relation", "representative.relation", kMaxShortText, error);
        in.representative_email = text(*it, "email", "representative.email", kMaxShortText, error);
        if (!error && !in.representative_name)
            return bad("representative.name", "missing");
    }
    if (auto it = body.find("about"); it != body.end() && !it->is_null()) {
        if (!it->is_array() || it->size() > kMaxAbout)
            return bad("about", "not_a_list");
        for (const auto& person : *it) {
            if (!person.is_string() || person.get_ref<const std::string&>().size() > kMaxShortText ||
                !app::valid_text(person.get_ref<const std::string&>()))
                return bad("about", "not_a_list");
            in.about.push_back(person.get<std::string>());
        }
    }
    if (error)
        return *error;
    return in;
}

}  // namespace meldpunt::service
