#pragma once
// The address at which the public reaches Meldpunt, as given on the command line: checked and put in
// one form, so that every link built from it is absolute and well formed.
#include <optional>
#include <string>

namespace meldpunt::support {

// "https://klachten.example.nl/" → "https://klachten.example.nl". An http or https URL with a host,
// an optional port and path, no query, fragment, user part, spaces or control characters; trailing
// slashes are dropped. nullopt when `url` is not such an address.
std::optional<std::string> normalise_public_url(const std::string& url);

}  // namespace meldpunt::support
