#pragma once
// The client's address as a reverse proxy reports it (ServerOptions::trust_forwarded_for).
#include <optional>
#include <string>
#include <string_view>

namespace meldpunt::http {

// The last address in an X-Forwarded-For value: the one the nearest proxy appended (earlier ones
// came from the client and prove nothing). nullopt when the header is absent or that entry is not
// an IPv4 or IPv6 address.
std::optional<std::string> forwarded_client(std::string_view header);

}  // namespace meldpunt::http
