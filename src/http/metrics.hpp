#pragma once
// Request counters and latency sums per route and status, in Prometheus text format.
// Thread-safe. Counts are per process (each server of a scaled-out installation reports its own,
// as Prometheus expects).
#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "storage/outbox.hpp"
#include "storage/webhooks.hpp"

namespace meldpunt::http {

// The outbox as gauges: messages per state and the age of the oldest one waiting to be sent. They
// are the database's, so every server sharing it reports the same figures.
std::string outbox_prometheus_text(const storage::OutboxCounts& counts, int64_t now);
// The webhook deliveries' gauges (storage::Webhooks::counts), in the same form.
std::string webhook_prometheus_text(const storage::WebhookCounts& counts, int64_t now);

class Metrics {
  public:
    void record(const std::string& method, const std::string& route, int status, double seconds);
    std::string prometheus_text() const;

  private:
    struct Series {
        uint64_t count = 0;
        double seconds = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Series> requests_;  // key: method|route|status
};

}  // namespace meldpunt::http
