#pragma once
// The few cryptographic operations Meldpunt needs, all from libsodium.
#include <optional>
#include <string>
#include <string_view>

namespace meldpunt::service {

// Must be called once before any other function here (sodium_init); safe to call again.
void init_crypto();

// SHA-256 as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

// HMAC-SHA-256 of `data` under `key`, as 64 lowercase hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// 32 random bytes as 64 hex digits: API tokens, portal links. Unguessable.
std::string random_token();

// Argon2id in libsodium's self-describing string form (salt and parameters included).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

}  // namespace meldpunt::service
