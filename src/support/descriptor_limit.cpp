#include "support/descriptor_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace meldpunt::support {

DescriptorLimit raise_descriptor_limit(size_t wanted) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    const auto as_size = [](rlim_t value) {
        return value == RLIM_INFINITY ? static_cast<size_t>(-1) : static_cast<size_t>(value);
    };
    if (as_size(limit.rlim_cur) < wanted) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max == RLIM_INFINITY
                              ? static_cast<rlim_t>(wanted)
                              : std::min(limit.rlim_max, static_cast<rlim_t>(wanted));
        if (raised.rlim_cur > limit.rlim_cur && setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return {as_size(limit.rlim_cur), as_size(limit.rlim_max)};
}

size_t connections_that_fit(size_t requested, size_t soft) {
    const size_t room = soft > kReservedDescriptors ? soft - kReservedDescriptors : 0;
    return std::max(kFewestConnections, std::min(requested, room));
}

}  // namespace meldpunt::support
