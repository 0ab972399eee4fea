#pragma once
// The complainant's private portal link in a message, made at the moment the message is sent:
// the outbox keeps a marker where the link goes, never the link itself, so that the database (and
// its backups) hold only a link's hash, as for the link shown at a public intake. A message sent
// again gets a new link; each opens the same portal.
#include <cstdint>
#include <string>

#include "storage/outbox.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// What a queued body holds where the complainant's link will go.
inline constexpr const char* kPortalLinkMarker = "[[meldpunt:portaallink]]";

// `text` without any marker: what a complainant typed (a subject, a file name, a letter's field)
// never becomes a place for a link. Every body is cleaned so before Meldpunt adds its own marker.
std::string without_portal_marker(std::string text);

// `delivery`'s body as it is sent: a new portal link (its hash stored, committed) in place of the
// marker, below `public_url`; the body unchanged when it has no marker.
std::string body_with_portal_link(storage::Store& store, const storage::Delivery& delivery,
                                  const std::string& public_url, int64_t now);

}  // namespace meldpunt::service
