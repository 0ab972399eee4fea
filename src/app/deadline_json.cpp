#include "app/deadline_json.hpp"

namespace meldpunt::app {

const char* skip_reason_name(calendar::SkipReason reason) {
    using calendar::SkipReason;
    switch (reason) {
        case SkipReason::saturday: return "saturday";
        case SkipReason::sunday: return "sunday";
        case SkipReason::holiday: return "holiday";
        case SkipReason::decree: return "decreed_holiday";
        case SkipReason::extra: return "extra_day_off";
        case SkipReason::closure: return "closure";
        case SkipReason::paused: return "paused";
    }
    return "holiday";
}

nlohmann::json explanation_json(const calendar::DueDate& due) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& s : due.skipped) {
        nlohmann::json item{{"date", calendar::format_day(s.day)}, {"reason", skip_reason_name(s.reason)}};
        if (!s.name.empty()) item["name"] = s.name;
        skipped.push_back(item);
    }
    nlohmann::json out{{"start", calendar::format_day(due.start)}, {"skipped", skipped}};
    if (due.nominal_end) out["nominal_end"] = calendar::format_day(*due.nominal_end);
    if (!due.extensions.empty()) {
        out["extensions"] = nlohmann::json::array();
        for (const auto& e : due.extensions) out["extensions"].push_back(calendar::describe_period_en(e));
    }
    return out;
}

nlohmann::json deadline_json(const procedure::Deadline& deadline, const calendar::DueDate& due,
                             const messages::Catalogue& catalogue) {
    const std::string period = catalogue.language() == messages::Language::nl
                                   ? calendar::describe_period_nl(deadline.period)
                                   : calendar::describe_period_en(deadline.period);
    const std::string anchor = deadline.anchor == "received" ? catalogue.text("show.anchor_received")
                                                             : catalogue.text("show.anchor_action", {deadline.anchor});
    std::string description = catalogue.text("show.deadline", {deadline.name, period, anchor});
    if (!deadline.source.empty()) description += " [" + deadline.source + "]";
    return {{"name", deadline.id},
            {"due", due.due ? nlohmann::json(calendar::format_day(*due.due)) : nlohmann::json(nullptr)},
            {"description", description},
            {"explanation", explanation_json(due)}};
}

}  // namespace meldpunt::app
