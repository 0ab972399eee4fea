// A letter as a PDF, read back as a person's PDF reader would (poppler's pdftotext and pdfinfo):
// A4, the letterhead, the address, the Dutch date, the text in order across pages, page numbers.
// And a document of tables (a report) the same way: headings, figures by their labels, the header
// row again where a table goes on on the next page.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "pdf/letter_pdf.hpp"
#include "pdf/table_pdf.hpp"

namespace {

using meldpunt::pdf::LetterDocument;

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    pclose(pipe);
    return out;
}

// What `tool` (pdftotext, pdfinfo) reads in `pdf`; pdftotext keeps the layout and separates pages
// by form feeds.
std::string read_with(const std::string& tool, const std::string& pdf) {
    // One file per process: ctest runs the tests side by side.
    const auto path =
        std::filesystem::path(::testing::TempDir()) / ("letter-" + std::to_string(getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    return run(tool == "pdftotext" ? "pdftotext -layout " + path.string() + " -"
                                   : tool + " " + path.string());
}

std::string text_of(const std::string& pdf) {
    return read_with("pdftotext", pdf);
}

LetterDocument letter(const std::string& body) {
    LetterDocument d;
    d.title = "Ontvangstbevestiging 2027-000001";
    d.organisation = "Een Loket MK";
    d.sender_lines = {"Marktstraat 1", "1234 AB Ergens"};
    d.recipient_lines = {"Mevrouw K. Bos", "Dorpsstraat 1", "1234 AB Ergens"};
    d.place_and_date = "Ergens, 2 maart 2027";
    d.references = {{"Kenmerk", "2027-000001"}, {"Onderwerp", "Ontvangstbevestiging"}};
    d.body = body;
    d.page_format = "Pagina {0} van {1}";
    return d;
}

TEST(LetterPdf, AOnePageLetterHasItsHeadAddressDateAndText) {
    const std::string pdf =
        meldpunt::pdf::render_letter(letter("Geachte mevrouw Bos,\n\nWij hebben uw klacht over de "
                                            "factuur ontvangen en behandelen haar vertrouwelijk.\n\n"
                                            "Met vriendelijke groet,\nEen Loket MK"));
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const std::string text = text_of(pdf);
    for (const char* expected : {"Een Loket MK", "Marktstraat 1", "Mevrouw K. Bos", "1234 AB Ergens",
                                 "Ergens, 2 maart 2027", "Kenmerk", "2027-000001", "Geachte mevrouw Bos,",
                                 "behandelen haar vertrouwelijk", "Pagina 1 van 1"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    std::string info = read_with("pdfinfo", pdf);
    info.erase(std::unique(info.begin(), info.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
               info.end());
    EXPECT_NE(info.find("Pages: 1"), std::string::npos) << info;
    EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;
    EXPECT_NE(info.find("Title: Ontvangstbevestiging 2027-000001"), std::string::npos) << info;
}

TEST(LetterPdf, ALongLetterRunsOnToNumberedPagesInOrderWithItsAccents) {
    std::string body;
    for (int i = 1; i <= 90; ++i)
        body += "Alinea " + std::to_string(i) + ": de cliënt wacht op een reactie van de coördinator.\n\n";
    const std::string text = text_of(meldpunt::pdf::render_letter(letter(body)));
    size_t at = 0;
    for (int i = 1; i <= 90; ++i) {
        const auto found = text.find("Alinea " + std::to_string(i) + ":", at);
        ASSERT_NE(found, std::string::npos) << i;
        at = found;
    }
    EXPECT_NE(text.find("cliënt wacht op een reactie van de coördinator"), std::string::npos);
    const auto pages = std::count(text.begin(), text.end(), '\f');
    EXPECT_GE(pages, 3);
    EXPECT_NE(text.find("Pagina 1 van " + std::to_string(pages)), std::string::npos) << text;
    EXPECT_NE(text.find("Pagina " + std::to_string(pages) + " van " + std::to_string(pages)),
              std::string::npos);
}

TEST(TablePdf, TablesGoOnOverPagesWithTheirHeaderAndPageNumbers) {
    meldpunt::pdf::TableDocument doc;
    doc.title = "Rapportage 2027";
    doc.author = "Focus";
    doc.lines = {"1 januari 2027 tot en met 31 december 2027"};
    doc.page_format = "Pagina {0} van {1}";
    doc.tables.push_back({"Kerncijfers", {"Cijfer", "2027", "2026"}, {{"Ontvangen", "1234", "987"}}, {}});
    meldpunt::pdf::PdfTable months{"Per dag", {"Dag", "2027", "2026"}, {}, {}};
    for (int i = 1; i <= 120; ++i) {
        months.rows.push_back({"dag " + std::to_string(i), std::to_string(i * 3), std::to_string(i)});
        months.bars.push_back(i * 3);
    }
    doc.tables.push_back(months);
    const std::string pdf = meldpunt::pdf::render_tables(doc);
    ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
    const std::string info = read_with("pdfinfo", pdf);
    EXPECT_NE(info.find("Title:           Rapportage 2027"), std::string::npos) << info;
    EXPECT_NE(info.find("Author:          Focus"), std::string::npos) << info;
    EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;
    const std::string text = text_of(pdf);
    EXPECT_NE(text.find("Rapportage 2027"), std::string::npos);
    EXPECT_TRUE(std::regex_search(text, std::regex("Ontvangen +1234 +987"))) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("dag 120 +360 +120"))) << text;
    // 120 rows take more than two pages; the header comes again on each, the pages are numbered.
    const auto pages = static_cast<size_t>(std::count(text.begin(), text.end(), '\f'));
    EXPECT_GE(pages, 3u);
    EXPECT_NE(text.find("Pagina 1 van " + std::to_string(pages)), std::string::npos) << text;
    EXPECT_NE(text.find("Pagina " + std::to_string(pages) + " van " + std::to_string(pages)),
              std::string::npos);
    size_t headers = 0;
    for (size_t at = text.find("Dag "); at != std::string::npos; at = text.find("Dag ", at + 1))
        ++headers;
    EXPECT_EQ(headers, pages);  // the table starts on page 1 and goes on on every page after it
}

}  // namespace
