#pragma once
// Which events each organisation's active webhook subscriptions take, kept in memory for a few
// seconds (storage::Webhooks::anyone_takes). Every change of a case asks whether anyone takes its
// event; most organisations have no webhook, and asking the database on every write cost SQLite
// intake about a sixth of its rate (docs/performance.md, "Webhooks on the write path"). A change
// made through this server forgets its organisation at once; one made by another server on the same
// PostgreSQL database is seen within kLifetime.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace meldpunt::storage {

class SubscriptionCache {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds kLifetime{5};

    // The events as kept (",case.created,case.closed," for every active subscription together), or
    // nullopt when not known or older than kLifetime.
    std::optional<std::string> events_of(const std::string& org) {
        std::lock_guard lock(mutex_);
        const auto found = known_.find(org);
        if (found == known_.end() || Clock::now() - found->second.read_at > kLifetime)
            return std::nullopt;
        return found->second.events;
    }
    void remember(const std::string& org, std::string events) {
        std::lock_guard lock(mutex_);
        known_[org] = {std::move(events), Clock::now()};
    }
    void forget(const std::string& org) {
        std::lock_guard lock(mutex_);
        known_.erase(org);
    }

  private:
    struct Known {
        std::string events;
        Clock::time_point read_at;
    };
    std::mutex mutex_;
    std::map<std::string, Known> known_;
};

}  // namespace meldpunt::storage
