#include "service/webhook_settings.hpp"

#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
#include "service/webhook_events.hpp"
#include "support/text.hpp"
#include "webhook/http_post.hpp"
#include "webhook/signature.hpp"

namespace meldpunt::service {

namespace {

std::optional<ServiceError> check(const SubscriptionInput& input) {
    if (!webhook::is_webhook_url(input.url))
        return ServiceError::of(ErrorKind::bad_request, "webhook_url", {}, "url");
    if (input.events.empty())
        return ServiceError::of(ErrorKind::bad_request, "webhook_events", {}, "events");
    for (const auto& event : input.events)
        if (!is_webhook_event(event))
            return ServiceError::of(ErrorKind::bad_request, "webhook_events", {}, "events");
    if (input.description.size() > WebhookSettings::kMaxDescription ||
        !support::valid_text(input.description))
        return ServiceError::of(ErrorKind::bad_request, "webhook_description",
                                {std::to_string(WebhookSettings::kMaxDescription)}, "description");
    return std::nullopt;
}

// The events in the order kWebhookEvents lists them, each once.
std::vector<std::string> in_order(const std::vector<std::string>& events) {
    std::vector<std::string> out;
    for (const auto known : kWebhookEvents)
        for (const auto& e : events)
            if (e == known) {
                out.emplace_back(known);
                break;
            }
    return out;
}

std::string audit_detail(const storage::WebhookSubscription& s) {
    return nlohmann::json{{"host", url_host(s.url)}, {"events", s.events}, {"active", s.active}}.dump();
}

}  // namespace

std::string url_host(const std::string& url) {
    const auto start = url.find("://");
    if (start == std::string::npos)
        return "";
    const auto from = start + 3;
    return url.substr(from, url.find_first_of("/?#", from) - from);
}

std::vector<storage::WebhookSubscription> WebhookSettings::subscriptions(const std::string& org) {
    std::vector<storage::WebhookSubscription> out;
    store_.read([&](storage::Tx& tx) { out = tx.webhooks.subscriptions(org); });
    return out;
}

std::optional<storage::WebhookSubscription> WebhookSettings::subscription(const std::string& org,
                                                                          int64_t id) {
    std::optional<storage::WebhookSubscription> out;
    store_.read([&](storage::Tx& tx) { out = tx.webhooks.subscription(org, id); });
    return out;
}

Result<storage::WebhookSubscription> WebhookSettings::add(const std::string& org,
                                                          const SubscriptionInput& input,
                                                          const std::string& actor, calendar::Instant now) {
    if (auto refused = check(input))
        return *refused;
    storage::WebhookSubscription s{org,
                                   0,
                                   input.url,
                                   in_order(input.events),
                                   webhook::new_secret(),
                                   input.description,
                                   input.active,
                                   calendar::unix_seconds(now),
                                   actor};
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        error.reset();
        if (!tx.orgs.get(org)) {
            error = ServiceError::not_found(org);
            return;
        }
        if (tx.webhooks.subscriptions(org).size() >= kMaxSubscriptions) {
            error = ServiceError::of(ErrorKind::conflict, "webhook_too_many",
                                     {std::to_string(kMaxSubscriptions)});
            return;
        }
        s.id = tx.webhooks.add(s);
        append_audit(tx, s.created_at, org, actor, "webhook.subscribe", std::to_string(s.id),
                     audit_detail(s));
    });
    if (error)
        return *error;
    store_.subscriptions().forget(org);  // committed: this server's next write reads it
    return s;
}

Result<Done> WebhookSettings::change(const std::string& org, int64_t id, const SubscriptionInput& input,
                                     const std::string& actor, calendar::Instant now) {
    if (auto refused = check(input))
        return *refused;
    bool found = false;
    store_.transact([&](storage::Tx& tx) {
        auto s = tx.webhooks.subscription(org, id);
        found = s.has_value();
        if (!found)
            return;
        s->url = input.url;
        s->events = in_order(input.events);
        s->description = input.description;
        s->active = input.active;
        tx.webhooks.update(*s);
        append_audit(tx, calendar::unix_seconds(now), org, actor, "webhook.change", std::to_string(id),
                     audit_detail(*s));
    });
    store_.subscriptions().forget(org);
    if (!found)
        return ServiceError::not_found(std::to_string(id));
    return Done{};
}

Result<storage::WebhookSubscription> WebhookSettings::renew_secret(const std::string& org, int64_t id,
                                                                   const std::string& actor,
                                                                   calendar::Instant now) {
    std::optional<storage::WebhookSubscription> s;
    const std::string secret = webhook::new_secret();
    store_.transact([&](storage::Tx& tx) {
        s.reset();
        if (!tx.webhooks.set_secret(org, id, secret))
            return;
        s = tx.webhooks.subscription(org, id);
        append_audit(tx, calendar::unix_seconds(now), org, actor, "webhook.secret", std::to_string(id),
                     nlohmann::json{{"host", url_host(s->url)}}.dump());
    });
    if (!s)
        return ServiceError::not_found(std::to_string(id));
    return *s;
}

Result<Done> WebhookSettings::remove(const std::string& org, int64_t id, const std::string& actor,
                                     calendar::Instant now) {
    bool found = false;
    store_.transact([&](storage::Tx& tx) {
        auto s = tx.webhooks.subscription(org, id);
        found = s.has_value() && tx.webhooks.remove(org, id);
        if (found)
            append_audit(tx, calendar::unix_seconds(now), org, actor, "webhook.remove", std::to_string(id),
                         nlohmann::json{{"host", url_host(s->url)}}.dump());
    });
    store_.subscriptions().forget(org);
    if (!found)
        return ServiceError::not_found(std::to_string(id));
    return Done{};
}

std::vector<storage::WebhookDelivery> WebhookSettings::log(const std::string& org, int64_t id, int limit) {
    std::vector<storage::WebhookDelivery> out;
    store_.read([&](storage::Tx& tx) { out = tx.webhooks.log_of(org, id, limit); });
    return out;
}

Result<Done> WebhookSettings::retry(const std::string& org, int64_t delivery, const std::string& actor,
                                    calendar::Instant now) {
    bool queued = false;
    store_.transact([&](storage::Tx& tx) {
        queued = tx.webhooks.requeue(org, delivery, calendar::unix_seconds(now));
        if (queued)
            append_audit(tx, calendar::unix_seconds(now), org, actor, "webhook.retry",
                         std::to_string(delivery), "");
    });
    if (!queued)
        return ServiceError::not_found(std::to_string(delivery));
    return Done{};
}

}  // namespace meldpunt::service
