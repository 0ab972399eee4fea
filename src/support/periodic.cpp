#include "support/periodic.hpp"

#include "support/background_priority.hpp"

namespace meldpunt::support {

Periodic::Periodic(std::function<void()> pass, std::chrono::milliseconds interval, Start start,
                   Priority priority)
    : pass_(std::move(pass)),
      interval_(interval),
      thread_([this, start, priority] { run(start, priority); }) {}

Periodic::~Periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Periodic::run(Start start, Priority priority) {
    if (priority == Priority::background)
        lower_priority_of_this_thread();
    std::unique_lock lock(mutex_);
    if (start == Start::after_interval)
        wake_.wait_for(lock, interval_, [this] { return stopping(); });
    while (!stopping()) {
        lock.unlock();
        pass_();
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping(); });
    }
}

}  // namespace meldpunt::support
