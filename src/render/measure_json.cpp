#include "render/measure_json.hpp"

#include "domain/calendar/instant.hpp"

namespace meldpunt::render {

namespace {

nlohmann::ordered_json instant_or_null(const std::optional<int64_t>& at) {
    return at ? nlohmann::ordered_json(calendar::format_instant(calendar::from_unix_seconds(*at))) : nullptr;
}

}  // namespace

nlohmann::ordered_json measure_json(const std::string& org, const measure::Measure& m, int64_t version,
                                    bool overdue, const std::vector<measure::Step>& steps) {
    const measure::Draft& d = m.draft;
    nlohmann::ordered_json history = nlohmann::ordered_json::array();
    for (const auto& e : m.history)
        history.push_back({{"at", calendar::format_instant(calendar::from_unix_seconds(e.at))},
                           {"by", e.by},
                           {"what", e.what},
                           {"note", e.note}});
    nlohmann::ordered_json step_names = nlohmann::ordered_json::array();
    for (auto step : steps)
        step_names.push_back(measure::step_name(step));
    return {{"number", m.number},
            {"version", version},
            {"title", d.title},
            {"reason", d.reason},
            {"cases", d.cases},
            {"causes", d.causes},
            {"unit", d.unit.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.unit)},
            {"owner", d.owner.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.owner)},
            {"due",
             d.due ? nlohmann::ordered_json(calendar::format_day(*d.due)) : nlohmann::ordered_json(nullptr)},
            {"status", measure::status_name(m.status)},
            {"overdue", overdue},
            {"proposed_by", m.proposal().by},
            {"proposed_at", instant_or_null(m.proposal().at)},
            {"decided_by",
             m.decided_by.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.decided_by)},
            {"decided_at", instant_or_null(m.decided_at)},
            {"outcome", m.outcome},
            {"closed_at", instant_or_null(m.closed_at)},
            {"steps", step_names},
            {"history", history},
            {"href", "/api/v1/orgs/" + org + "/measures/" + std::to_string(m.number)}};
}

}  // namespace meldpunt::render
