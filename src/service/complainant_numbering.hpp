#pragma once
// What a complainant reads of their dossier is numbered among what they see (issue 15): documents
// d1, d2, ..., messages m1, m2, ... and letters 1, 2, ... in the order they came. The organisation
// numbers its whole dossier; a complainant who saw d1 and d3, or letters 1 and 3, would learn that
// something is kept from them (a note among staff, a letter to the person complained about).
// Staff, also a person the case is about who sees only what is shared, keep the dossier's numbers:
// they know the dossier has an internal part, and their readings are tracked by them.
#include <optional>
#include <string>

#include "service/case_service.hpp"

namespace meldpunt::service {

// Renumbers `record`, already narrowed to what its complainant sees, in their numbering: its
// documents, messages and letters, and every pointer to them in the case (events, attachments,
// the representative's authorisation). A pointer to something they do not see is removed.
void number_for_complainant(CaseRecord& record);

// The dossier's id of the document the complainant knows as `shown`, given `record` narrowed to
// what they see but not yet renumbered; nullopt when they see no such document.
std::optional<std::string> dossier_document_id(const CaseRecord& record, const std::string& shown);

// A list of the complainant's document numbers (a `documents` field they filled in, comma-
// separated) as the dossier's ids, given `record` narrowed as above; nullopt when one of them names
// no document they see.
std::optional<std::string> dossier_document_list(const CaseRecord& record, const std::string& shown);

}  // namespace meldpunt::service
