#include "workers/webhook_delivery.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <nlohmann/json.hpp>

#include "support/text.hpp"
#include "webhook/signature.hpp"
#include "workers/delivery.hpp"

namespace meldpunt::workers {

std::string answered_reference(const std::string& body) {
    const auto answer = nlohmann::json::parse(body, nullptr, false);
    if (!answer.is_object() || !answer.contains("reference") || !answer["reference"].is_string())
        return "";
    const std::string reference = support::trimmed(answer["reference"].get<std::string>());
    if (reference.size() > 100 || !support::valid_text(reference))
        return "";
    return reference;
}

WebhookDeliverer::WebhookDeliverer(storage::Store& store, service::CaseService* cases,
                                   WebhookDeliverySettings settings)
    : store_(store), cases_(cases), settings_(std::move(settings)) {}

WebhookReport WebhookDeliverer::deliver(const Clock& clock, int batch, const std::function<bool()>& stop) {
    WebhookReport report;
    std::vector<Outcome> done;  // posted, not yet marked
    bool last = false;
    for (;;) {
        // One transaction marks what the batch before did and claims the next.
        const int64_t now = clock().time_since_epoch().count();
        std::vector<storage::WebhookDelivery> claimed;
        std::map<std::pair<std::string, int64_t>, std::optional<storage::WebhookSubscription>> to;
        store_.transact([&](storage::Tx& tx) {
            mark(tx, done, now);
            claimed = last ? std::vector<storage::WebhookDelivery>{}
                           : tx.webhooks.claim(now, now + settings_.lease.count(), batch);
            to.clear();
            for (const auto& d : claimed)
                if (!to.count({d.org, d.subscription}))
                    to.emplace(std::pair{d.org, d.subscription},
                               tx.webhooks.subscription(d.org, d.subscription));
        });
        for (const auto& o : done) {
            if (o.result.kind == webhook::PostResult::Kind::delivered)
                ++report.sent;
            else if (failed(o))
                ++report.failed;
            else
                ++report.retrying;
        }
        done.clear();
        if (claimed.empty())
            break;
        for (const auto& d : claimed)
            done.push_back(post(d, to.at({d.org, d.subscription}), clock().time_since_epoch().count()));
        last = static_cast<int>(claimed.size()) < batch || (stop && stop());
    }
    // Every pass, not only after a send: an answer kept before a crash is applied on the next one.
    if (cases_)
        report.acknowledged = cases_->acknowledge_answered(clock());
    return report;
}

int64_t WebhookDeliverer::forget_old(std::chrono::sys_seconds now) {
    int64_t forgotten = 0;
    const auto before = now - std::chrono::days{kKeptDays};
    store_.transact([&](storage::Tx& tx) {
        forgotten = tx.webhooks.forget_done_before(before.time_since_epoch().count());
    });
    return forgotten;
}

WebhookDeliverer::Outcome WebhookDeliverer::post(const storage::WebhookDelivery& d,
                                                 const std::optional<storage::WebhookSubscription>& to,
                                                 int64_t now) const {
    Outcome out{d.id, d.attempts, {}};
    if (!to || !to->active) {
        out.result.kind = webhook::PostResult::Kind::permanent;
        out.result.error = to ? "the webhook is switched off" : "the webhook was removed";
        return out;
    }
    webhook::HttpPost request{to->url,
                              {{"Content-Type", "application/json"},
                               {"User-Agent", "Meldpunt-Webhook/1"},
                               {"Meldpunt-Event", d.event},
                               {"Meldpunt-Delivery", std::to_string(d.id)},
                               {"Idempotency-Key", d.event_id},
                               {"Meldpunt-Signature", webhook::signature_header(to->secret, now, d.payload)}},
                              d.payload};
    out.result = webhook::post(request, settings_.limits);
    return out;
}

bool WebhookDeliverer::failed(const Outcome& o) const {
    return o.result.kind == webhook::PostResult::Kind::permanent || o.attempts >= settings_.max_attempts;
}

void WebhookDeliverer::mark(storage::Tx& tx, const std::vector<Outcome>& outcomes, int64_t at) const {
    for (const auto& o : outcomes) {
        const int64_t status = o.result.status;
        if (o.result.kind == webhook::PostResult::Kind::delivered)
            tx.webhooks.mark_sent(o.id, o.attempts, at, status, answered_reference(o.result.answer));
        else if (failed(o))
            tx.webhooks.mark_failed(o.id, o.attempts, status, o.result.error);
        else
            tx.webhooks.retry_at(o.id, o.attempts, at + retry_delay(o.attempts), status, o.result.error);
    }
}

WebhookWorker::WebhookWorker(storage::Store& store, service::CaseService& cases,
                             WebhookDeliverySettings settings, Clock clock,
                             std::chrono::milliseconds interval)
    : deliverer_(store, &cases, std::move(settings)),
      clock_(std::move(clock)),
      loop_([this] { pass(); }, interval, support::Periodic::Start::at_once,
            support::Periodic::Priority::background) {}

void WebhookWorker::pass() {
    try {
        const auto report = deliverer_.deliver(clock_, 10, [this] { return loop_.stopping(); });
        if (const auto now = clock_(); now - forgotten_at_ >= std::chrono::hours{1}) {
            forgotten_at_ = now;
            deliverer_.forget_old(now);
        }
        if (report.sent + report.retrying + report.failed > 0)
            spdlog::info(R"({{"event":"webhooks","sent":{},"retrying":{},"failed":{},"acknowledged":{}}})",
                         report.sent, report.retrying, report.failed, report.acknowledged);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"webhooks_failed","error":{}}})", nlohmann::json(e.what()).dump());
    }
}

}  // namespace meldpunt::workers
