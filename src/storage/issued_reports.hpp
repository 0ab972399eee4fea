#pragma once
// Reports as they were issued (issue 13): a period's report frozen with the figures it gave and the
// procedure version it was counted under, so that a later correction of a case shows as a
// difference from it, never as a silently changed past report. One per organisation and period.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

struct IssuedReport {
    std::string org, period;  // period: its key ("2027-Q2")
    int64_t issued_at = 0;
    std::string issued_by;
    int64_t procedure_version = 0;
    std::string report;  // the report as JSON (render/report_json.hpp), as it was issued
};

class IssuedReports {
  public:
    explicit IssuedReports(SqlConnection& db) : db_(db) {}

    // Keeps `issued`; false (nothing written) when the period was issued before.
    bool insert(const IssuedReport& issued);
    std::optional<IssuedReport> get(const std::string& org, const std::string& period);
    // The periods issued, with when and by whom (without the report), newest first.
    std::vector<IssuedReport> list(const std::string& org);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
