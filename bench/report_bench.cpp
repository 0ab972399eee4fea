// The report of a year over a large register (issue 13; docs/performance.md): seeds Focus cases
// with varied fates and analysis, made by the engine and written in large transactions with the
// figures the register counts them under, then times the report of the year as the API makes it
// (service::Reports::make) and prints what it counted.
// Usage: report_bench DB_URL ORG TOKEN N YEAR [--from-states]
//   N cases received in YEAR and N/4 in the year before (N = 0: the register as it is).
//   --from-states: first forget every case's figures, so that the report counts each case from
//   its state (as for a register written before it kept them): the way reports were counted before.
#include <sys/resource.h>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "service/directory.hpp"
#include "service/report_figures.hpp"
#include "service/reports.hpp"
#include "storage/store.hpp"

namespace {

using namespace meldpunt;

constexpr const char* kChannels[] = {"letter", "email", "phone", "web", "in_person"};
constexpr const char* kVerdicts[] = {"gegrond", "deels gegrond", "ongegrond"};
constexpr const char* kCompensations[] = {"geen", "genoegdoening", "vervangende dienst", "extra dienst"};
constexpr const char* kSatisfaction[] = {"tevreden", "deels tevreden", "ontevreden"};
constexpr const char* kCauses[] = {
    "afspraak niet nagekomen",      "planning of agenda",        "bejegening", "communicatie",
    "kwaliteit van de begeleiding", "administratie of facturen", "anders"};

// A Focus case received on `day`, taken as far as `fate` says (0: untouched ... 5: closed; 6:
// withdrawn; 7: escalated to an external party), each step a few working days after the last.
cases::Case a_case(const cases::Engine& engine, const calendar::WorkingCalendar& calendar, calendar::Day day,
                   std::mt19937& random) {
    std::uniform_int_distribution<int> any(0, 1 << 20), fate_of(0, 9), gap(0, 6);
    const auto pick = [&](const auto& list) { return list[any(random) % std::size(list)]; };
    cases::IntakeRequest intake;
    intake.kind = "complaint";
    intake.channel = pick(kChannels);
    intake.received_at = calendar.start_of(day) + std::chrono::hours{10};
    intake.complainant.name = "Klant";
    auto c = engine.intake(intake).value();
    constexpr int kFates[] = {0, 1, 2, 3, 4, 5, 5, 5, 6, 7};  // closed three times as often as any other
    const int fate = kFates[fate_of(random)];
    calendar::Day on = day;
    const auto next_at = [&] {
        on = calendar.working_days_after(on, gap(random) + 1);
        return calendar.start_of(on) + std::chrono::hours{11};
    };
    const cases::Actor manager{"anna@focus.nl", {"manager"}}, handler{"karin@focus.nl", {"employee"}},
        quality{"els@focus.nl", {"quality_manager"}};
    std::vector<cases::ActionRequest> steps;
    if (fate == 6) {
        steps.push_back({"withdraw", next_at(), manager, {{"how", "written"}}});
    } else if (fate >= 1) {
        steps.push_back({"assign", next_at(), manager, {{"handler", "karin@focus.nl"}}});
        if (fate >= 2)
            steps.push_back({"contact", next_at(), handler, {{"contact_method", "telefonisch"}}});
        if (fate == 7) {
            steps.push_back({"escalate",
                             next_at(),
                             manager,
                             {{"external_party", "Geschillencommissie"}, {"reason", "-"}}});
        } else if (fate >= 3) {
            steps.push_back(
                {"offer",
                 next_at(),
                 handler,
                 {{"verdict", pick(kVerdicts)}, {"compensation", pick(kCompensations)}, {"offer", "-"}}});
            if (fate >= 4) {
                steps.push_back({"accept", next_at(), handler, {{"satisfaction", pick(kSatisfaction)}}});
                steps.push_back({"record",
                                 next_at(),
                                 handler,
                                 {{"summary", "-"},
                                  {"cause", pick(kCauses)},
                                  {"nature", any(random) % 5 == 0 ? "structureel" : "incident"}}});
            }
            if (fate >= 5)
                steps.push_back({"close", next_at(), quality, {{"erp_reference", "ES-1"}}});
        }
    }
    for (const auto& step : steps) {
        const auto outcome = engine.apply(c, step);
        if (!outcome.ok()) {
            std::cerr << "step " << step.action << " refused: " << outcome.error().subject << "\n";
            std::exit(1);
        }
    }
    return c;
}

void seed(storage::Store& store, const loading::LoadedProcedure& loaded, const std::string& org, int year,
          long n, calendar::Day today) {
    const cases::Engine engine(loaded.procedure, loaded.calendar);
    std::mt19937 random(42);
    const auto first = calendar::make_day(year, 1, 1);
    const int days = static_cast<int>((calendar::make_day(year, 12, 31) - first).count()) + 1;
    std::uniform_int_distribution<int> day_of(0, days - 1);
    const auto start = std::chrono::steady_clock::now();
    constexpr long kBatch = 5000;
    for (long done = 0; done < n; done += kBatch) {
        store.transact([&](storage::Tx& tx) {
            for (long i = 0; i < kBatch && done + i < n; ++i) {
                auto c = a_case(engine, loaded.calendar, first + std::chrono::days{day_of(random)}, random);
                char reference[32];
                std::snprintf(reference, sizeof reference, "%d-%07lld", year,
                              static_cast<long long>(tx.cases.next_reference_number(org, year)));
                c.reference = reference;
                c.procedure_version = 1;
                storage::StoredCase stored{
                    org, std::move(c), 1, "Melding", "Een melding voor de rapportage.", std::nullopt};
                stored.figures = service::figures_line(loaded, stored.state, today);
                tx.cases.insert(stored);
            }
        });
        if ((done + kBatch) % 100000 == 0 || done + kBatch >= n)
            std::cerr << "seeded " << std::min(done + kBatch, n) << " cases of " << year << " in "
                      << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                      << " s\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 6 || argc > 7 || (argc == 7 && std::string(argv[6]) != "--from-states")) {
        std::cerr << "usage: report_bench DB_URL ORG TOKEN N YEAR [--from-states]\n";
        return 2;
    }
    const std::string url = argv[1], org = argv[2], token = argv[3];
    const long n = std::stol(argv[4]);
    const int year = std::stoi(argv[5]);
    auto loaded = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml").loaded;
    auto store = storage::Store::open(url, 2);
    const auto now = loaded->calendar.start_of(calendar::make_day(year + 1, 2, 1)) + std::chrono::hours{9};
    if (n > 0) {
        seed(*store, *loaded, org, year - 1, n / 4, loaded->calendar.local_day(now));
        seed(*store, *loaded, org, year, n, loaded->calendar.local_day(now));
    }
    if (argc == 7)
        store->transact([](storage::Tx& tx) {
            tx.connection().execute("UPDATE cases SET figures = NULL");
            tx.connection().execute("DELETE FROM report_tallies");
        });
    service::Directory directory(*store);
    const auto who = directory.authenticate(token, std::chrono::floor<std::chrono::seconds>(
                                                       std::chrono::system_clock::now()));  // made by the CLI
    if (!who) {
        std::cerr << "the token is no account's\n";
        return 2;
    }
    service::ProcedureRegistry procedures;
    service::Reports reports(*store, procedures);
    std::vector<double> took;
    for (int run = 0; run < 5; ++run) {
        const auto started = std::chrono::steady_clock::now();
        const auto made = reports.make(*who, org, std::to_string(year), now);
        took.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        if (!made.ok()) {
            std::cerr << "report refused: " << made.error().code << "\n";
            return 1;
        }
        if (run == 0) {
            const auto& r = made.value().report;
            std::cout << "report " << year << ": " << r.figures.received << " received (" << r.figures.closed
                      << " closed), the year before " << r.previous.received << "\n";
        }
        std::cout << "run " << run + 1 << ": " << took.back() << " ms\n";
    }
    std::sort(took.begin(), took.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "median " << took[2] << " ms, fastest " << took[0] << " ms; peak memory "
              << usage.ru_maxrss / 1024 << " MB\n";
    return 0;
}
