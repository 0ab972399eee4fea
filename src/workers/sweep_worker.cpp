#include "workers/sweep_worker.hpp"

#include <spdlog/spdlog.h>

#include "storage/advisory_locks.hpp"

namespace meldpunt::workers {

SweepWorker::SweepWorker(storage::Store& store, service::Sweeper& sweeper, Clock clock,
                         std::chrono::milliseconds interval)
    : store_(store), sweeper_(sweeper), clock_(std::move(clock)), loop_([this] { pass(); }, interval) {}

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
        const auto report =
            sweeper_.sweep(clock_(), service::kSweepBatch, [this] { return loop_.stopping(); });
        if (report.effects > 0 || report.digests > 0)
            spdlog::info(
                R"({{"event":"sweep","reviewed":{},"effects":{},"queued":{},"unaddressed":{},"digests":{}}})",
                report.reviewed, report.effects, report.queued, report.unaddressed, report.digests);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"sweep_failed","error":"{}"}})", e.what());
    }
}

}  // namespace meldpunt::workers
