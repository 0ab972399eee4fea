#include "service/message_id.hpp"

#include "service/crypto.hpp"

namespace meldpunt::service {

std::string stable_message_id(const std::string& org, const std::string& reference, const std::string& cause,
                              const std::string& addressee) {
    return "<" + sha256_hex(org + "\n" + reference + "\n" + cause + "\n" + addressee).substr(0, 40) +
           "@meldpunt>";
}

}  // namespace meldpunt::service
