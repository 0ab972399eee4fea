// How fast the outbox empties into a local SMTP server (bench/run-delivery.sh starts one): queues N
// notices in a fresh register, then lets the delivery worker's Deliverer send them all, as `serve`
// does, and prints messages per second.
// Usage: delivery_bench DB_URL SMTP_URL N [BATCH]
#include <chrono>
#include <iostream>
#include <string>

#include "mail/outgoing_message.hpp"
#include "storage/store.hpp"
#include "workers/delivery.hpp"

int main(int argc, char** argv) {
    using namespace meldpunt;
    if (argc != 4 && argc != 5) {
        std::cerr << "usage: delivery_bench DB_URL SMTP_URL N [BATCH]\n";
        return 2;
    }
    const std::string url = argv[1], smtp = argv[2];
    const long n = std::stol(argv[3]);
    const int batch = argc == 5 ? std::stoi(argv[4]) : workers::kDeliveryBatch;
    mail::init_mime();
    auto store = storage::Store::open(url, 2);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    store->transact([&](storage::Tx& tx) {
        for (long i = 0; i < n; ++i) {
            storage::Delivery d;
            d.org = "focus";
            d.reference = "2027-" + std::to_string(1000000 + i);
            d.cause = "overdue:contact:2027-01-20";
            d.recipient = "medewerker" + std::to_string(i % 50) + "@focus.nl";
            d.recipient_name = "Medewerker " + std::to_string(i % 50);
            d.subject = "Termijn verstreken: Contact met de klager voor zaak " + d.reference;
            d.body = "Beste Medewerker,\n\nDe termijn \"Contact met de klager\" voor zaak " + d.reference +
                     " liep af op woensdag 20 januari 2027 en is nog niet nagekomen.\n\n"
                     "Open de zaak: https://klachten.focus.nl/werk/zaken/" +
                     d.reference + "\n";
            d.message_id = "<bench-" + std::to_string(i) + "@meldpunt>";
            d.next_attempt_at = now.time_since_epoch().count();
            d.created_at = d.next_attempt_at;
            tx.outbox.enqueue(d);
        }
    });
    mail::SmtpSender sender(smtp);
    workers::Deliverer deliverer(*store, sender, {"klachten@focus.nl", "Focus Klachten"});
    const auto start = std::chrono::steady_clock::now();
    const auto report = deliverer.deliver(
        [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }, batch);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "delivered " << report.sent << " of " << n << " in " << seconds
              << " s: " << report.sent / seconds << " messages/s (" << report.retrying << " to retry, "
              << report.failed << " failed)\n";
    return report.sent == n ? 0 : 1;
}
