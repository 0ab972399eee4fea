#include "storage/webhooks.hpp"

#include <algorithm>

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects unless named. The events are kept as ",case.created,case.closed," so that one
// LIKE finds the subscriptions that take one.
constexpr const char* kSubscriptionColumns =
    "org, id, url, events, secret, description, active, created_at, created_by";
constexpr const char* kAdd =
    "INSERT INTO webhook_subscriptions (org, id, url, events, secret, description, active, created_at, "
    "created_by) SELECT $1, COALESCE(MAX(id), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM webhook_subscriptions "
    "WHERE org = $1 RETURNING id";
constexpr const char* kSubscriptions = " FROM webhook_subscriptions WHERE org = $1 ORDER BY id";
constexpr const char* kSubscription = " FROM webhook_subscriptions WHERE org = $1 AND id = $2";
constexpr const char* kUpdate =
    "UPDATE webhook_subscriptions SET url = $3, events = $4, description = $5, active = $6 "
    "WHERE org = $1 AND id = $2";
constexpr const char* kSetSecret = "UPDATE webhook_subscriptions SET secret = $3 WHERE org = $1 AND id = $2";
constexpr const char* kRemove = "DELETE FROM webhook_subscriptions WHERE org = $1 AND id = $2";
constexpr const char* kRemoveDeliveries =
    "DELETE FROM webhook_deliveries WHERE org = $1 AND subscription = $2";
constexpr const char* kActiveEvents =
    "SELECT events FROM webhook_subscriptions WHERE org = $1 AND active = 1";
constexpr const char* kFanOut =
    "INSERT INTO webhook_deliveries (org, subscription, event, event_id, reference, payload, status, "
    "attempts, next_attempt_at, last_status, last_error, answer, created_at) "
    "SELECT org, id, $2, $3, $4, $5, 'queued', 0, $6, 0, '', '', $6 FROM webhook_subscriptions "
    "WHERE org = $1 AND active = 1 AND events LIKE $7 "
    "ON CONFLICT (org, subscription, event_id) DO NOTHING";

constexpr const char* kDeliveryColumns =
    "id, org, subscription, event, event_id, reference, payload, status, attempts, next_attempt_at, "
    "last_status, last_error, answer, created_at, sent_at";
// PostgreSQL: several servers claim at once and skip each other's rows.
constexpr const char* kClaimPostgres =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN (SELECT id "
    "FROM webhook_deliveries WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id "
    "LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ";
// SQLite: one writer at a time, so the transaction alone makes the claim exclusive.
constexpr const char* kClaimSqlite =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN (SELECT id "
    "FROM webhook_deliveries WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id "
    "LIMIT $3) RETURNING ";
constexpr const char* kMarkSent =
    "UPDATE webhook_deliveries SET status = 'sent', sent_at = $3, last_status = $4, last_error = '', "
    "answer = $5 WHERE id = $1 AND attempts = $2 AND status = 'queued'";
constexpr const char* kRetryAt =
    "UPDATE webhook_deliveries SET next_attempt_at = $3, last_status = $4, last_error = $5 "
    "WHERE id = $1 AND attempts = $2 AND status = 'queued'";
constexpr const char* kMarkFailed =
    "UPDATE webhook_deliveries SET status = 'failed', last_status = $3, last_error = $4 "
    "WHERE id = $1 AND attempts = $2 AND status = 'queued'";
constexpr const char* kLogOf =
    " FROM webhook_deliveries WHERE org = $1 AND subscription = $2 ORDER BY id DESC LIMIT $3";
constexpr const char* kRequeue =
    "UPDATE webhook_deliveries SET status = 'queued', attempts = 0, next_attempt_at = $3 "
    "WHERE org = $1 AND id = $2 AND status = 'failed'";
constexpr const char* kForgetDone =
    "DELETE FROM webhook_deliveries WHERE status <> 'queued' AND created_at < $1";
constexpr const char* kCounts =
    "SELECT status, COUNT(*), MIN(created_at) FROM webhook_deliveries GROUP BY status";

constexpr const char* kHeldColumns =
    "org, reference, action, field, actor, fields, requested_at, status, error, event_id";
constexpr const char* kHold =
    "INSERT INTO held_steps (org, reference, action, field, actor, fields, requested_at, status, error, "
    "event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', '', $8) ON CONFLICT (org, reference) DO UPDATE "
    "SET action = excluded.action, field = excluded.field, actor = excluded.actor, fields = excluded.fields, "
    "requested_at = excluded.requested_at, status = 'waiting', error = '', event_id = excluded.event_id "
    "WHERE held_steps.status = 'refused'";
constexpr const char* kReleaseWaiting =
    "DELETE FROM held_steps WHERE org = $1 AND reference = $2 AND event_id = $3 AND status = 'waiting'";
constexpr const char* kHeld = " FROM held_steps WHERE org = $1 AND reference = $2";
constexpr const char* kRelease = "DELETE FROM held_steps WHERE org = $1 AND reference = $2";
constexpr const char* kMarkRefused =
    "UPDATE held_steps SET status = 'refused', error = $3 WHERE org = $1 AND reference = $2 AND status = "
    "'waiting'";
constexpr const char* kAnsweredWaiting =
    "SELECT h.org, h.reference, MIN(d.answer) FROM held_steps h JOIN webhook_deliveries d "
    "ON d.org = h.org AND d.reference = h.reference AND d.event_id = h.event_id AND d.status = 'sent' "
    "AND d.answer <> '' WHERE h.status = 'waiting' GROUP BY h.org, h.reference, h.requested_at "
    "ORDER BY h.requested_at LIMIT $1";

std::string events_text(const std::vector<std::string>& events) {
    std::string out = ",";
    for (const auto& e : events)
        out += e + ",";
    return out;
}

std::vector<std::string> events_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find(',', start);
        const size_t stop = end == std::string::npos ? text.size() : end;
        if (stop > start)
            out.push_back(text.substr(start, stop - start));
        start = stop + 1;
    }
    return out;
}

