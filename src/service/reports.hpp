#pragma once
// Reports per reporting period (issue 13): for each `[[reporting]]` of an organisation's procedure
// (000 §Procedure 6: quarterly to the management team; 001 §Procedure 10, 002 §Registratie 3, 003
// §Doelen, 004 art. 2: yearly), the figures of the cases received in a period beside those of the
// period before. Counted from the register as it is when asked, in one snapshot.
//
// Who may read them: staff whose roles see every case of the organisation (the complaints officer,
// the coordinator, the director, the management team ...). A report is counted from cases, and a
// small count can point at a person, so it is no wider than the register its reader may see.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/report/report.hpp"
#include "service/closed_case_export.hpp"
#include "service/errors.hpp"
#include "service/principal.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

struct ReportPeriodEntry {
    procedure::Reporting reporting;
    std::string key;  // "2027-Q2"
    procedure::ReportingPeriod period;
    bool complete = false;  // the period has ended
};

// A report with the procedure version it was counted under (for the names of what it counts).
struct MadeReport {
    report::Report report;
    std::shared_ptr<const loading::LoadedProcedure> procedure;
    // The report as it was issued for this period, when it was: its figures stay as they were.
    std::optional<storage::IssuedReport> issued;
};

class Reports {
  public:
    Reports(storage::Store& store, ProcedureRegistry& procedures);

    // The periods of every `[[reporting]]` of the procedure in force, newest first: from the one
    // the first case was received in (or the current one, when there is none) to the one `now` is
    // in. Forbidden to those who may not read reports.
    Result<std::vector<ReportPeriodEntry>> periods(const Principal& who, const std::string& org,
                                                   std::chrono::sys_seconds now);

    // The report of period `key` (a key of one of the procedure's cadences: "2027", "2027-Q2"),
    // as of `now`. Not found for a key no cadence of the procedure has or a period that has not begun.
    Result<MadeReport> make(const Principal& who, const std::string& org, const std::string& key,
                            std::chrono::sys_seconds now);

    // The report of period `key` to publish from (report/publication.hpp): once the period is issued,
    // with the figures as they were issued (a published figure never changes silently; the report
    // itself shows what changed since), else as `make` counts them now.
    Result<MadeReport> to_publish(const Principal& who, const std::string& org, const std::string& key,
                                  std::chrono::sys_seconds now);
    // The cases closed in period `key`, for an ERP (closed_case_export.hpp).
    Result<ClosedCaseExport> closed_cases(const Principal& who, const std::string& org,
                                          const std::string& key) {
        return ClosedCaseExports(store_, procedures_).closed_in(who, org, key);
    }

    // Issues the report of the ended period `key`: its figures as counted now are kept as they are,
    // with the procedure version, who issued it and when; audited (report.issue). Once per period:
    // 409 report_issued after that, and 409 report_period_running for a period not yet ended.
    Result<MadeReport> issue(const Principal& who, const std::string& org, const std::string& key,
                             std::chrono::sys_seconds now);

    static bool may_read(const Principal& who, const procedure::Procedure& procedure);

  private:
    // The procedure in force of `org`, when `who` may read its reports: not found for another
    // organisation's, forbidden for those who do not see every case.
    struct InForce {
        std::shared_ptr<const loading::LoadedProcedure> procedure;
        int version = 0;
    };
    Result<InForce> readable(storage::Tx& tx, const Principal& who, const std::string& org);
    // Counts the report of `key` through `tx` into `made`; the refusal, if any.
    std::optional<ServiceError> build(storage::Tx& tx, const Principal& who, const std::string& org,
                                      const std::string& key, std::chrono::sys_seconds now, MadeReport& made);

    storage::Store& store_;
    ProcedureRegistry& procedures_;
};

}  // namespace meldpunt::service
