#include "storage/access_log_table.hpp"

#include "storage/row_values.hpp"
#include "storage/rows_parameter.hpp"

namespace meldpunt::storage {

namespace {

constexpr const char* kColumns =
    "SELECT org, at, actor, action, reference, subject, client, count FROM access_log ";
constexpr const char* kInsert =
    "INSERT INTO access_log (org, at, actor, action, reference, subject, client, count) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
// PostgreSQL: a second's openings in one statement (a round trip each would make the log slow).
const std::string kInsertRowsPostgres =
    std::string(
        "INSERT INTO access_log (org, at, actor, action, reference, subject, client, count) "
        "SELECT r.value ->> 0, CAST(r.value ->> 1 AS BIGINT), r.value ->> 2, r.value ->> 3, r.value ->> 4, "
        "r.value ->> 5, r.value ->> 6, CAST(r.value ->> 7 AS BIGINT) FROM ") +
    kRowsFromParameter;
const std::string kOfCase =
    std::string(kColumns) + "WHERE org = $1 AND reference = $2 ORDER BY at DESC, actor LIMIT $3";
const std::string kSince =
    std::string(kColumns) + "WHERE org = $1 AND at >= $2 ORDER BY at DESC, actor LIMIT $3";

AccessRecord record_from(const Row& row) {
    return {text(row, 0), number(row, 1), text(row, 2), text(row, 3),
            text(row, 4), text(row, 5),   text(row, 6), number(row, 7)};
}

constexpr const char* kForgetBefore = "DELETE FROM access_log WHERE org = $1 AND at < $2";

}  // namespace

void AccessLogTable::insert(const std::vector<AccessRecord>& records) {
    if (records.empty())
        return;
    if (db_.dialect() == Dialect::postgres) {
        std::vector<std::vector<SqlValue>> rows;
        rows.reserve(records.size());
        for (const auto& r : records)
            rows.push_back({r.org, r.at, r.actor, r.action, r.reference, r.subject, r.client, r.count});
        db_.query(kInsertRowsPostgres, {rows_parameter(rows)});
        return;
    }
    for (const auto& r : records)
        db_.query(kInsert, {r.org, r.at, r.actor, r.action, r.reference, r.subject, r.client, r.count});
}

std::vector<AccessRecord> AccessLogTable::of_case(const std::string& org, const std::string& reference,
                                                  int limit) {
    std::vector<AccessRecord> out;
    for (const auto& row : db_.query(kOfCase, {org, reference, int64_t{limit}}))
        out.push_back(record_from(row));
    return out;
}

std::vector<AccessRecord> AccessLogTable::since(const std::string& org, int64_t since, int limit) {
    std::vector<AccessRecord> out;
    for (const auto& row : db_.query(kSince, {org, since, int64_t{limit}}))
        out.push_back(record_from(row));
    return out;
}

int64_t AccessLogTable::forget_before(const std::string& org, int64_t before) {
    return db_.execute(kForgetBefore, {org, before});
}

}  // namespace meldpunt::storage
