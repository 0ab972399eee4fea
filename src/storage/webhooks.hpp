#pragma once
// Webhooks (issue 16): an organisation's subscriptions (a URL, the events it takes, the secret its
// deliveries are signed with) and the deliveries to them, which are the outbox's second kind beside
// mail: each a row written in the same transaction as the change that caused it, claimed under a
// lease by the webhook worker (workers/webhook_delivery), retried with backoff and marked with the
// receiver's answer, so that a crash between commit and send loses nothing. And the steps held for
// an external system's acknowledgement: a closing that waits for the ERP's reference (003
// §Afsluiten klacht).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql.hpp"
#include "storage/subscription_cache.hpp"

namespace meldpunt::storage {

struct WebhookSubscription {
    std::string org;
    int64_t id = 0;
    std::string url;
    std::vector<std::string> events;  // event names (service/webhook_events.hpp)
    std::string secret;               // the key of the deliveries' signatures
    std::string description;
    bool active = true;
    int64_t created_at = 0;
    std::string created_by;
};

struct WebhookDelivery {
    int64_t id = 0;
    std::string org;
    int64_t subscription = 0;
    std::string event;              // "case.closed"
    std::string event_id;           // the same for every subscription and every try: the Idempotency-Key
    std::string reference;          // the case it is about; a report: its period
    std::string payload;            // the JSON body, as it was when the event happened
    std::string status = "queued";  // queued | sent | failed
    int64_t attempts = 0;
    int64_t next_attempt_at = 0;
    int64_t last_status = 0;  // the receiver's HTTP status of the last try; 0: no answer
    std::string last_error;   // why the last try failed, in the worker's words
    std::string answer;       // a reference the receiver answered with (an ERP's registration)
    int64_t created_at = 0;
    std::optional<int64_t> sent_at;
};

// A step a person took that waits for an external system's acknowledgement before it is applied:
// the action with the fields they gave, by whom and when; the reference field is filled by the
// acknowledgement. One per case.
struct HeldStep {
    std::string org, reference;
    std::string action;
    std::string field;   // the field the acknowledgement fills ("erp_reference")
    std::string actor;   // the e-mail address of who took the step
    std::string fields;  // the fields they gave, as a JSON object
    int64_t requested_at = 0;
    std::string status = "waiting";  // waiting | refused: applied later, the step was refused
    std::string error;               // refused: why, as the engine's refusal code
    std::string event_id;            // of its case.closing: the answers that acknowledge it
};

struct WebhookCounts {
    int64_t queued = 0, sent = 0, failed = 0;
    std::optional<int64_t> oldest_queued_at;
};

class Webhooks {
  public:
    Webhooks(SqlConnection& db, SubscriptionCache& subscriptions) : db_(db), subscriptions_(subscriptions) {}

    // Subscriptions. `add` gives the subscription the organisation's next id and returns it.
    int64_t add(const WebhookSubscription& subscription);
    std::vector<WebhookSubscription> subscriptions(const std::string& org);
    std::optional<WebhookSubscription> subscription(const std::string& org, int64_t id);
    // Changes url, events, description and active of an existing one; false when there is none.
    bool update(const WebhookSubscription& subscription);
    bool set_secret(const std::string& org, int64_t id, const std::string& secret);
    // Removes it with its deliveries and their log (a later subscription may get its id).
    bool remove(const std::string& org, int64_t id);
    // Whether the organisation has an active subscription taking `event`: from memory when read in
    // the last seconds (subscription_cache.hpp).
    bool anyone_takes(const std::string& org, const std::string& event);

    // A delivery of the event to every active subscription of `org` that takes it, in one
    // statement; returns how many. An event id already queued for a subscription is not queued
    // again (a review or a retried transaction records each event once).
    int64_t fan_out(const std::string& org, const std::string& event, const std::string& event_id,
                    const std::string& reference, const std::string& payload, int64_t at);
    // Up to `limit` queued deliveries due at `now`, oldest first, each claimed until `lease_until`
    // (its attempt counted); another worker takes none of them before then.
    std::vector<WebhookDelivery> claim(int64_t now, int64_t lease_until, int limit);
    // Each mark applies only while the delivery is still queued under the claim of `attempt`.
    void mark_sent(int64_t id, int64_t attempt, int64_t at, int64_t status, const std::string& answer);
    void retry_at(int64_t id, int64_t attempt, int64_t at, int64_t status, const std::string& error);
    void mark_failed(int64_t id, int64_t attempt, int64_t status, const std::string& error);
    // The newest deliveries of a subscription, at most `limit`, newest first: its delivery log.
    std::vector<WebhookDelivery> log_of(const std::string& org, int64_t subscription, int limit);
    // A failed delivery is queued again (an administrator asks): true when it had failed.
    bool requeue(const std::string& org, int64_t id, int64_t at);
    WebhookCounts counts();
    // Forgets the deliveries sent or failed before `before`: the log keeps what is recent. Returns
    // how many.
    int64_t forget_done_before(int64_t before);

    // Held steps.
    // Holds the step (in place of one refused before); false when the case has one waiting.
    bool hold(const HeldStep& step);
    std::optional<HeldStep> held(const std::string& org, const std::string& reference);
    // The held step is done with (applied, withdrawn by staff, or the case closed otherwise):
    // removed.
    void release(const std::string& org, const std::string& reference);
    // Removes the step held under `event_id` while it still waits: false when it no longer does
    // (staff stopped waiting, another server applied it), and then nothing may be applied.
    bool release_waiting(const std::string& org, const std::string& reference, const std::string& event_id);
    // Applying it was refused: kept with the reason, for staff to see and to take again. False when
    // no step of the case was waiting (another server applied it first).
    bool mark_refused(const std::string& org, const std::string& reference, const std::string& error);
    // Sent deliveries whose receiver answered with a reference while their case still has a step
    // waiting: (org, reference, answer), oldest first, at most `limit`.
    struct Answered {
        std::string org, reference, answer;
    };
    std::vector<Answered> answered_waiting(int limit);

  private:
    SqlConnection& db_;
    SubscriptionCache& subscriptions_;
};

}  // namespace meldpunt::storage