// The LIKE pattern of the subscriptions that take `event`.
std::string taking(const std::string& event) {
    return "%," + event + ",%";
}

WebhookSubscription subscription_from(const Row& row) {
    WebhookSubscription s;
    s.org = text(row, 0);
    s.id = number(row, 1);
    s.url = text(row, 2);
    s.events = events_of(text(row, 3));
    s.secret = text(row, 4);
    s.description = text(row, 5);
    s.active = number(row, 6) != 0;
    s.created_at = number(row, 7);
    s.created_by = text(row, 8);
    return s;
}

WebhookDelivery delivery_from(const Row& row) {
    WebhookDelivery d;
    d.id = number(row, 0);
    d.org = text(row, 1);
    d.subscription = number(row, 2);
    d.event = text(row, 3);
    d.event_id = text(row, 4);
    d.reference = text(row, 5);
    d.payload = text(row, 6);
    d.status = text(row, 7);
    d.attempts = number(row, 8);
    d.next_attempt_at = number(row, 9);
    d.last_status = number(row, 10);
    d.last_error = text(row, 11);
    d.answer = text(row, 12);
    d.created_at = number(row, 13);
    if (row.at(14))
        d.sent_at = number(row, 14);
    return d;
}

HeldStep held_from(const Row& row) {
    return {text(row, 0), text(row, 1),   text(row, 2), text(row, 3), text(row, 4),
            text(row, 5), number(row, 6), text(row, 7), text(row, 8), text(row, 9)};
}

}  // namespace

int64_t Webhooks::add(const WebhookSubscription& s) {
    subscriptions_.forget(s.org);
    return single_number(db_.query(kAdd, {s.org, s.url, events_text(s.events), s.secret, s.description,
                                          int64_t{s.active ? 1 : 0}, s.created_at, s.created_by}));
}

std::vector<WebhookSubscription> Webhooks::subscriptions(const std::string& org) {
    std::vector<WebhookSubscription> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kSubscriptionColumns + kSubscriptions, {org}))
        out.push_back(subscription_from(row));
    return out;
}

std::optional<WebhookSubscription> Webhooks::subscription(const std::string& org, int64_t id) {
    return first_row(db_.query(std::string("SELECT ") + kSubscriptionColumns + kSubscription, {org, id}),
                     subscription_from);
}

bool Webhooks::update(const WebhookSubscription& s) {
    subscriptions_.forget(s.org);
    return db_.execute(kUpdate, {s.org, s.id, s.url, events_text(s.events), s.description,
                                 int64_t{s.active ? 1 : 0}}) > 0;
}

bool Webhooks::set_secret(const std::string& org, int64_t id, const std::string& secret) {
    return db_.execute(kSetSecret, {org, id, secret}) > 0;
}

