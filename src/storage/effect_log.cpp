#include "storage/effect_log.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects: one row changed only when the insert took place.
constexpr const char* kRecord =
    "INSERT INTO effects (org, reference, key, kind, deadline, due_on, effect_on, recorded_at, told) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";
// Columns as read by record_from.
constexpr const char* kColumns =
    "SELECT reference, key, kind, deadline, due_on, effect_on, recorded_at, told ";
constexpr const char* kOfCase =
    "FROM effects WHERE org = $1 AND reference = $2 ORDER BY effect_on, recorded_at, key";
constexpr const char* kUntoldOf =
    "FROM effects WHERE org = $1 AND told = 0 ORDER BY recorded_at DESC LIMIT $2";

EffectRecord record_from(const Row& row) {
    return {text(row, 0),
            text(row, 1),
            text(row, 2),
            text(row, 3),
            optional_day(row, 4).value_or(calendar::Day{}),
            optional_day(row, 5).value_or(calendar::Day{}),
            number(row, 6),
            number(row, 7) != 0};
}

}  // namespace

bool EffectLog::record(const std::string& org, const std::string& reference, const cases::Effect& effect,
                       int64_t at, bool told) {
    return db_.execute(kRecord,
                       {org, reference, effect.key, std::string(cases::effect_kind_name(effect.kind)),
                        effect.deadline, calendar::format_day(effect.due), calendar::format_day(effect.on),
                        at, int64_t{told ? 1 : 0}}) > 0;
}

std::vector<EffectRecord> EffectLog::of_case(const std::string& org, const std::string& reference) {
    std::vector<EffectRecord> out;
    for (const auto& row : db_.query(std::string(kColumns) + kOfCase, {org, reference}))
        out.push_back(record_from(row));
    return out;
}

std::vector<EffectRecord> EffectLog::untold_of(const std::string& org, int limit) {
    std::vector<EffectRecord> out;
    for (const auto& row : db_.query(std::string(kColumns) + kUntoldOf, {org, int64_t{limit}}))
        out.push_back(record_from(row));
    return out;
}

}  // namespace meldpunt::storage
