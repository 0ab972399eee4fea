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

// The share a client address counts against in the server's limits: an IPv4 address itself, an
// IPv6 address's /64 (one subscriber is usually given a whole /64 and can use any address in it).
std::string client_group(const std::string& address);

}  // namespace meldpunt::http
