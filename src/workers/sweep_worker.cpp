#include "workers/sweep_worker.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "storage/advisory_locks.hpp"

namespace meldpunt::workers {

SweepWorker::SweepWorker(storage::Store& store, service::Sweeper& sweeper, Clock clock,
                         std::chrono::milliseconds interval)
    : store_(store),
      sweeper_(sweeper),
      clock_(std::move(clock)),
      loop_([this] { pass(); }, interval, support::Periodic::Start::at_once,
            support::Periodic::Priority::background) {}

// One sweep if this server leads; a failure is logged and the next interval tries again, since
// every effect is recorded once by its key whatever happened to the pass before.
void SweepWorker::pass() {
    try {
        if (leadership_ && !leadership_->held())
            leadership_.reset();
        if (!leadership_)
            leadership_ = store_.try_lead(storage::kSweepLock);
        if (!leadership_)
            return;
        const auto started = std::chrono::steady_clock::now();
        const auto report =
            sweeper_.sweep(clock_(), service::kSweepBatch, [this] { return loop_.stopping(); });
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (report.effects > 0 || report.digests > 0 || report.figures_filled > 0 || report.anonymised > 0 ||
            report.loose_mail > 0)
            spdlog::info(
                R"({{"event":"sweep","reviewed":{},"effects":{},"queued":{},"unaddressed":{},"digests":{},)"
                R"("figures_filled":{},"anonymised":{},"held":{},"loose_mail":{},"ms":{}}})",
                report.reviewed, report.effects, report.queued, report.unaddressed, report.digests,
                report.figures_filled, report.anonymised, report.held, report.loose_mail, took.count());
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"sweep_failed","error":"{}"}})", e.what());
    }
}

}  // namespace meldpunt::workers
