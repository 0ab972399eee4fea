#pragma once
// A thread that runs `pass` at once and then every `interval` until it is destroyed, which stops it
// promptly (between passes) and waits for a pass in progress. `pass` must not throw.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace meldpunt::workers {

class Periodic {
  public:
    Periodic(std::function<void()> pass, std::chrono::milliseconds interval);
    ~Periodic();
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;

  private:
    void run();

    std::function<void()> pass_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace meldpunt::workers
