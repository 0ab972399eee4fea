#include "http/metrics.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

namespace meldpunt::http {

void Metrics::record(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    auto& series = requests_[method + "|" + route + "|" + std::to_string(status)];
    ++series.count;
    series.seconds += seconds;
}

std::string Metrics::prometheus_text() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP meldpunt_http_requests_total HTTP requests by method, route and status.\n"
        << "# TYPE meldpunt_http_requests_total counter\n";
    auto labels = [](const std::string& key) {
        const auto a = key.find('|'), b = key.rfind('|');
        return "method=\"" + key.substr(0, a) + "\",route=\"" + key.substr(a + 1, b - a - 1) +
               "\",status=\"" + key.substr(b + 1) + "\"";
    };
    for (const auto& [key, s] : requests_)
        out << "meldpunt_http_requests_total{" << labels(key) << "} " << s.count << "\n";
    out << "# HELP meldpunt_http_request_seconds_total Time spent answering, by method, route and status.\n"
        << "# TYPE meldpunt_http_request_seconds_total counter\n";
    for (const auto& [key, s] : requests_)
        out << "meldpunt_http_request_seconds_total{" << labels(key) << "} " << s.seconds << "\n";
    return out.str();
}

std::string outbox_prometheus_text(const storage::OutboxCounts& counts, int64_t now) {
    std::ostringstream out;
    out << "# HELP meldpunt_outbox_messages Messages in the outbox by state (queued: e-mail waiting to be "
           "sent; to_print: letters waiting to be printed and posted; posted: printed and posted; held: "
           "notices waiting for a daily overview; digested: sent in one).\n"
        << "# TYPE meldpunt_outbox_messages gauge\n";
    const std::pair<const char*, int64_t> states[] = {
        {"queued", counts.queued},     {"sent", counts.sent},     {"failed", counts.failed},
        {"to_print", counts.to_print}, {"posted", counts.posted}, {"held", counts.held},
        {"digested", counts.digested}};
    for (const auto& [state, n] : states)
        out << "meldpunt_outbox_messages{state=\"" << state << "\"} " << n << "\n";
    out << "# HELP meldpunt_outbox_oldest_queued_seconds Age of the oldest e-mail not yet sent.\n"
        << "# TYPE meldpunt_outbox_oldest_queued_seconds gauge\n"
        << "meldpunt_outbox_oldest_queued_seconds "
        << (counts.oldest_queued_at ? std::max<int64_t>(0, now - *counts.oldest_queued_at) : 0) << "\n";
    return out.str();
}

std::string webhook_prometheus_text(const storage::WebhookCounts& counts, int64_t now) {
    std::ostringstream out;
    out << "# HELP meldpunt_webhook_deliveries Webhook deliveries by state (queued: waiting to be sent or "
           "tried again; failed: given up, shown in the subscription's log).\n"
        << "# TYPE meldpunt_webhook_deliveries gauge\n"
        << "meldpunt_webhook_deliveries{state=\"queued\"} " << counts.queued << "\n"
        << "meldpunt_webhook_deliveries{state=\"sent\"} " << counts.sent << "\n"
        << "meldpunt_webhook_deliveries{state=\"failed\"} " << counts.failed << "\n"
        << "# HELP meldpunt_webhook_oldest_queued_seconds Age of the oldest webhook delivery not yet sent.\n"
        << "# TYPE meldpunt_webhook_oldest_queued_seconds gauge\n"
        << "meldpunt_webhook_oldest_queued_seconds "
        << (counts.oldest_queued_at ? std::max<int64_t>(0, now - *counts.oldest_queued_at) : 0) << "\n";
    return out.str();
}

}  // namespace meldpunt::http
