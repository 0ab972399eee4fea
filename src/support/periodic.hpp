#pragma once
// A thread that runs `pass` every `interval` until it is destroyed: the loops inside `serve` (the
// sweep, the delivery of the outbox) and the SQLite checkpointer. Destruction stops it promptly:
// between passes at once, and a pass in progress can end early by asking stopping(). `pass` must
// not throw. Background loops (Priority::background: the sweep, the delivery) run below the request
// threads (support/background_priority).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace meldpunt::support {

class Periodic {
  public:
    enum class Start { at_once, after_interval };
    enum class Priority { normal, background };
    Periodic(std::function<void()> pass, std::chrono::milliseconds interval, Start start = Start::at_once,
             Priority priority = Priority::normal);
    ~Periodic();
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;

    // Whether the owner is stopping the loop: a long pass checks it between steps of its work.
    bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

  private:
    void run(Start start, Priority priority);

    std::function<void()> pass_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;  // last: starts once the members above exist
};

}  // namespace meldpunt::support
