#include "storage/effect_log.hpp"

#include <set>
#include <tuple>

#include "storage/row_values.hpp"
#include "storage/rows_parameter.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects: one row changed only when the insert took place.
constexpr const char* kRecord =
    "INSERT INTO effects (org, reference, key, kind, deadline, due_on, effect_on, recorded_at, told) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";
// PostgreSQL: many effects in one statement, each row's columns in kRecord's parameter order; the
// keys it returns are those that were new.
const std::string kRecordRowsPostgres =
    std::string(
        "INSERT INTO effects (org, reference, key, kind, deadline, due_on, effect_on, recorded_at, told) "
        "SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, "
        "r.value ->> 5, r.value ->> 6, CAST(r.value ->> 7 AS BIGINT), CAST(r.value ->> 8 AS INTEGER) "
        "FROM ") +
    kRowsFromParameter + " ORDER BY r.n ON CONFLICT DO NOTHING RETURNING org, reference, key";
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

// kRecord's parameters, and a row of kRecordRowsPostgres.
std::vector<SqlValue> record_values(const std::string& org, const std::string& reference,
                                    const cases::Effect& effect, int64_t at, bool told) {
    return {org,
            reference,
            effect.key,
            std::string(cases::effect_kind_name(effect.kind)),
            effect.deadline,
            calendar::format_day(effect.due),
            calendar::format_day(effect.on),
            at,
            int64_t{told ? 1 : 0}};
}

}  // namespace

bool EffectLog::record(const std::string& org, const std::string& reference, const cases::Effect& effect,
                       int64_t at, bool told) {
    return db_.execute(kRecord, record_values(org, reference, effect, at, told)) > 0;
}

std::vector<bool> EffectLog::record(const std::vector<EffectToRecord>& effects, int64_t at) {
    std::vector<bool> fresh(effects.size(), false);
    if (effects.empty())
        return fresh;
    if (db_.dialect() != Dialect::postgres) {
        for (size_t i = 0; i < effects.size(); ++i)
            fresh[i] = record(effects[i].org, effects[i].reference, effects[i].effect, at, effects[i].told);
        return fresh;
    }
    std::vector<std::vector<SqlValue>> rows;
    rows.reserve(effects.size());
    for (const auto& e : effects)
        rows.push_back(record_values(e.org, e.reference, e.effect, at, e.told));
    std::set<std::tuple<std::string, std::string, std::string>> added;
    for (const auto& row : db_.query(kRecordRowsPostgres, {rows_parameter(rows)}))
        added.emplace(text(row, 0), text(row, 1), text(row, 2));
    for (size_t i = 0; i < effects.size(); ++i)
        fresh[i] = added.count({effects[i].org, effects[i].reference, effects[i].effect.key}) > 0;
    return fresh;
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
