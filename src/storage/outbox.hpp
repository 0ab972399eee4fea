#pragma once
// The transactional outbox: every message Meldpunt is to send (a notification to staff, later the
// letters) is a row written in the same transaction as the change that caused it. A delivery
// worker claims rows, sends them and marks them; a crash between commit and send loses nothing,
// and a claim that was never marked runs out and is claimed again, with the same Message-ID.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql.hpp"

namespace meldpunt::storage {

struct Delivery {
    int64_t id = 0;
    std::string org, reference;
    std::string cause;  // the effect key or letter it carries out
    std::string channel = "email";
    std::string recipient, recipient_name;
    std::string subject, body;
    std::string message_id;  // stable: a message sent again is recognisably the same one
    // E-mail: queued | sent | failed; a staff notice for someone who reads one overview a day:
    // held until the day's overview takes it (digested). Paper: to_print until staff mark it
    // posted.
    std::string status = "queued";
    int64_t attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;
    int64_t created_at = 0;
    std::optional<int64_t> sent_at;
};

struct OutboxCounts {
    int64_t queued = 0, sent = 0, failed = 0, to_print = 0, posted = 0, held = 0, digested = 0;
    std::optional<int64_t> oldest_queued_at;  // created_at of the oldest message not yet sent
};

class Outbox {
  public:
    explicit Outbox(SqlConnection& db) : db_(db) {}

    // Adds `delivery` (its id is ignored) with its channel and status; false when the case already
    // has one with its Message-ID (a Message-ID names its case: service/message_id). Only e-mail
    // "queued" is claimed by the delivery worker.
    bool enqueue(const Delivery& delivery);
    // Adds each of `deliveries` as above, in their order; returns how many were new. One statement
    // on PostgreSQL (rows_parameter.hpp).
    int64_t enqueue(const std::vector<Delivery>& deliveries);
    // Up to `limit` queued deliveries due at `now`, oldest first, each claimed until `lease_until`
    // (its attempt counted): another worker will not take it before then.
    std::vector<Delivery> claim(int64_t now, int64_t lease_until, int limit);
    // Each mark applies only while the delivery is still queued under the claim of `attempt` (a
    // worker whose lease ran out and was overtaken changes nothing).
    void mark_sent(int64_t id, int64_t attempt, int64_t at);
    void retry_at(int64_t id, int64_t attempt, int64_t at, const std::string& error);
    void mark_failed(int64_t id, int64_t attempt, const std::string& error);
    // A bounce came back for delivery `id` (mail in): the message that was sent failed after all,
    // with `reason`. True when it had been sent.
    bool mark_undeliverable(int64_t id, const std::string& reason);
    // The case's delivery with `message_id` ("<...>"), or nullopt.
    std::optional<Delivery> by_message_id(const std::string& org, const std::string& reference,
                                          const std::string& message_id);
    OutboxCounts counts();
    std::vector<Delivery> of_case(const std::string& org, const std::string& reference);
    // The organisation's letters waiting to be printed and posted, oldest first.
    std::vector<Delivery> to_print_of(const std::string& org);
    // A printed letter is posted: true when `id` was waiting to be printed in `org`.
    bool mark_posted(const std::string& org, int64_t id, int64_t at);
    // Who has notices held for their daily overview, queued before `before`: (org, e-mail address).
    std::vector<std::pair<std::string, std::string>> held_recipients(int64_t before);
    // Their held notices queued before `before`, oldest first.
    std::vector<Delivery> held_for(const std::string& org, const std::string& recipient, int64_t before);
    // A held notice went out in an overview at `at`: true when it was still held.
    bool mark_digested(int64_t id, int64_t at);
    // The organisation's newest test messages (cause "test:..."), at most `limit`, newest first.
    std::vector<Delivery> tests_of(const std::string& org, int limit);
    // The organisation's newest deliveries that failed ("niet bezorgd"), at most `limit`.
    std::vector<Delivery> failed_of(const std::string& org, int limit);

  private:
    SqlConnection& db_;
};

}  // namespace meldpunt::storage
