#include "service/message_id.hpp"

#include <algorithm>
#include <cctype>

#include "service/crypto.hpp"

namespace meldpunt::service {

namespace {

// A reference that can stand in a Message-ID's local part (RFC 5322 dot-atom): letters, digits, hyphens.
bool plain_reference(const std::string& reference) {
    return !reference.empty() && reference.size() <= 40 &&
           std::all_of(reference.begin(), reference.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

}  // namespace

std::string stable_message_id(const std::string& key, const std::string& org, const std::string& reference,
                              const std::string& cause, const std::string& addressee) {
    const auto hash =
        hmac_sha256_hex(key, org + "\n" + reference + "\n" + cause + "\n" + addressee).substr(0, 40);
    return "<" + hash + (plain_reference(reference) ? "." + reference : "") + "@meldpunt>";
}

std::optional<std::string> reference_in_message_id(const std::string& id) {
    std::string bare = id;
    if (bare.size() >= 2 && bare.front() == '<' && bare.back() == '>')
        bare = bare.substr(1, bare.size() - 2);
    const std::string domain = "@meldpunt";
    if (bare.size() < 41 + domain.size() ||
        bare.compare(bare.size() - domain.size(), domain.size(), domain) != 0 || bare[40] != '.')
        return std::nullopt;
    auto reference = bare.substr(41, bare.size() - 41 - domain.size());
    if (!plain_reference(reference))
        return std::nullopt;
    return reference;
}

}  // namespace meldpunt::service
