#pragma once
// A stored letter as the document its recipient reads (pdf::LetterDocument): the procedure's
// letterhead and place, the address block of the person it is to (the complainant, or their
// representative), the day it was written in the organisation's calendar, the case's reference.
#include <string>

#include "messages/catalogue.hpp"
#include "pdf/letter_pdf.hpp"
#include "service/case_service.hpp"

namespace meldpunt::service {

pdf::LetterDocument letter_document(const CaseRecord& record, const storage::LetterRecord& letter,
                                    const messages::Catalogue& language);

// The file name a letter is downloaded as ("2027-000001 Ontvangstbevestiging.pdf").
std::string letter_file_name(const storage::LetterRecord& letter);

}  // namespace meldpunt::service
