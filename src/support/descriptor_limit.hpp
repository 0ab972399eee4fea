#pragma once
// The process's limit on open files (RLIMIT_NOFILE), which every connection counts against
// (issue 15: at the limit the server could accept nobody). A server raises its own soft limit at
// start as far as the hard limit allows, and sizes its connection cap to what it got.
#include <cstddef>

namespace meldpunt::support {

struct DescriptorLimit {
    size_t soft = 0;  // after raising
    size_t hard = 0;
};

// Raises the soft limit towards `wanted` (never above the hard limit, never lowers it); answers the
// limits as they are afterwards.
DescriptorLimit raise_descriptor_limit(size_t wanted);

// Descriptors a server keeps for what is not a connection: its database, mail, files being read.
inline constexpr size_t kReservedDescriptors = 128;
inline constexpr size_t kFewestConnections = 16;

// The connections a server with `soft` descriptors may hold: `requested` when it fits beside the
// reserve, else what does (at least kFewestConnections).
size_t connections_that_fit(size_t requested, size_t soft);

}  // namespace meldpunt::support
