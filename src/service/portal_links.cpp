#include "service/portal_links.hpp"

#include <cstring>

#include "service/crypto.hpp"
#include "service/links.hpp"

namespace meldpunt::service {

std::string without_portal_marker(std::string text) {
    const size_t length = std::strlen(kPortalLinkMarker);
    for (auto at = text.find(kPortalLinkMarker); at != std::string::npos;
         at = text.find(kPortalLinkMarker, at))
        text.erase(at, length);
    return text;
}

std::string body_with_portal_link(storage::Store& store, const storage::Delivery& delivery,
                                  const std::string& public_url, int64_t now) {
    std::string body = delivery.body;
    const auto at = body.rfind(kPortalLinkMarker);  // the one Meldpunt put last
    if (at == std::string::npos)
        return body;
    const std::string token = random_token();
    // Committed before the message leaves: the link works the moment it arrives.
    store.transact([&](storage::Tx& tx) {
        tx.cases.insert_portal_link(sha256_hex(token), delivery.org, delivery.reference, now);
    });
    body.replace(at, std::strlen(kPortalLinkMarker), public_url + portal_path(delivery.org, token));
    return body;
}

}  // namespace meldpunt::service
