#include "storage/outbox.hpp"

#include <algorithm>

#include "storage/row_values.hpp"
#include "storage/rows_parameter.hpp"

namespace meldpunt::storage {

namespace {

constexpr const char* kColumns =
    "id, org, reference, cause, channel, recipient, recipient_name, subject, body, message_id, status, "
    "attempts, next_attempt_at, last_error, created_at, sent_at";
constexpr const char* kEnqueue =
    "INSERT INTO outbox (org, reference, cause, channel, recipient, recipient_name, subject, body, "
    "message_id, status, attempts, next_attempt_at, last_error, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $12, 0, $10, '', $11) "
    "ON CONFLICT (org, reference, message_id) DO NOTHING";
// PostgreSQL: many deliveries in one statement, each row's columns in kEnqueue's parameter order.
const std::string kEnqueueRowsPostgres =
    std::string(
        "INSERT INTO outbox (org, reference, cause, channel, recipient, recipient_name, subject, body, "
        "message_id, status, attempts, next_attempt_at, last_error, created_at) "
        "SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, "
        "r.value ->> 5, r.value ->> 6, r.value ->> 7, r.value ->> 8, r.value ->> 11, 0, "
        "CAST(r.value ->> 9 AS BIGINT), '', CAST(r.value ->> 10 AS BIGINT) FROM ") +
    kRowsFromParameter + " ORDER BY r.n ON CONFLICT (org, reference, message_id) DO NOTHING";
// PostgreSQL: several servers claim at once and skip each other's rows.
constexpr const char* kClaimPostgres =
    "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox "
    "WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3 "
    "FOR UPDATE SKIP LOCKED) RETURNING ";
// SQLite: one writer at a time, so the transaction alone makes the claim exclusive.
constexpr const char* kClaimSqlite =
    "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox "
    "WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3) RETURNING ";
// Each mark only under the claim of its attempt, while still queued.
constexpr const char* kMarkSent =
    "UPDATE outbox SET status = 'sent', sent_at = $3, last_error = '' WHERE id = $1 AND attempts = $2 "
    "AND status = 'queued'";
constexpr const char* kRetryAt =
    "UPDATE outbox SET next_attempt_at = $3, last_error = $4 "
    "WHERE id = $1 AND attempts = $2 AND status = 'queued'";
constexpr const char* kMarkFailed =
    "UPDATE outbox SET status = 'failed', last_error = $3 "
    "WHERE id = $1 AND attempts = $2 AND status = 'queued'";
constexpr const char* kMarkUndeliverable =
    "UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'sent'";
constexpr const char* kByMessageId = " FROM outbox WHERE org = $1 AND reference = $2 AND message_id = $3";
constexpr const char* kCounts = "SELECT status, COUNT(*), MIN(created_at) FROM outbox GROUP BY status";
constexpr const char* kOfCase = " FROM outbox WHERE org = $1 AND reference = $2 ORDER BY id";
constexpr const char* kToPrintOf = " FROM outbox WHERE org = $1 AND status = 'to_print' ORDER BY id";
constexpr const char* kMarkPosted =
    "UPDATE outbox SET status = 'posted', sent_at = $3 WHERE org = $1 AND id = $2 AND status = 'to_print'";
constexpr const char* kHeldRecipients =
    "SELECT DISTINCT org, recipient FROM outbox WHERE status = 'held' AND created_at < $1 ORDER BY org, "
    "recipient";
constexpr const char* kHeldFor =
    " FROM outbox WHERE status = 'held' AND org = $1 AND recipient = $2 AND created_at < $3 ORDER BY id";
constexpr const char* kMarkDigested =
    "UPDATE outbox SET status = 'digested', sent_at = $2 WHERE id = $1 AND status = 'held'";
// Test messages belong to no case: the empty reference keeps them on the by-case index.
constexpr const char* kTestsOf =
    " FROM outbox WHERE org = $1 AND reference = '' AND cause LIKE 'test:%' ORDER BY id DESC LIMIT $2";
constexpr const char* kFailedOf =
    " FROM outbox WHERE org = $1 AND status = 'failed' ORDER BY id DESC LIMIT $2";

Delivery delivery_from(const Row& row) {
    Delivery d;
    d.id = number(row, 0);
    d.org = text(row, 1);
    d.reference = text(row, 2);
    d.cause = text(row, 3);
    d.channel = text(row, 4);
    d.recipient = text(row, 5);
    d.recipient_name = text(row, 6);
    d.subject = text(row, 7);
    d.body = text(row, 8);
    d.message_id = text(row, 9);
    d.status = text(row, 10);
    d.attempts = number(row, 11);
    d.next_attempt_at = number(row, 12);
    d.last_error = text(row, 13);
    d.created_at = number(row, 14);
    if (row.at(15))
        d.sent_at = number(row, 15);
    return d;
}

// kEnqueue's parameters, and a row of kEnqueueRowsPostgres.
std::vector<SqlValue> enqueue_values(const Delivery& d) {
    return {d.org,     d.reference, d.cause,      d.channel,         d.recipient,  d.recipient_name,
            d.subject, d.body,      d.message_id, d.next_attempt_at, d.created_at, d.status};
}

}  // namespace

bool Outbox::enqueue(const Delivery& d) {
    return db_.execute(kEnqueue, enqueue_values(d)) > 0;
}

int64_t Outbox::enqueue(const std::vector<Delivery>& deliveries) {
    if (deliveries.empty())
        return 0;
    if (db_.dialect() == Dialect::postgres) {
        std::vector<std::vector<SqlValue>> rows;
        rows.reserve(deliveries.size());
        for (const auto& d : deliveries)
            rows.push_back(enqueue_values(d));
        return db_.execute(kEnqueueRowsPostgres, {rows_parameter(rows)});
    }
    int64_t added = 0;
    for (const auto& d : deliveries)
        added += enqueue(d) ? 1 : 0;
    return added;
}

std::vector<Delivery> Outbox::claim(int64_t now, int64_t lease_until, int limit) {
    const std::string sql =
        std::string(db_.dialect() == Dialect::postgres ? kClaimPostgres : kClaimSqlite) + kColumns;
    std::vector<Delivery> out;
    for (const auto& row : db_.query(sql, {now, lease_until, int64_t{limit}}))
        out.push_back(delivery_from(row));
    // RETURNING gives no order; deliver oldest first.
    std::sort(out.begin(), out.end(), [](const Delivery& a, const Delivery& b) { return a.id < b.id; });
    return out;
}

void Outbox::mark_sent(int64_t id, int64_t attempt, int64_t at) {
    db_.query(kMarkSent, {id, attempt, at});
}

void Outbox::retry_at(int64_t id, int64_t attempt, int64_t at, const std::string& error) {
    db_.query(kRetryAt, {id, attempt, at, error});
}

void Outbox::mark_failed(int64_t id, int64_t attempt, const std::string& error) {
    db_.query(kMarkFailed, {id, attempt, error});
}

OutboxCounts Outbox::counts() {
    OutboxCounts counts;
    for (const auto& row : db_.query(kCounts)) {
        const std::string status = text(row, 0);
        const int64_t n = number(row, 1);
        if (status == "queued") {
            counts.queued = n;
            counts.oldest_queued_at = number(row, 2);
        } else if (status == "sent") {
            counts.sent = n;
        } else if (status == "to_print") {
            counts.to_print = n;
        } else if (status == "posted") {
            counts.posted = n;
        } else if (status == "held") {
            counts.held = n;
        } else if (status == "digested") {
            counts.digested = n;
        } else {
            counts.failed = n;
        }
    }
    return counts;
}

bool Outbox::mark_undeliverable(int64_t id, const std::string& reason) {
    return db_.execute(kMarkUndeliverable, {id, reason}) > 0;
}

std::optional<Delivery> Outbox::by_message_id(const std::string& org, const std::string& reference,
                                              const std::string& message_id) {
    return first_row(
        db_.query(std::string("SELECT ") + kColumns + kByMessageId, {org, reference, message_id}),
        delivery_from);
}

std::vector<Delivery> Outbox::of_case(const std::string& org, const std::string& reference) {
    std::vector<Delivery> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kColumns + kOfCase, {org, reference}))
        out.push_back(delivery_from(row));
    return out;
}

