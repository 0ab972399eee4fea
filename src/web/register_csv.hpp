#pragma once
// The register's selection as a CSV file that opens as a table in Excel as Dutch offices have it:
// UTF-8 with a byte order mark (else Excel reads the accents wrongly), a semicolon between cells in
// Dutch (Excel's separator where the comma is the decimal sign; a comma in English), headers and
// values in the reader's words (the procedure's names for kinds, stages and units, people by name,
// dates as dd-mm-jjjj in Dutch), then each case's analysis as recorded (cause, nature, verdict ...:
// the fields its procedure marks with `analysis`). Cells that a spreadsheet would take for a formula
// are defused.
#include <map>
#include <string>
#include <vector>

#include "messages/catalogue.hpp"
#include "service/case_service.hpp"

namespace meldpunt::web {

class RegisterCsv {
  public:
    // `names`: people's names by e-mail address (an address without one is shown as it is).
    RegisterCsv(const messages::Catalogue& language, std::map<std::string, std::string> names);

    void add(const std::vector<service::CaseRecord>& records);
    const std::string& text() const { return out_; }

  private:
    std::string cell(const std::string& value) const;
    std::string date(calendar::Day day) const;

    const messages::Catalogue& language_;
    std::map<std::string, std::string> names_;
    std::string separator_;
    std::string out_;
};

}  // namespace meldpunt::web
