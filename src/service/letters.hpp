#pragma once
// Letters generated from the procedure's templates (Mustache, via mstch) with the case's data.
// Letters are plain text: values are inserted as they are, not HTML-escaped.
#include <map>
#include <string>

#include "domain/case/case.hpp"
#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::service {

// What a letter may say about the people around a case, looked up by the caller.
struct LetterPeople {
    std::string organisation;
    std::string handler_name, handler_email;
    std::string director_name, director_email;
    std::string procedure_url;  // the public procedure page, absolute
    std::string form_url;       // the public complaint form, absolute
    std::string subject;
};

std::string render_letter(const loading::LoadedProcedure& procedure, const procedure::Letter& letter,
                          const cases::Case& c, const LetterPeople& people, calendar::Day today,
                          const messages::Catalogue& catalogue);

}  // namespace meldpunt::service
