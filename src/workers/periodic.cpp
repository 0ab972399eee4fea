#include "workers/periodic.hpp"

namespace meldpunt::workers {

Periodic::Periodic(std::function<void()> pass, std::chrono::milliseconds interval)
    : pass_(std::move(pass)), interval_(interval), thread_([this] { run(); }) {}

Periodic::~Periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Periodic::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        pass_();
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace meldpunt::workers
