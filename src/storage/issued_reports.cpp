#include "storage/issued_reports.hpp"

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kInsert =
    "INSERT INTO issued_reports (org, period, issued_at, issued_by, procedure_version, report) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org, period) DO NOTHING RETURNING period";
constexpr const char* kGet =
    "SELECT org, period, issued_at, issued_by, procedure_version, report FROM issued_reports "
    "WHERE org = $1 AND period = $2";
constexpr const char* kList =
    "SELECT org, period, issued_at, issued_by, procedure_version, '' FROM issued_reports "
    "WHERE org = $1 ORDER BY issued_at DESC, period DESC";

IssuedReport issued_from(const Row& row) {
    return {text(row, 0), text(row, 1), number(row, 2), text(row, 3), number(row, 4), text(row, 5)};
}

}  // namespace

bool IssuedReports::insert(const IssuedReport& issued) {
    return !db_.query(kInsert, {issued.org, issued.period, issued.issued_at, issued.issued_by,
                                issued.procedure_version, issued.report})
                .empty();
}

std::optional<IssuedReport> IssuedReports::get(const std::string& org, const std::string& period) {
    return first_row(db_.query(kGet, {org, period}), issued_from);
}

std::vector<IssuedReport> IssuedReports::list(const std::string& org) {
    std::vector<IssuedReport> out;
    for (const auto& row : db_.query(kList, {org}))
        out.push_back(issued_from(row));
    return out;
}

}  // namespace meldpunt::storage
