#include "spreadsheet/workbook.hpp"

#include "support/text.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <xlsxwriter.h>

namespace meldpunt::spreadsheet {

namespace {

// The workbook is written to a file of its own (libxlsxwriter writes files) and removed after.
class TemporaryFile {
  public:
    TemporaryFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "meldpunt-xlsx-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0)
            throw std::runtime_error("cannot make a temporary file for the workbook");
        close(fd);
        path_ = pattern;
    }
    ~TemporaryFile() { std::remove(path_.c_str()); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Cell& cell, lxw_format* date,
                lxw_format* percent) {
    if (const auto* text = std::get_if<std::string>(&cell))
        worksheet_write_string(sheet, row, column, text->c_str(), nullptr);
    else if (const auto* number = std::get_if<int64_t>(&cell))
        worksheet_write_number(sheet, row, column, static_cast<double>(*number), nullptr);
    else if (const auto* fraction = std::get_if<Fraction>(&cell))
        worksheet_write_number(sheet, row, column, fraction->value, fraction->percent ? percent : nullptr);
    else if (const auto* day = std::get_if<Date>(&cell)) {
        lxw_datetime when{day->year, day->month, day->day, 0, 0, 0};
        worksheet_write_datetime(sheet, row, column, &when, date);
    }
}

}  // namespace

std::string sheet_name(const std::string& name, std::vector<std::string>& taken) {
    std::string clean;
    for (const char c : name)
        clean += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '-';
    // Excel counts characters; 28 bytes leave room for " 2" and never exceed 31 characters. A name
    // may not begin or end with an apostrophe, and "History" is Excel's own.
    std::string base = support::utf8_prefix(clean, 28);
    while (!base.empty() && base.front() == '\'')
        base.erase(0, 1);
    while (!base.empty() && base.back() == '\'')
        base.pop_back();
    if (base.empty() || support::ascii_lowercase(base) == "history")
        base = "Blad";
    // Excel compares sheet names without regard to case.
    const auto is_taken = [&](const std::string& candidate) {
        return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) {
            return support::ascii_lowercase(t) == support::ascii_lowercase(candidate);
        });
    };
    std::string out = base;
    for (int n = 2; is_taken(out); ++n)
        out = base + " " + std::to_string(n);
    taken.push_back(out);
    return out;
}

struct StreamedSheet::Parts {
    TemporaryFile file;
    lxw_workbook* book = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format *bold = nullptr, *date = nullptr, *percent = nullptr;
    int64_t rows = 0;  // written, the header's included
    std::ifstream written;
    bool closed = false;
};

StreamedSheet::StreamedSheet(const std::string& name, const std::vector<std::string>& header)
    : parts_(std::make_unique<Parts>()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    parts_->book = workbook_new_opt(parts_->file.path().c_str(), &options);
    if (!parts_->book)
        throw std::runtime_error("cannot start a workbook");
    parts_->bold = workbook_add_format(parts_->book);
    format_set_bold(parts_->bold);
    parts_->date = workbook_add_format(parts_->book);
    format_set_num_format(parts_->date, "dd-mm-yyyy");
    parts_->percent = workbook_add_format(parts_->book);
    format_set_num_format(parts_->percent, "0%");
    parts_->sheet = workbook_add_worksheet(parts_->book, name.c_str());
    if (!parts_->sheet) {
        workbook_close(parts_->book);
        throw std::runtime_error("cannot add the sheet " + name);
    }
    worksheet_set_column(parts_->sheet, 0, 0, 40, nullptr);
    worksheet_set_column(parts_->sheet, 1, 12, 16, nullptr);
    for (size_t c = 0; c < header.size(); ++c)
        worksheet_write_string(parts_->sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), parts_->bold);
    parts_->rows = 1;
}

StreamedSheet::~StreamedSheet() {
    // A sheet never read (the download broke off) is dropped, not written out.
    if (!parts_->closed)
        lxw_workbook_free(parts_->book);
}

void StreamedSheet::add(const std::vector<Cell>& row) {
    if (parts_->closed)
        throw std::logic_error("a row added to a workbook already read");
    if (parts_->rows >= kMostRows)
        throw std::runtime_error("more rows than an Excel sheet holds");
    for (size_t c = 0; c < row.size(); ++c)
        write_cell(parts_->sheet, static_cast<lxw_row_t>(parts_->rows), static_cast<lxw_col_t>(c), row[c],
                   parts_->date, parts_->percent);
    ++parts_->rows;
}

std::string StreamedSheet::read(size_t size) {
    if (!parts_->closed) {
        parts_->closed = true;
        if (workbook_close(parts_->book) != LXW_NO_ERROR)
            throw std::runtime_error("cannot write the workbook");
        parts_->written.open(parts_->file.path(), std::ios::binary);
        if (!parts_->written.is_open())
            throw std::runtime_error("cannot read the workbook back");
    }
    std::string out(size, '\0');
    parts_->written.read(out.data(), static_cast<std::streamsize>(size));
    if (parts_->written.bad())
        throw std::runtime_error("cannot read the workbook back");
    out.resize(static_cast<size_t>(parts_->written.gcount()));
    return out;
}

std::string workbook_bytes(const std::vector<Sheet>& sheets) {
    TemporaryFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book)
        throw std::runtime_error("cannot start a workbook");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "dd-mm-yyyy");
    lxw_format* percent = workbook_add_format(book);
    format_set_num_format(percent, "0%");
    for (const auto& s : sheets) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, s.name.c_str());
        if (!sheet) {
            workbook_close(book);
            throw std::runtime_error("cannot add the sheet " + s.name);
        }
        worksheet_set_column(sheet, 0, 0, 40, nullptr);
        worksheet_set_column(sheet, 1, 12, 16, nullptr);
        for (size_t c = 0; c < s.header.size(); ++c)
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), s.header[c].c_str(), bold);
        for (size_t r = 0; r < s.rows.size(); ++r)
            for (size_t c = 0; c < s.rows[r].size(); ++c)
                write_cell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), s.rows[r][c],
                           date, percent);
    }
    if (workbook_close(book) != LXW_NO_ERROR)
        throw std::runtime_error("cannot write the workbook");
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace meldpunt::spreadsheet
