// Fills a register with N cases for the load benchmarks (bench/run-load.sh): realistic cases made
// by the engine from policies/focus.toml, written in large transactions straight into the store.
// Usage: seed_register DB_URL ORG N [DUE_EVERY [DUE_RECEIVED_ON]]
// With DUE_EVERY (bench/run-sweep.sh), every DUE_EVERYth case is due for the sweep (its review day
// the engine's first) and the others are reviewed only in 2099, as cases whose next deadline is far.
// With DUE_RECEIVED_ON (YYYY-MM-DD) the due cases were all received that day, at noon: a sweep the
// next working day is a day's sweep (an effect or two a case), where a sweep weeks later catches up
// with every effect since the intake.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include "domain/calendar/day.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "service/report_figures.hpp"
#include "storage/store.hpp"

int main(int argc, char** argv) {
    using namespace meldpunt;
    if (argc < 4 || argc > 6) {
        std::cerr << "usage: seed_register DB_URL ORG N [DUE_EVERY [DUE_RECEIVED_ON]]\n";
        return 2;
    }
    const std::string url = argv[1], org = argv[2];
    const long n = std::stol(argv[3]);
    const long due_every = argc >= 5 ? std::stol(argv[4]) : 0;
    const auto due_received_on = argc == 6 ? calendar::parse_day(argv[5]) : std::nullopt;
    if (argc == 6 && !due_received_on) {
        std::cerr << "DUE_RECEIVED_ON is a day: YYYY-MM-DD\n";
        return 2;
    }
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml").loaded;
    auto store = storage::Store::open(url, 1);
    const cases::Engine engine(loaded->procedure, loaded->calendar);
    static const char* const words[] = {"afspraak",       "factuur",       "coach",    "training", "telefoon",
                                        "onbeleefd",      "te laat",       "dubbel",   "betaling", "workshop",
                                        "uitleg",         "wachttijd",     "advies",   "verkeerd", "vergeten",
                                        "klantenservice", "terugbetaling", "planning", "locatie",  "rapport"};
    std::mt19937 random(42);
    std::uniform_int_distribution<int> pick(0, 19), day(0, 364);
    const auto start = std::chrono::steady_clock::now();
    constexpr long kBatch = 5000;
    for (long done = 0; done < n;) {
        store->transact([&](storage::Tx& tx) {
            for (long i = 0; i < kBatch && done + i < n; ++i) {
                cases::IntakeRequest request;
                request.kind = "complaint";
                request.channel = "web";
                const bool due = due_every > 0 && (done + i) % due_every == 0;
                request.received_at =
                    std::chrono::sys_seconds{std::chrono::seconds{1767225600 + 86400LL * day(random)}};
                if (due && due_received_on)
                    request.received_at = std::chrono::sys_seconds{*due_received_on} + std::chrono::hours{11};
                const int year = static_cast<int>(
                    std::chrono::year_month_day{loaded->calendar.local_day(request.received_at)}.year());
                char reference[32];
                std::snprintf(reference, sizeof reference, "%d-%07lld", year,
                              static_cast<long long>(tx.cases.next_reference_number(org, year)));
                request.reference = reference;
                request.complainant.name = "Klant " + std::to_string(done + i);
                auto c = engine.intake(request).value();
                storage::StoredCase stored{org,
                                           std::move(c),
                                           1,
                                           std::string(words[pick(random)]) + " " + words[pick(random)],
                                           std::string("De klant meldt: ") + words[pick(random)] + ", " +
                                               words[pick(random)] + " en " + words[pick(random)] + ".",
                                           std::nullopt};
                stored.figures = service::figures_line(*loaded, stored.state, stored.state.received_on);
                if (due_every > 0)
                    stored.review_on =
                        due ? engine.first_review(stored.state) : calendar::make_day(2099, 1, 1);
                tx.cases.insert(stored);
            }
        });
        done += kBatch;
        if (done % 100000 == 0 || done >= n)
            std::cerr << "seeded " << std::min(done, n) << " cases in "
                      << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                      << " s\n";
    }
    return 0;
}
