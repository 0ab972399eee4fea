#pragma once
// Tables as an Excel workbook (XLSX), written by libxlsxwriter: one sheet per table, a bold header
// row, numbers as numbers, dates as dates (shown dd-mm-jjjj), text as text. Knows nothing of
// complaints: the edge hands it labelled tables (a report's, the register's).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace meldpunt::spreadsheet {

struct Date {
    int year = 1970, month = 1, day = 1;
};

// An empty cell, text, a whole number, a fraction (shown as a percentage when `percent`), or a date.
struct Fraction {
    double value = 0;
    bool percent = false;
};
using Cell = std::variant<std::monostate, std::string, int64_t, Fraction, Date>;

struct Sheet {
    std::string name;  // made fit for Excel: at most 31 characters, none of []:*?/\ .
    std::vector<std::string> header;
    std::vector<std::vector<Cell>> rows;
};

// The workbook's bytes; throws std::runtime_error when libxlsxwriter cannot write it.
std::string workbook_bytes(const std::vector<Sheet>& sheets);

// `name` as Excel accepts a sheet name, unique among `taken` (which it is added to).
std::string sheet_name(const std::string& name, std::vector<std::string>& taken);

}  // namespace meldpunt::spreadsheet
