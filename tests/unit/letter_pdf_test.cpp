// A letter as a PDF, read back as a person's PDF reader would (poppler's pdftotext and pdfinfo):
// A4, the letterhead, the address, the Dutch date, the text in order across pages, page numbers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "pdf/letter_pdf.hpp"

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

}  // namespace
