#pragma once
// A letter as a PDF: A4, the organisation's letterhead, the recipient's address where a window
// envelope shows it, place and date, reference and subject, the text laid out by Pango (line
// breaking, hyphen-free justification to the left, UTF-8 throughout) and drawn by Cairo, with page
// numbers. The letter arrives as plain values in the reader's language; this layer only lays out.
#include <string>
#include <vector>

namespace meldpunt::pdf {

struct LetterDocument {
    std::string title;                         // the PDF's title: the letter's name and the reference
    std::string organisation;                  // letterhead
    std::vector<std::string> sender_lines;     // the organisation's address, phone, e-mail, web
    std::vector<std::string> recipient_lines;  // name, street, postcode and place; may be empty
    std::string place_and_date;                // "Utrecht, 2 maart 2027"
    std::vector<std::pair<std::string, std::string>> references;  // ("Kenmerk", "2027-000001"), ...
    std::string body;                                             // paragraphs separated by empty lines
    std::string page_format;                                      // "Pagina {0} van {1}"
};

// The PDF's bytes.
std::string render_letter(const LetterDocument& letter);
// Several letters in one PDF, each from a new page with its own page numbers: a day's post to
// print in one go.
std::string render_letters(const std::vector<LetterDocument>& letters, const std::string& title,
                           const std::string& author);

}  // namespace meldpunt::pdf
