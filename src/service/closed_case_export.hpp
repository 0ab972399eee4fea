#pragma once
// The cases closed in a period, in the shape an ERP imports (issue 16; 003 §Afsluiten klacht:
// registration in E-Synergy): one row per case closed in the period, with its reference, the days
// it was received and closed, kind, channel, unit, the final stage, the working days it took, the
// analysis recorded as choices (cause, nature, verdict ...) and the ERP's own reference where one
// was recorded. No names, addresses or free text: the ERP books the case, it does not keep the
// complaint. As CSV (RFC 4180: comma, CRLF, UTF-8 without BOM, ISO dates, codes not labels) or JSON.
// For those who may read the reports (every case of the organisation).
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

struct ClosedCaseRow {
    std::string reference, received_on, closed_on, kind, channel, unit, final_stage;
    int working_days = 0;  // received to closed, in working days (Algemene termijnenwet)
    std::map<std::string, std::string> analysis;  // meaning → the option recorded
    std::string erp_reference;                    // the field an external system fills, where recorded
};

struct ClosedCaseExport {
    std::string org, period;  // "2027-Q1"
    std::string first, last;  // the period's days, inclusive
    std::vector<ClosedCaseRow> rows;
};

class ClosedCaseExports {
  public:
    ClosedCaseExports(storage::Store& store, ProcedureRegistry& procedures)
        : store_(store), procedures_(procedures) {}
    // The cases of `org` closed in `period` ("2027", "2027-Q1" or "2027-03", whatever the procedure's
    // reporting cadence), in the order they were closed, then by reference. Refused: a period that
    // is none of these (400), a caller who may not read the reports (403).
    Result<ClosedCaseExport> closed_in(const Principal& who, const std::string& org,
                                       const std::string& period);

  private:
    storage::Store& store_;
    ProcedureRegistry& procedures_;
};

std::string export_csv(const ClosedCaseExport& e);
nlohmann::json export_json(const ClosedCaseExport& e);

}  // namespace meldpunt::service
