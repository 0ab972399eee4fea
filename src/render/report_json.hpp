#pragma once
// A report as JSON (the API's `GET /api/v1/orgs/{org}/reports/{period}`; docs/api.md): the period
// and the one before it with their boundaries (local days in the organisation's time zone), then
// each period's figures. Ids as the procedure names them, each with its name where it has one; a
// value nobody recorded is null; free text is counted as recorded or not.
#include <nlohmann/json.hpp>

#include "domain/procedure/procedure.hpp"
#include "domain/report/publication.hpp"
#include "domain/report/report.hpp"

namespace meldpunt::render {

nlohmann::ordered_json report_json(const report::Report& report, const procedure::Procedure& procedure);

// The version to publish (report/publication.hpp), the same shape with fewer figures: a hidden count
// is null; timeliness only as share, median and 90th percentile; no merged or inadmissible counts.
nlohmann::ordered_json publication_json(const report::Report& report, const procedure::Procedure& procedure);

// The figures of a report as report_json wrote them (an issued report, kept as it was issued) read
// back into `report`: both periods' figures and measures. False, with `report` as it was, for JSON
// that is not such a report.
bool read_frozen_figures(const nlohmann::ordered_json& issued, report::Report& report);

}  // namespace meldpunt::render
