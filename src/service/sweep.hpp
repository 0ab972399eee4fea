#pragma once
// The sweep: reviews every case whose review is due, records each effect the engine asks for once
// (storage::EffectLog), and puts the messages they mean into the outbox, all in the transaction
// that reviewed the case. Reviewing a case twice, two servers sweeping at once, or a sweep after a
// week of downtime therefore does every effect exactly once, in the order they became due.
//
// "now" is always given: by the scheduler in `meldpunt serve`, by `meldpunt sweep --at`, by tests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "messages/catalogue.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// Cases reviewed per transaction. Larger pages write each hot index page (the outbox's, the
// effects') less often: at 10^6 cases with 1 % due, 100 took 2.6 s on SQLite, 500 2.1 s, 1000
// 1.9 s (docs/performance.md); 500 holds SQLite's write lock about a tenth of a second at a time.
inline constexpr int kSweepBatch = 500;
// A page is reviewed in parts of this many cases, each written in a few statements; while requests
// of this server wait to write, a page is committed after the part and the rest of it follows in
// the next transaction: the requests wait for a few milliseconds of the sweep instead of a whole
// page (storage::Store::writes_waiting).
inline constexpr int kSweepYieldAfter = 20;

struct SweepReport {
    int64_t reviewed = 0;         // cases looked at
    int64_t effects = 0;          // effects recorded for the first time
    int64_t queued = 0;           // messages put into the outbox
    int64_t unaddressed = 0;      // effects for which nobody could be found to tell (no account has the role)
    int64_t digests = 0;          // daily overviews queued (digest.hpp)
    int64_t measure_notices = 0;  // reminders and overdue notices of measures queued (measure_alerts.hpp)
    int64_t transactions = 0;     // the pages, and the parts of pages committed early for waiting requests
    int64_t figures_filled =
        0;  // cases written before the register kept their figures, now counted (report_figures.hpp)
    int64_t anonymised = 0;    // cases whose retention passed, anonymised (retention.hpp)
    int64_t held = 0;          // cases whose retention passed, kept for a legal hold
    int64_t loose_mail = 0;    // messages that became no case, destroyed after the retention period
    int64_t access_rows = 0;   // rows of the access log deleted after the retention period
    int64_t purge_failed = 0;  // cases whose purge failed (logged; tried again next sweep)
};

class Sweeper {
  public:
    Sweeper(storage::Store& store, ProcedureRegistry& procedures, const messages::Catalogue& language);

    // Where staff open a case (https://klachten.example.nl), for the links in notifications.
    void set_public_url(std::string url) { public_url_ = std::move(url); }
    // Queues the daily overviews due (digest.hpp) and the measures' reminders (measure_alerts.hpp), then
    // reviews every case due by `now`, `batch` cases per transaction (fewer while requests wait to write:
    // kSweepYieldAfter), and last fills in the figures of cases written before the register kept them, a
    // page at a time, and anonymises the cases whose retention passed (retention.hpp); `stop`, when given, is
    // asked between transactions (a server shutting down leaves the rest to the next pass).
    SweepReport sweep(std::chrono::sys_seconds now, int batch = kSweepBatch,
                      const std::function<bool()>& stop = {});

  private:
    struct Page;
    struct Reviewed;
    static void merge(SweepReport& report, const SweepReport& done);
    // Reviews one page of due cases in one transaction, or several while requests wait to write.
    SweepReport sweep_page(Page& page, std::chrono::sys_seconds now, const std::function<bool()>& stop);
    // Reviews the page's cases [begin, end) in its transaction, adding what it did to `done`: a
    // few statements for the whole part (its next review days, its effects, their messages), not
    // a few per case, since on PostgreSQL each is a round trip.
    void review_part(storage::Tx& tx, Page& page, size_t begin, size_t end, std::chrono::sys_seconds now,
                     SweepReport& done);

    storage::Store& store_;
    ProcedureRegistry& procedures_;
    const messages::Catalogue& language_;
    std::string public_url_;
};

}  // namespace meldpunt::service
