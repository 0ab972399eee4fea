#pragma once
// The Message-ID of a message Meldpunt sends: the same cause (a letter, an effect, a notification)
// for the same addressee of the same case is always the same message. The outbox keeps a
// Message-ID once, so queueing it again adds nothing, and a message sent again after a crash is
// recognisably the one sent before.
#include <optional>
#include <string>

namespace meldpunt::service {

// "<40 hex digits.REFERENCE@meldpunt>" from the organisation, the case, the cause and the
// addressee ("<40 hex digits@meldpunt>" for a message about no case). The reference is in it so that
// a reply or a bounce naming it (In-Reply-To, References, a delivery report) finds its case by
// the outbox's index by case; the digits are an HMAC under the register's `key`
// (storage::Tx::message_key), so that only those who received the message know its Message-ID:
// nobody can answer, or bounce, a message sent to someone else by making its Message-ID up.
std::string stable_message_id(const std::string& key, const std::string& org, const std::string& reference,
                              const std::string& cause, const std::string& addressee);

// The case reference in a Message-ID made by stable_message_id (with or without angle brackets),
// or nullopt: another program's Message-ID, or one about no case.
std::optional<std::string> reference_in_message_id(const std::string& id);

}  // namespace meldpunt::service
