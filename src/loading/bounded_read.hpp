#pragma once
// Reading a file a person named (a procedure file on the command line), never more than needed to
// know it is too large: a device or a pipe can be endless.
#include <cstddef>
#include <optional>
#include <string>

namespace meldpunt::loading {

// At most `max_bytes` + 1 bytes of the file: a result longer than `max_bytes` means "too large".
// nullopt when the file cannot be opened or read.
std::optional<std::string> read_at_most(const std::string& path, std::size_t max_bytes);

}  // namespace meldpunt::loading
