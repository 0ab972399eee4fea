#include "render/deadline_json.hpp"

#include "procedure_file/describe.hpp"
#include "render/due_date_text.hpp"
#include "support/enum_names.hpp"

namespace meldpunt::render {

constexpr support::EnumName<calendar::SkipReason> kSkipReasonNames[] = {
    {calendar::SkipReason::saturday, "saturday"},   {calendar::SkipReason::sunday, "sunday"},
    {calendar::SkipReason::holiday, "holiday"},     {calendar::SkipReason::decree, "decreed_holiday"},
    {calendar::SkipReason::extra, "extra_day_off"}, {calendar::SkipReason::closure, "closure"},
    {calendar::SkipReason::paused, "paused"}};
static_assert(support::names_every_value(kSkipReasonNames, calendar::SkipReason::paused));

const char* skip_reason_name(calendar::SkipReason reason) {
    return support::name_of(kSkipReasonNames, reason, "holiday");
}

Json explanation_json(const calendar::DueDate& due, const messages::Catalogue& catalogue) {
    Json skipped = Json::array();
    for (const auto& s : due.skipped) {
        Json item{{"date", calendar::format_day(s.day)}, {"reason", skip_reason_name(s.reason)}};
        if (!s.name.empty())
            item["name"] = s.name;
        skipped.push_back(item);
    }
    Json out{{"text", explanation_text(due, catalogue)},
             {"start", calendar::format_day(due.start)},
             {"skipped", skipped}};
    if (due.nominal_end)
        out["nominal_end"] = calendar::format_day(*due.nominal_end);
    if (!due.extensions.empty()) {
        out["extensions"] = Json::array();
        for (const auto& e : due.extensions)
            out["extensions"].push_back(calendar::describe_period_en(e));
    }
    return out;
}

Json deadline_json(const procedure::Procedure& procedure, const cases::DeadlineView& deadline,
                   const messages::Catalogue& catalogue) {
    std::string description;
    if (const auto* definition = procedure.deadline(deadline.id)) {
        description = procedure_file::describe_deadline(procedure, *definition, catalogue);
        if (!definition->source.empty())
            description += " [" + definition->source + "]";
    }
    return {{"name", deadline.id},
            {"due", deadline.due.due ? Json(calendar::format_day(*deadline.due.due)) : Json(nullptr)},
            {"status", cases::status_name(deadline.status)},
            {"description", description},
            {"explanation", explanation_json(deadline.due, catalogue)}};
}

}  // namespace meldpunt::render
