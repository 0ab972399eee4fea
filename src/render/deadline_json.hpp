#pragma once
// A deadline as JSON, one shape wherever it is shown (the API's case, `procedure deadlines`):
// {"name", "due" (null while the clock is paused), "status", "description", "explanation"}.
#include <nlohmann/json.hpp>

#include "domain/calendar/due_date.hpp"
#include "domain/case/deadline_view.hpp"
#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::render {

using Json = nlohmann::ordered_json;

// {"text": sentence, "start": day, "skipped": [{"date", "reason", "name"?}], "nominal_end"?, "extensions"?:
// [...]}
Json explanation_json(const calendar::DueDate& due, const messages::Catalogue& catalogue);

// `deadline` as someone sees it today; "description" is the procedure's rule for it in words, with
// its source.
Json deadline_json(const procedure::Procedure& procedure, const cases::DeadlineView& deadline,
                   const messages::Catalogue& catalogue);

const char* skip_reason_name(calendar::SkipReason reason);

}  // namespace meldpunt::render
