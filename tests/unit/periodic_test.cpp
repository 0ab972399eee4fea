// The loop behind the server's workers and the checkpointer: a pass at once or after the first
// interval, and a destructor that stops even a pass that is still working.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

#include "support/background_priority.hpp"
#include "support/periodic.hpp"

namespace {

using meldpunt::support::Periodic;
using namespace std::chrono_literals;

// A background loop (the sweep, the delivery) runs below the threads that answer requests; the
// others keep the priority of the thread that started them.
TEST(Periodic, ABackgroundLoopRunsAtALowerPriority) {
    const int ours = meldpunt::support::priority_of_this_thread();
    std::atomic<int> background{-100}, normal{-100};
    {
        Periodic low([&] { background = meldpunt::support::priority_of_this_thread(); }, 1h,
                     Periodic::Start::at_once, Periodic::Priority::background);
        Periodic same([&] { normal = meldpunt::support::priority_of_this_thread(); }, 1h);
        while (background == -100 || normal == -100)
            std::this_thread::sleep_for(1ms);
    }
    EXPECT_EQ(normal, ours);
    EXPECT_EQ(background, std::max(ours, meldpunt::support::kBackgroundNice));
    EXPECT_EQ(meldpunt::support::priority_of_this_thread(), ours);  // the caller's own is unchanged
}

TEST(Periodic, AfterIntervalRunsNothingBeforeTheFirstIntervalHasPassed) {
    std::atomic<int> passes{0};
    {
        Periodic loop([&] { ++passes; }, 1h, Periodic::Start::after_interval);
    }
    EXPECT_EQ(passes, 0);
}

// A pass that works until it is told to stop: the destructor tells it and returns (a hang here is
// the failure the test guards against).
TEST(Periodic, APassInProgressIsToldToStop) {
    std::atomic<int> passes{0};
    std::atomic<bool> started{false};
    {
        std::atomic<Periodic*> running{nullptr};
        auto loop = std::make_unique<Periodic>(
            [&] {
                ++passes;
                started = true;
                while (!running.load() || !running.load()->stopping())
                    std::this_thread::sleep_for(1ms);
            },
            1h);
        running = loop.get();
        while (!started)
            std::this_thread::sleep_for(1ms);
        EXPECT_FALSE(loop->stopping());
    }
    EXPECT_EQ(passes, 1);
}

}  // namespace
