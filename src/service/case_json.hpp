#pragma once
// Cases as the API shows them (docs/api.md): renderings of the typed view (case_view.hpp).
#include <nlohmann/json.hpp>

#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/case_view.hpp"

namespace meldpunt::service {

nlohmann::ordered_json case_json(const CaseView& view, const messages::Catalogue& catalogue);

// The register row: reference, kind, stage, unit, handler, received_at, next_due, subject, version.
nlohmann::ordered_json case_summary_json(const CaseRecord& record);

nlohmann::ordered_json document_json(const storage::DocumentRecord& document);

// A message of the conversation: id ("m3"), at, author ("complainant" or a staff address),
// visibility, body and the ids of its documents.
nlohmann::ordered_json message_json(const storage::MessageRecord& message);

}  // namespace meldpunt::service
