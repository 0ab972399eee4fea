#pragma once
// The register's selection (register_table.hpp) as a CSV file that opens as a table in Excel as
// Dutch offices have it: UTF-8 with a byte order mark (else Excel reads the accents wrongly), a
// semicolon between cells in Dutch (Excel's separator where the comma is the decimal sign; a comma
// in English), dates as dd-mm-jjjj in Dutch. Cells that a spreadsheet would take for a formula are
// defused.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "spreadsheet/workbook.hpp"

namespace meldpunt::web {

class RegisterCsv {
  public:
    // `names`: people's names by e-mail address (an address without one is shown as it is).
    RegisterCsv(const messages::Catalogue& language, std::map<std::string, std::string> names);

    void add(const std::vector<service::CaseRecord>& records);
    const std::string& text() const { return out_; }
    // The text made so far, handed over and forgotten (the export streams it a page at a time).
    std::string take() { return std::exchange(out_, {}); }

  private:
    std::string text_of(const spreadsheet::Cell& value) const;
    std::string cell(const std::string& value) const;
    std::string date(calendar::Day day) const;

    const messages::Catalogue& language_;
    std::map<std::string, std::string> names_;
    std::string separator_;
    std::string out_;
};

}  // namespace meldpunt::web
