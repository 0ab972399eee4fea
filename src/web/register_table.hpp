#pragma once
// The register's selection as a table, for its exports (the CSV, register_csv.hpp, and the Excel
// workbook): the columns in the reader's words (the procedure's names for kinds, stages and units,
// people by name), then each case's analysis as recorded (cause, nature, verdict ...: the fields its
// procedure marks with `analysis`), under the same columns whatever the procedure calls them. Dates
// stay dates, for the workbook; the CSV writes them as the reader writes dates.
#include <map>
#include <string>
#include <vector>

#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "spreadsheet/workbook.hpp"

namespace meldpunt::web {

// The columns' headings in `language`.
std::vector<std::string> register_header(const messages::Catalogue& language);

// A case's row: text, or a date (spreadsheet::Date) for the day received and the next due day.
// `names`: people's names by e-mail address (an address without one is shown as it is).
std::vector<spreadsheet::Cell> register_row(const service::CaseRecord& record,
                                            const std::map<std::string, std::string>& names,
                                            const messages::Catalogue& language);

}  // namespace meldpunt::web
