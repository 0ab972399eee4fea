#pragma once
// Deadlines as JSON for the command line (and later the API).
#include <nlohmann/json.hpp>

#include "domain/calendar/due_date.hpp"
#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::app {

using Json = nlohmann::ordered_json;

// {"text": sentence, "start": day, "skipped": [{"date", "reason", "name"?}], "nominal_end"?, "extensions"?:
// [...]}
Json explanation_json(const calendar::DueDate& due, const messages::Catalogue& catalogue);

// {"name", "due", "description", "explanation"}; "due" is null while the clock is paused.
Json deadline_json(const procedure::Procedure& procedure, const procedure::Deadline& deadline,
                   const calendar::DueDate& due, const messages::Catalogue& catalogue);

const char* skip_reason_name(calendar::SkipReason reason);

}  // namespace meldpunt::app
