#include "support/background_priority.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace meldpunt::support {

namespace {
id_t this_thread() {
    return static_cast<id_t>(syscall(SYS_gettid));
}
thread_local bool background = false;
}  // namespace

int priority_of_this_thread() {
    errno = 0;
    return getpriority(PRIO_PROCESS, this_thread());
}

bool lower_priority_of_this_thread() {
    background = true;
    if (priority_of_this_thread() >= kBackgroundNice)
        return true;  // already as low or lower (started under nice): never raised
    return setpriority(PRIO_PROCESS, this_thread(), kBackgroundNice) == 0;
}

bool this_thread_is_background() {
    return background;
}

}  // namespace meldpunt::support
