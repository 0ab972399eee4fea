#include "storage/effect_log.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects: RETURNING gives a row only when the insert took place.
constexpr const char* kRecord =
    "INSERT INTO effects (org, reference, key, kind, deadline, due_on, effect_on, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING key";
constexpr const char* kOfCase =
    "SELECT key, kind, deadline, due_on, effect_on, recorded_at FROM effects "
    "WHERE org = $1 AND reference = $2 ORDER BY effect_on, recorded_at, key";

}  // namespace

bool EffectLog::record(const std::string& org, const std::string& reference, const cases::Effect& effect,
                       int64_t at) {
    return !db_.query(kRecord, {org, reference, effect.key, std::string(cases::effect_kind_name(effect.kind)),
                                effect.deadline, calendar::format_day(effect.due),
                                calendar::format_day(effect.on), at})
                .empty();
}

std::vector<EffectRecord> EffectLog::of_case(const std::string& org, const std::string& reference) {
    std::vector<EffectRecord> out;
    for (const auto& row : db_.query(kOfCase, {org, reference}))
        out.push_back({text(row, 0), text(row, 1), text(row, 2),
                       optional_day(row, 3).value_or(calendar::Day{}),
                       optional_day(row, 4).value_or(calendar::Day{}), number(row, 5)});
    return out;
}

}  // namespace meldpunt::storage
