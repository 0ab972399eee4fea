#include "workers/delivery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "mail/outgoing_message.hpp"

namespace meldpunt::workers {

namespace {

struct Outcome {
    int64_t id;
    mail::SendResult result;
    int64_t attempts;
};

}  // namespace

int64_t retry_delay(int64_t attempts) {
    const int64_t doubling = std::min<int64_t>(std::max<int64_t>(attempts, 1) - 1, 20);
    return std::min<int64_t>(int64_t{60} << doubling, 6 * 3600);
}

Deliverer::Deliverer(storage::Store& store, mail::SmtpSender& sender, DeliverySettings settings)
    : store_(store), sender_(sender), settings_(std::move(settings)) {}

DeliveryReport Deliverer::deliver(std::chrono::sys_seconds now, int batch) {
    DeliveryReport report;
    const int64_t at = now.time_since_epoch().count();
    for (;;) {
        std::vector<storage::Delivery> claimed;
        store_.transact(
            [&](storage::Tx& tx) { claimed = tx.outbox.claim(at, at + settings_.lease.count(), batch); });
        if (claimed.empty())
            return report;
        std::vector<Outcome> outcomes;
        for (const auto& d : claimed) {
            mail::OutgoingMessage message;
            message.from = {settings_.from_name, settings_.from_address};
            message.to = {d.recipient_name, d.recipient};
            message.subject = d.subject;
            message.text = d.body;
            message.message_id = d.message_id;
            // The moment it was queued: a message sent again is the same message.
            message.date = std::chrono::sys_seconds{std::chrono::seconds{d.created_at}};
            outcomes.push_back({d.id,
                                sender_.send(settings_.from_address, d.recipient, mail::compose(message)),
                                d.attempts});
        }
        store_.transact([&](storage::Tx& tx) {
            for (const auto& o : outcomes) {
                using Kind = mail::SendResult::Kind;
                if (o.result.kind == Kind::sent) {
                    tx.outbox.mark_sent(o.id, at);
                } else if (o.result.kind == Kind::permanent || o.attempts >= settings_.max_attempts) {
                    tx.outbox.mark_failed(o.id, o.result.reason);
                } else {
                    tx.outbox.retry_at(o.id, at + retry_delay(o.attempts), o.result.reason);
                }
            }
        });
        for (const auto& o : outcomes) {
            if (o.result.kind == mail::SendResult::Kind::sent)
                ++report.sent;
            else if (o.result.kind == mail::SendResult::Kind::permanent ||
                     o.attempts >= settings_.max_attempts)
                ++report.failed;
            else
                ++report.retrying;
        }
        // The relay is not answering: leave the rest for the next pass instead of claiming it all.
        if (report.retrying > 0 || static_cast<int>(claimed.size()) < batch)
            return report;
    }
}

DeliveryWorker::DeliveryWorker(storage::Store& store, const std::string& smtp_url, DeliverySettings settings,
                               Clock clock, std::chrono::milliseconds interval)
    : sender_(smtp_url),
      deliverer_(store, sender_, std::move(settings)),
      clock_(std::move(clock)),
      loop_([this] { pass(); }, interval) {}

void DeliveryWorker::pass() {
    try {
        const auto report = deliverer_.deliver(clock_());
        if (report.sent + report.retrying + report.failed > 0)
            spdlog::info(R"({{"event":"delivery","sent":{},"retrying":{},"failed":{}}})", report.sent,
                         report.retrying, report.failed);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"delivery_failed","error":"{}"}})", e.what());
    }
}

}  // namespace meldpunt::workers
