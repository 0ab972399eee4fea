#include "webhook/signature.hpp"

#include <sodium.h>

#include <stdexcept>

namespace meldpunt::webhook {

namespace {

std::string hex(const unsigned char* bytes, size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not start");
    // The streaming interface takes a key of any length (HMAC hashes a long one first), so a
    // receiver uses the secret exactly as it was shown.
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
    crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    return hex(mac, sizeof mac);
}

std::string signature_header(std::string_view secret, int64_t unix_seconds, std::string_view body) {
    const std::string moment = std::to_string(unix_seconds);
    std::string signed_text;
    signed_text.reserve(moment.size() + 1 + body.size());
    signed_text.append(moment).append(".").append(body);
    return "t=" + moment + ",v1=" + hmac_sha256_hex(secret, signed_text);
}

std::string new_secret() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not start");
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return hex(bytes, sizeof bytes);
}

}  // namespace meldpunt::webhook
