#include "workers/delivery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "mail/html_body.hpp"
#include "mail/outgoing_message.hpp"

namespace meldpunt::workers {

int64_t retry_delay(int64_t attempts) {
    const int64_t doubling = std::min<int64_t>(std::max<int64_t>(attempts, 1) - 1, 20);
    return std::min<int64_t>(int64_t{60} << doubling, 6 * 3600);
}

namespace {

// Letters are written in Dutch (as CaseService writes them); their PDF is too.
const messages::Catalogue& letter_language() {
    static const messages::Catalogue dutch(messages::Language::nl);
    return dutch;
}

}  // namespace

Deliverer::Deliverer(storage::Store& store, mail::SmtpSender& sender, DeliverySettings settings)
    : store_(store), sender_(sender), settings_(std::move(settings)), contents_(store, letter_language()) {}

DeliveryReport Deliverer::deliver(const Clock& clock, int batch, const std::function<bool()>& stop) {
    DeliveryReport report;
    std::vector<Outcome> sent;  // sent, not yet marked
    bool last = false;
    for (;;) {
        // One transaction marks what the batch before did and claims the next: a commit per batch.
        const int64_t now = clock().time_since_epoch().count();
        std::vector<storage::Delivery> claimed;
        store_.transact([&](storage::Tx& tx) {
            mark(tx, sent, now);
            claimed = last ? std::vector<storage::Delivery>{}
                           : tx.outbox.claim(now, now + settings_.lease.count(), batch);
            senders_.clear();
            for (const auto& d : claimed)
                if (!senders_.count(d.org))
                    senders_.emplace(d.org, sender_of(tx, d.org));
        });
        count(sent, report);
        sent.clear();
        if (claimed.empty())
            return report;
        const bool relay_failed = send(claimed, sent, now);
        last = relay_failed || static_cast<int>(claimed.size()) < batch || (stop && stop());
    }
}

bool Deliverer::send(const std::vector<storage::Delivery>& claimed, std::vector<Outcome>& outcomes,
                     int64_t now) {
    std::optional<mail::SendResult> relay_failed;
    for (const auto& d : claimed) {
        if (relay_failed) {
            // The relay is not taking mail: the rest of the batch waits for the next try too.
            outcomes.push_back({d.id, *relay_failed, d.attempts});
            continue;
        }
        mail::OutgoingMessage message;
        message.from = senders_.at(d.org);
        message.to = {d.recipient_name, d.recipient};
        message.subject = d.subject;
        try {
            auto content = contents_.of(d, settings_.public_url, now);
            message.text = std::move(content.text);
            message.html = mail::html_from_text(message.text);
            message.reply_to = std::move(content.reply_to);
            if (content.letter)
                message.attachments.push_back({std::move(content.letter->file_name), "application/pdf",
                                               std::move(content.letter->bytes)});
        } catch (const std::exception& e) {
            // This message could not be made now (its letter, the database): it waits and is tried
            // again like a relay failure, while the rest of the batch goes on and is marked.
            outcomes.push_back({d.id,
                                {mail::SendResult::Kind::temporary, std::string("not composed: ") + e.what()},
                                d.attempts});
            continue;
        }
        message.message_id = d.message_id;
        // The moment it was queued: a message sent again is the same message.
        message.date = std::chrono::sys_seconds{std::chrono::seconds{d.created_at}};
        auto result = sender_.send(message.from.address, d.recipient, mail::compose(message));
        if (result.kind == mail::SendResult::Kind::temporary)
            relay_failed = result;
        outcomes.push_back({d.id, std::move(result), d.attempts});
    }
    return relay_failed.has_value();
}

mail::Mailbox Deliverer::sender_of(storage::Tx& tx, const std::string& org) const {
    const auto found = tx.orgs.get(org);
    if (!found || found->mail_from.empty())
        return {settings_.from_name, settings_.from_address};
    return {found->mail_from_name, found->mail_from};
}

bool Deliverer::failed(const Outcome& o) const {
    return o.result.kind == mail::SendResult::Kind::permanent || o.attempts >= settings_.max_attempts;
}

void Deliverer::mark(storage::Tx& tx, const std::vector<Outcome>& outcomes, int64_t at) const {
    // Each mark only if the claim is still this one (same attempt): a worker whose lease ran out
    // never overwrites what the next one did.
    for (const auto& o : outcomes) {
        if (o.result.kind == mail::SendResult::Kind::sent)
            tx.outbox.mark_sent(o.id, o.attempts, at);
        else if (failed(o))
            tx.outbox.mark_failed(o.id, o.attempts, o.result.reason);
        else
            tx.outbox.retry_at(o.id, o.attempts, at + retry_delay(o.attempts), o.result.reason);
    }
}

void Deliverer::count(const std::vector<Outcome>& outcomes, DeliveryReport& report) const {
    for (const auto& o : outcomes) {
        if (o.result.kind == mail::SendResult::Kind::sent)
            ++report.sent;
        else if (failed(o))
            ++report.failed;
        else
            ++report.retrying;
    }
}

DeliveryWorker::DeliveryWorker(storage::Store& store, mail::SmtpRelay relay, DeliverySettings settings,
                               Clock clock, std::chrono::milliseconds interval)
    : sender_(std::move(relay)),
      deliverer_(store, sender_, std::move(settings)),
      clock_(std::move(clock)),
      loop_([this] { pass(); }, interval, support::Periodic::Start::at_once,
            support::Periodic::Priority::background) {}

void DeliveryWorker::pass() {
    try {
        const auto report = deliverer_.deliver(clock_, kDeliveryBatch, [this] { return loop_.stopping(); });
        if (report.sent + report.retrying + report.failed > 0)
            spdlog::info(R"({{"event":"delivery","sent":{},"retrying":{},"failed":{}}})", report.sent,
                         report.retrying, report.failed);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"delivery_failed","error":"{}"}})", e.what());
    }
}

}  // namespace meldpunt::workers
