#pragma once
// A document of tables as a PDF (a period's report, issue 13): A4, a title with lines under it, then
// each table under its heading, its header row repeated where it goes on on a new page, the first
// column as labels and the others as figures set to the right, a bar beside the rows where the table
// asks for one, and page numbers. The tables arrive as text in the reader's language; this layer
// only lays out.
#include <string>
#include <vector>

namespace meldpunt::pdf {

struct PdfTable {
    std::string heading;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    // Per row, a value to draw a bar of (in proportion to the largest); empty: no bars.
    std::vector<double> bars;
};

struct TableDocument {
    std::string title;               // also the PDF's title
    std::string author;              // the organisation
    std::vector<std::string> lines;  // under the title: the period, for whom, when it was made ...
    std::vector<PdfTable> tables;
    std::string page_format;  // "Pagina {0} van {1}"
};

// The PDF's bytes.
std::string render_tables(const TableDocument& document);

}  // namespace meldpunt::pdf
