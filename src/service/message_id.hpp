#pragma once
// The Message-ID of a message Meldpunt sends: the same cause (a letter, an effect, a notification)
// for the same addressee of the same case is always the same message. The outbox keeps a
// Message-ID once, so queueing it again adds nothing, and a message sent again after a crash is
// recognisably the one sent before.
#include <string>

namespace meldpunt::service {

// "<40 hex digits@meldpunt>" from the organisation, the case, the cause and the addressee.
std::string stable_message_id(const std::string& org, const std::string& reference, const std::string& cause,
                              const std::string& addressee);

}  // namespace meldpunt::service
