#pragma once
// The scheduler inside `meldpunt serve`: every `interval` it sweeps (service::Sweeper) with the
// clock's "now", while this server leads (storage::Leadership: on PostgreSQL one server of those
// sharing the database; the others try again each interval and take over when the leader dies).
#include <chrono>
#include <functional>
#include <memory>

#include "service/sweep.hpp"
#include "storage/store.hpp"
#include "support/periodic.hpp"

namespace meldpunt::workers {

class SweepWorker {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    // Starts at once; the first sweep runs immediately (catching up after downtime).
    SweepWorker(storage::Store& store, service::Sweeper& sweeper, Clock clock,
                std::chrono::milliseconds interval);

  private:
    void pass();

    storage::Store& store_;
    service::Sweeper& sweeper_;
    Clock clock_;
    std::unique_ptr<storage::Leadership> leadership_;
    support::Periodic loop_;  // last: stopped first, before the members its passes use
};

}  // namespace meldpunt::workers