bool Webhooks::remove(const std::string& org, int64_t id) {
    subscriptions_.forget(org);
    db_.execute(kRemoveDeliveries, {org, id});
    return db_.execute(kRemove, {org, id}) > 0;
}

bool Webhooks::anyone_takes(const std::string& org, const std::string& event) {
    auto events = subscriptions_.events_of(org);
    if (!events) {
        events = ",";
        for (const auto& row : db_.query(kActiveEvents, {org}))
            *events += text(row, 0).substr(1);  // each ",a,b,": joined as ",a,b,c,d,"
        subscriptions_.remember(org, *events);
    }
    return events->find("," + event + ",") != std::string::npos;
}

int64_t Webhooks::fan_out(const std::string& org, const std::string& event, const std::string& event_id,
                          const std::string& reference, const std::string& payload, int64_t at) {
    return db_.execute(kFanOut, {org, event, event_id, reference, payload, at, taking(event)});
}

std::vector<WebhookDelivery> Webhooks::claim(int64_t now, int64_t lease_until, int limit) {
    const std::string sql =
        std::string(db_.dialect() == Dialect::postgres ? kClaimPostgres : kClaimSqlite) + kDeliveryColumns;
    std::vector<WebhookDelivery> out;
    for (const auto& row : db_.query(sql, {now, lease_until, int64_t{limit}}))
        out.push_back(delivery_from(row));
    // RETURNING gives no order; deliver oldest first.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

void Webhooks::mark_sent(int64_t id, int64_t attempt, int64_t at, int64_t status, const std::string& answer) {
    db_.execute(kMarkSent, {id, attempt, at, status, answer});
}

void Webhooks::retry_at(int64_t id, int64_t attempt, int64_t at, int64_t status, const std::string& error) {
    db_.execute(kRetryAt, {id, attempt, at, status, error});
}

void Webhooks::mark_failed(int64_t id, int64_t attempt, int64_t status, const std::string& error) {
    db_.execute(kMarkFailed, {id, attempt, status, error});
}

std::vector<WebhookDelivery> Webhooks::log_of(const std::string& org, int64_t subscription, int limit) {
    std::vector<WebhookDelivery> out;
    for (const auto& row :
         db_.query(std::string("SELECT ") + kDeliveryColumns + kLogOf, {org, subscription, int64_t{limit}}))
        out.push_back(delivery_from(row));
    return out;
}

bool Webhooks::requeue(const std::string& org, int64_t id, int64_t at) {
    return db_.execute(kRequeue, {org, id, at}) > 0;
}

WebhookCounts Webhooks::counts() {
    WebhookCounts counts;
    for (const auto& row : db_.query(kCounts)) {
        const std::string status = text(row, 0);
        if (status == "queued") {
            counts.queued = number(row, 1);
            counts.oldest_queued_at = number(row, 2);
        } else if (status == "sent") {
            counts.sent = number(row, 1);
        } else {
            counts.failed = number(row, 1);
        }
    }
    return counts;
}

int64_t Webhooks::forget_done_before(int64_t before) {
    return db_.execute(kForgetDone, {before});
}

bool Webhooks::hold(const HeldStep& s) {
    return db_.execute(kHold, {s.org, s.reference, s.action, s.field, s.actor, s.fields, s.requested_at,
                               s.event_id}) > 0;
}

std::optional<HeldStep> Webhooks::held(const std::string& org, const std::string& reference) {
    return first_row(db_.query(std::string("SELECT ") + kHeldColumns + kHeld, {org, reference}), held_from);
}

void Webhooks::release(const std::string& org, const std::string& reference) {
    db_.execute(kRelease, {org, reference});
}

bool Webhooks::release_waiting(const std::string& org, const std::string& reference,
                               const std::string& event_id) {
    return db_.execute(kReleaseWaiting, {org, reference, event_id}) > 0;
}

bool Webhooks::mark_refused(const std::string& org, const std::string& reference, const std::string& error) {
    return db_.execute(kMarkRefused, {org, reference, error}) > 0;
}

std::vector<Webhooks::Answered> Webhooks::answered_waiting(int limit) {
    std::vector<Answered> out;
    for (const auto& row : db_.query(kAnsweredWaiting, {int64_t{limit}}))
        out.push_back({text(row, 0), text(row, 1), text(row, 2)});
    return out;
}

}  // namespace meldpunt::storage
