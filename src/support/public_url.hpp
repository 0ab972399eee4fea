#pragma once
// The address at which the public reaches Meldpunt, as given on the command line: checked and put in
// one form, so that every link built from it is absolute and well formed.
#include <optional>
#include <string>

namespace meldpunt::support {

// "HTTPS://Klachten.example.nl/" → "https://klachten.example.nl". An http or https URL (ASCII) with
// a host name, IPv4 or bracketed IPv6 address, an optional port (1-65535) and an optional path of
// plain URL characters; no query, fragment or user part. Scheme and host are put in lower case and
// trailing slashes dropped. nullopt when `url` is not such an address.
std::optional<std::string> normalise_public_url(const std::string& url);

}  // namespace meldpunt::support
