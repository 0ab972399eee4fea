#pragma once
// An organisation's webhooks, kept by its administrator (issue 16): subscriptions of a URL to
// events (webhook_events.hpp), each with a secret Meldpunt makes and shows to the administrator, a
// new secret on request, switched off and on, removed; and each subscription's delivery log, with
// a failed delivery sent again on request. Every change is audited, naming the receiver by its
// host (a URL's path or query may hold a token of the receiver's).
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "service/errors.hpp"
#include "storage/store.hpp"
#include "storage/webhooks.hpp"

namespace meldpunt::service {

struct SubscriptionInput {
    std::string url;
    std::vector<std::string> events;
    std::string description;
    bool active = true;
};

class WebhookSettings {
  public:
    static constexpr size_t kMaxSubscriptions = 20;
    static constexpr size_t kMaxDescription = 200;

    explicit WebhookSettings(storage::Store& store) : store_(store) {}

    std::vector<storage::WebhookSubscription> subscriptions(const std::string& org);
    std::optional<storage::WebhookSubscription> subscription(const std::string& org, int64_t id);
    // A new subscription with a new secret. Refused: a URL that is no http(s) address
    // (webhook/http_post.hpp), no event or an unknown one, a description too long or with
    // control characters, more than kMaxSubscriptions.
    Result<storage::WebhookSubscription> add(const std::string& org, const SubscriptionInput& input,
                                             const std::string& actor, calendar::Instant now);
    Result<Done> change(const std::string& org, int64_t id, const SubscriptionInput& input,
                        const std::string& actor, calendar::Instant now);
    // A new secret: deliveries from now on are signed with it (also those still to be retried).
    Result<storage::WebhookSubscription> renew_secret(const std::string& org, int64_t id,
                                                      const std::string& actor, calendar::Instant now);
    Result<Done> remove(const std::string& org, int64_t id, const std::string& actor, calendar::Instant now);
    // The subscription's newest deliveries, newest first.
    std::vector<storage::WebhookDelivery> log(const std::string& org, int64_t id, int limit = 50);
    // A failed delivery of the organisation goes out again, from its first try.
    Result<Done> retry(const std::string& org, int64_t delivery, const std::string& actor,
                       calendar::Instant now);

  private:
    storage::Store& store_;
};

// The host of `url` ("erp.example.nl:8443"), as the audit names a receiver.
std::string url_host(const std::string& url);

}  // namespace meldpunt::service
