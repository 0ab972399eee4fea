#pragma once
// An intake as the edges hand it to the service: from the API's JSON body (parse_intake) or built
// from a web form, and checked for content (check_intake) before the procedure sees it. Pure: no
// storage, no clock (a missing received_at is filled in by the service).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/calendar/working_calendar.hpp"
#include "service/errors.hpp"
#include "service/upload.hpp"

namespace meldpunt::service {

struct IntakeInput {
    std::string kind, channel;
    std::optional<std::string> received_at;  // ISO 8601 as given
    std::optional<std::string> event_date;   // YYYY-MM-DD
    std::string unit, subject, description;
    struct Person {
        std::string name, email, phone, address;
        bool anonymous = false;
        bool group = false;  // a group of clients
    } complainant;
    std::optional<std::string> representative_name, representative_relation, representative_email;
    // The complainant's written authorisation of the representative, kept in the dossier (internal).
    std::optional<Upload> authorisation;
    // Files that came with the complaint (an e-mail's attachments), in the dossier after the
    // authorisation, each with its own visibility.
    std::vector<Upload> documents;
    // The e-mail the case came in as, byte for byte (mail in), kept internal after the documents:
    // anyone can check what arrived. Up to CaseService::kMaxMailBytes.
    std::optional<Upload> as_received;
    std::vector<std::string> about;
    std::string about_text;  // whom or which service it is about, in the complainant's words
    bool urgent = false;     // staff judged it urgent as they took it in (002 §B); never the public form
};

// The API's body as an intake. Refuses (400, with the field) anything that is not the documented
// shape (wrong types); the content is check_intake's, which the service runs on every intake.
Result<IntakeInput> parse_intake(const nlohmann::json& body);

// Refuses (400, with the field) a missing kind, an unknown channel, over-long texts, control
// characters and too many people. The service checks every intake with it, whatever its edge.
std::optional<ServiceError> check_intake(const IntakeInput& input);

// Channels an intake may name.
bool known_channel(const std::string& channel);

}  // namespace meldpunt::service
