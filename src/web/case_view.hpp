#pragma once
// A case as the pages show it: the typed case view (service/case_view.hpp, which the API's JSON
// renders too) as page data, with dates in words, and the actions this person may take now, each
// with the form fields it needs. For the complainant's portal only what the complainant may see:
// shared documents, letters addressed to them (both chosen by the service), no staff names.
#include <cstdint>
#include <limits>
#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/case_view.hpp"
#include "service/principal.hpp"

namespace meldpunt::web {

enum class Audience { staff, complainant };

// Staff's names by e-mail address (an address without one is shown as it is).
using PeopleNames = std::map<std::string, std::string>;
// A colleague by name, else by address.
std::string person_name(const PeopleNames& names, const std::string& email);

struct ActionFormOptions {
    std::vector<std::string> people;  // e-mail addresses offered for person and people fields
    std::vector<std::string> about;   // the people the case is about now (checked in a people field)
    PeopleNames names;                // how those people are shown
};

// How far the reader has read the conversation: messages after `up_to` not written by `reader`
// are marked new (staff; the complainant's reading is not tracked).
struct Reading {
    std::string reader;
    int64_t up_to = std::numeric_limits<int64_t>::max();
};

// Staff see people by name, units by the procedure's names, the timeline in sentences ("Petra de
// Vries voegde brief.pdf toe, zichtbaar voor de klager") and recorded values as words, never ids.
// "thread" is the conversation and the letters as one list, oldest first (messages with their
// attachments; a complainant sees no internal notes and no staff names).
mstch::map case_view(const service::CaseView& view, const messages::Catalogue& catalogue, Audience audience,
                     const PeopleNames& names = {}, const Reading& reading = {});

// An option of a choice field in words: the catalogue's for the values the engine knows (oral,
// written), the procedure's own word otherwise.
std::string option_label(const std::string& value, const messages::Catalogue& t);

// Where the case stands, in words: its stage by the procedure's name, or, for a duplicate merged
// into another case, "Samengevoegd met 2027-000001" (it is in no stage of its own any more).
std::string stage_text(const cases::Case& c, const procedure::Procedure& procedure,
                       const messages::Catalogue& catalogue);

// The forms of the actions `who` may take on the case now, in procedure order.
mstch::array action_forms(const service::CaseRecord& record, const service::Principal& who,
                          const messages::Catalogue& catalogue, const ActionFormOptions& options);

}  // namespace meldpunt::web