std::vector<Delivery> Outbox::to_print_of(const std::string& org) {
    std::vector<Delivery> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kColumns + kToPrintOf, {org}))
        out.push_back(delivery_from(row));
    return out;
}

bool Outbox::mark_posted(const std::string& org, int64_t id, int64_t at) {
    return db_.execute(kMarkPosted, {org, id, at}) > 0;
}

std::vector<std::pair<std::string, std::string>> Outbox::held_recipients(int64_t before) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : db_.query(kHeldRecipients, {before}))
        out.emplace_back(text(row, 0), text(row, 1));
    return out;
}

std::vector<Delivery> Outbox::held_for(const std::string& org, const std::string& recipient, int64_t before) {
    std::vector<Delivery> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kColumns + kHeldFor, {org, recipient, before}))
        out.push_back(delivery_from(row));
    return out;
}

bool Outbox::mark_digested(int64_t id, int64_t at) {
    return db_.execute(kMarkDigested, {id, at}) > 0;
}

std::vector<Delivery> Outbox::tests_of(const std::string& org, int limit) {
    std::vector<Delivery> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kColumns + kTestsOf, {org, int64_t{limit}}))
        out.push_back(delivery_from(row));
    return out;
}

std::vector<Delivery> Outbox::failed_of(const std::string& org, int limit) {
    std::vector<Delivery> out;
    for (const auto& row : db_.query(std::string("SELECT ") + kColumns + kFailedOf, {org, int64_t{limit}}))
        out.push_back(delivery_from(row));
    return out;
}

}  // namespace meldpunt::storage
