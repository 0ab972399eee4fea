#pragma once
// Tables as an Excel workbook (XLSX), written by libxlsxwriter: one sheet per table, a bold header
// row, numbers as numbers, dates as dates (shown dd-mm-jjjj), text as text. Knows nothing of
// complaints: the edge hands it labelled tables (a report's, the register's).
#include <cstdint>
#include <memory>
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

// One table written a row at a time, in memory that does not grow with its rows (libxlsxwriter's
// constant_memory mode: a row goes to a temporary file as the next begins), then read back a piece at
// a time: the register's export of any size. Text is written in each cell, not as shared strings.
class StreamedSheet {
  public:
    // Excel's most rows on a sheet, the header's included.
    static constexpr int64_t kMostRows = 1048576;

    StreamedSheet(const std::string& name, const std::vector<std::string>& header);
    ~StreamedSheet();
    StreamedSheet(const StreamedSheet&) = delete;
    StreamedSheet& operator=(const StreamedSheet&) = delete;

    // Adds a row below the others. Throws std::runtime_error once the sheet holds kMostRows: a
    // download that breaks off rather than one that looks whole without the rest.
    void add(const std::vector<Cell>& row);
    // The workbook's next bytes, at most `size`; empty once every byte was read. The first call ends
    // the sheet. Throws std::runtime_error when libxlsxwriter cannot write the workbook.
    std::string read(size_t size);

  private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

// `name` as Excel accepts a sheet name, unique among `taken` (which it is added to).
std::string sheet_name(const std::string& name, std::vector<std::string>& taken);

}  // namespace meldpunt::spreadsheet
