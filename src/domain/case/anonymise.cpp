#include "domain/case/anonymise.hpp"

namespace meldpunt::cases {

Day first_of_month(Day day) {
    const std::chrono::year_month_day ymd{day};
    return Day{ymd.year() / ymd.month() / 1};
}

namespace {

// Choices and yes/no are categories the reports count; anything else may be in someone's words.
bool kept_field(const procedure::Procedure& procedure, const std::string& id) {
    const procedure::Field* field = procedure.field(id);
    return field &&
           (field->type == procedure::FieldType::choice || field->type == procedure::FieldType::boolean);
}

std::optional<Day> coarse(const std::optional<Day>& day) {
    if (!day)
        return std::nullopt;
    return first_of_month(*day);
}

}  // namespace

Case anonymised(const Case& c, const procedure::Procedure& procedure, Day on) {
    Case out;
    out.reference = c.reference;
    out.procedure_id = c.procedure_id;
    out.procedure_version = c.procedure_version;
    out.kind = c.kind;
    out.requested_kind = c.requested_kind;
    out.channel = c.channel;
    out.received_on = first_of_month(c.received_on);
    out.received_at = std::chrono::sys_seconds{out.received_on};
    out.unit = c.unit;
    // Whether it came in anonymously or from a group says nothing about who.
    out.complainant.anonymous = c.complainant.anonymous;
    out.complainant.group = c.complainant.group;
    out.stage = c.stage;
    out.admissible = c.admissible;
    out.admissibility_reason = c.admissibility_reason;
    for (const auto& [field, value] : c.facts)
        if (kept_field(procedure, field))
            out.facts.emplace(field, value);
    out.closed_on = coarse(c.closed_on);
    out.retain_until = c.retain_until;
    out.merged_into = c.merged_into;
    out.anonymised_on = on;
    return out;
}

}  // namespace meldpunt::cases
