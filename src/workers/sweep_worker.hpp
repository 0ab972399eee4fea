#pragma once
// The scheduler inside `meldpunt serve`: every `interval` it sweeps (service::Sweeper) with the
// clock's "now", while this server leads (storage::Leadership: on PostgreSQL one server of those
// sharing the database; the others try again each interval and take over when the leader dies).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "service/sweep.hpp"
#include "storage/store.hpp"

namespace meldpunt::workers {

class SweepWorker {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    // Starts at once; the first sweep runs immediately (catching up after downtime).
    SweepWorker(storage::Store& store, service::Sweeper& sweeper, Clock clock,
                std::chrono::milliseconds interval);
    ~SweepWorker();  // stops and waits for a sweep in progress
    SweepWorker(const SweepWorker&) = delete;
    SweepWorker& operator=(const SweepWorker&) = delete;

  private:
    void run();
    void pass();

    storage::Store& store_;
    service::Sweeper& sweeper_;
    Clock clock_;
    std::chrono::milliseconds interval_;
    std::unique_ptr<storage::Leadership> leadership_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace meldpunt::workers
