#pragma once
// The webhook worker (issue 16): claims due deliveries from the outbox's webhook table
// (storage::Webhooks), posts each to its subscription's URL signed with the subscription's secret
// as it is now (webhook/signature.hpp), and marks it sent, to be retried (backoff as for mail:
// retry_delay, from a minute to six hours) or failed with the reason, under the claim it took, so
// that a worker whose lease ran out changes nothing. A crash after a post and before its mark posts
// it again when the claim runs out, with the same Idempotency-Key. After each pass the steps whose
// delivery was answered with a reference are applied (CaseService::acknowledge_answered).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "service/case_service.hpp"
#include "storage/store.hpp"
#include "support/periodic.hpp"
#include "webhook/http_post.hpp"

namespace meldpunt::workers {

struct WebhookDeliverySettings {
    int max_attempts = 12;  // then failed, with the last reason
    // How long a claim holds before another worker may take it: longer than a batch can take
    // (10 posts of at most 15 s each).
    std::chrono::seconds lease{std::chrono::minutes{5}};
    webhook::PostLimits limits;
};

struct WebhookReport {
    int64_t sent = 0, retrying = 0, failed = 0, acknowledged = 0;
};

// The reference a receiver's answer gives: {"reference": "..."} (one line, at most 100
// characters), else "".
std::string answered_reference(const std::string& body);

class WebhookDeliverer {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    // `cases`: for the steps an answer acknowledges; may be null (nothing is applied).
    WebhookDeliverer(storage::Store& store, service::CaseService* cases, WebhookDeliverySettings settings);
    // Posts everything due, `batch` at a time, until nothing due is left or `stop` says so.
    WebhookReport deliver(const Clock& clock, int batch = 10, const std::function<bool()>& stop = {});
    // Forgets deliveries done with more than kKeptDays before `now` (the subscriptions' logs show
    // what is recent); returns how many.
    int64_t forget_old(std::chrono::sys_seconds now);
    static constexpr int kKeptDays = 90;

  private:
    struct Outcome {
        int64_t id, attempts;
        webhook::PostResult result;
    };
    // Posts `d` to `to` (nullopt: its subscription is gone or switched off), signed as of `now`.
    Outcome post(const storage::WebhookDelivery& d, const std::optional<storage::WebhookSubscription>& to,
                 int64_t now) const;
    bool failed(const Outcome& o) const;
    void mark(storage::Tx& tx, const std::vector<Outcome>& outcomes, int64_t at) const;

    storage::Store& store_;
    service::CaseService* cases_;
    WebhookDeliverySettings settings_;
};

// `meldpunt serve`'s webhook loop: a pass every `interval`.
class WebhookWorker {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    WebhookWorker(storage::Store& store, service::CaseService& cases, WebhookDeliverySettings settings,
                  Clock clock, std::chrono::milliseconds interval);

  private:
    void pass();

    WebhookDeliverer deliverer_;
    Clock clock_;
    std::chrono::sys_seconds forgotten_at_{};  // when old deliveries were last forgotten
    support::Periodic loop_;
};

}  // namespace meldpunt::workers
