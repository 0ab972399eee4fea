#include "support/periodic.hpp"

namespace meldpunt::support {

Periodic::Periodic(std::function<void()> pass, std::chrono::milliseconds interval, Start start)
    : pass_(std::move(pass)), interval_(interval), thread_([this, start] { run(start); }) {}

Periodic::~Periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Periodic::run(Start start) {
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
