#pragma once
// A report of one reporting period (issue 13; 000 §Procedure 6, 001 §Procedure 10, 002 §Registratie
// 3, 003 §Doelen, 004 art. 2): the period's figures beside the previous period's, made on a given
// moment under the procedure version in force then.
#include <chrono>
#include <string>

#include "domain/procedure/procedure.hpp"
#include "domain/procedure/reporting_period.hpp"
#include "domain/report/figures.hpp"
#include "domain/report/measure_figures.hpp"

namespace meldpunt::report {

struct Report {
    procedure::Reporting reporting;  // the cadence, for whom, prepared by whom
    std::string key;                 // "2027-Q2"
    procedure::ReportingPeriod period;
    std::string previous_key;
    procedure::ReportingPeriod previous_period;
    Figures figures, previous;
    MeasureFigures measures, previous_measures;  // the improvement measures of both periods
    std::chrono::sys_seconds made_at{};
    int procedure_version = 0;
    // The period had ended when the report was made; a report of the running period is provisional.
    bool complete = false;
};

}  // namespace meldpunt::report
