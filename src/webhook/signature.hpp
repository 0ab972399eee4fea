#pragma once
// A webhook delivery's signature (issue 16): HMAC-SHA256, keyed with the subscription's secret,
// over the moment of sending and the body ("1767225600.{...}"), sent as
//   Meldpunt-Signature: t=1767225600,v1=<64 hex digits>
// The receiver computes the same over what it received and compares; the moment lets it refuse a
// delivery replayed later (docs/webhooks.md says how, with an example in a few lines of Python).
#include <cstdint>
#include <string>
#include <string_view>

namespace meldpunt::webhook {

// The HMAC-SHA256 of `message` under `key` (any length), as 64 lowercase hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// The value of the Meldpunt-Signature header for `body` sent at `unix_seconds`.
std::string signature_header(std::string_view secret, int64_t unix_seconds, std::string_view body);

// A new secret: 32 random bytes as 64 hex digits.
std::string new_secret();

}  // namespace meldpunt::webhook
