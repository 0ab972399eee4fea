#pragma once
// The delivery worker: claims due messages from the outbox (storage::Outbox), sends each over SMTP
// (the text, its HTML alternative, and a letter's PDF attached: service::DeliveryContents) and
// marks it sent, to be retried (backoff doubling from a minute to six hours), or failed with
// the reason ("niet bezorgd") when the relay refuses the address or it stays undeliverable. A
// crash after a send and before its mark sends that message again when its claim runs out, with
// the same Message-ID, so that the receiver can tell.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mail/outgoing_message.hpp"
#include "mail/smtp_sender.hpp"
#include "service/delivery_content.hpp"
#include "storage/store.hpp"
#include "support/periodic.hpp"

namespace meldpunt::workers {

// Messages claimed and marked per transaction by a delivery pass.
inline constexpr int kDeliveryBatch = 10;

struct DeliverySettings {
    // The envelope and From: address, for organisations that set none of their own.
    std::string from_address;
    std::string from_name;
    int max_attempts = 12;  // then failed, with the last reason
    // How long a claim holds before another worker may take it: longer than a batch can take
    // (10 messages of at most 70 s each, connect and send).
    std::chrono::seconds lease{std::chrono::minutes{15}};
    // Where the complainant's portal links point (service::body_with_portal_link); empty: links
    // relative to the server.
    std::string public_url;
};

struct DeliveryReport {
    int64_t sent = 0, retrying = 0, failed = 0;
};

class Deliverer {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    Deliverer(storage::Store& store, mail::SmtpSender& sender, DeliverySettings settings);
    // Sends everything due, `batch` at a time, until nothing due is left, the relay fails or
    // `stop` (when given) says so between batches; the clock is read for each claim and each mark,
    // so that leases and retries count from then.
    DeliveryReport deliver(const Clock& clock, int batch = kDeliveryBatch,
                           const std::function<bool()>& stop = {});
    DeliveryReport deliver(std::chrono::sys_seconds now, int batch = kDeliveryBatch) {
        return deliver([now] { return now; }, batch);
    }

  private:
    // What a send of one claimed delivery came to, under the claim of `attempts`.
    struct Outcome {
        int64_t id;
        mail::SendResult result;
        int64_t attempts;
    };
    // Sends the batch in order (portal links made as of `now`); after a temporary failure the rest
    // wait with it. Returns whether the relay failed.
    bool send(const std::vector<storage::Delivery>& claimed, std::vector<Outcome>& outcomes, int64_t now);
    // Who `org`'s mail is from: its own address (service::MailSettings), else the server's.
    mail::Mailbox sender_of(storage::Tx& tx, const std::string& org) const;
    bool failed(const Outcome& o) const;  // permanent, or out of attempts
    void mark(storage::Tx& tx, const std::vector<Outcome>& outcomes, int64_t at) const;
    void count(const std::vector<Outcome>& outcomes, DeliveryReport& report) const;

    storage::Store& store_;
    mail::SmtpSender& sender_;
    DeliverySettings settings_;
    service::DeliveryContents contents_;
    std::map<std::string, mail::Mailbox> senders_;  // by organisation, for the batch being sent
};

// Seconds until the next try after `attempts` failed tries: 1 min, 2, 4 ... at most 6 hours.
int64_t retry_delay(int64_t attempts);

// `meldpunt serve`'s delivery loop: a pass every `interval`.
class DeliveryWorker {
  public:
    using Clock = std::function<std::chrono::sys_seconds()>;
    DeliveryWorker(storage::Store& store, mail::SmtpRelay relay, DeliverySettings settings, Clock clock,
                   std::chrono::milliseconds interval);

  private:
    void pass();

    mail::SmtpSender sender_;
    Deliverer deliverer_;
    Clock clock_;
    support::Periodic loop_;
};

}  // namespace meldpunt::workers
