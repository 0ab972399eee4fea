#include "service/letter_document.hpp"

#include <sstream>

#include "render/due_date_text.hpp"

namespace meldpunt::service {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(line);
    return out;
}

bool to_complainant(const storage::LetterRecord& letter) {
    return ("," + letter.recipients + ",").find(",complainant,") != std::string::npos;
}

// Name and postal address of a letter to the complainant on paper.
std::vector<std::string> address_block(const cases::Case& c) {
    // The name the print queue shows (letter_mail.cpp): the complainant's, at their address; an
    // anonymous complainant who gave an address gets the letter there without a name on it.
    std::vector<std::string> out;
    if (!c.complainant.anonymous && !c.complainant.name.empty())
        out.push_back(c.complainant.name);
    for (auto& line : lines_of(c.complainant.address))
        out.push_back(std::move(line));
    return out;
}

}  // namespace

pdf::LetterDocument letter_document(const CaseRecord& record, const storage::LetterRecord& letter,
                                    const messages::Catalogue& t) {
    const auto& procedure = record.procedure->procedure;
    const auto& calendar = record.procedure->calendar;
    const auto written =
        calendar.local_day(std::chrono::sys_seconds{std::chrono::seconds{letter.created_at}});
    const std::string date = render::long_date(written, t);
    pdf::LetterDocument d;
    d.title = letter.name + " " + letter.reference;
    d.organisation = procedure.meta.organisation;
    d.sender_lines = procedure.meta.letterhead;
    if (to_complainant(letter))
        d.recipient_lines = address_block(record.stored.state);
    d.place_and_date = procedure.meta.place.empty() ? date : procedure.meta.place + ", " + date;
    d.references = {{t.text("pdf.reference"), letter.reference}, {t.text("pdf.subject"), letter.name}};
    d.body = letter.body;
    d.page_format = t.text("pdf.page", {"{0}", "{1}"});  // filled in per page by the PDF
    return d;
}

std::string letter_file_name(const storage::LetterRecord& letter) {
    std::string name = letter.reference + " " + letter.name + ".pdf";
    for (char& c : name)
        if (c == '"' || c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            c = '_';
    return name;
}

}  // namespace meldpunt::service
