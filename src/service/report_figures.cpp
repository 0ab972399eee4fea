#include "service/report_figures.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/report/case_figures.hpp"

namespace meldpunt::service {

namespace {

// Cases without figures are read a page at a time, so that a year of them is never in memory at once.
constexpr int kPage = 500;

}  // namespace

std::string figures_line(const loading::LoadedProcedure& procedure, const cases::Case& c,
                         calendar::Day today) {
    return report::tally_line(
        report::tally_keys(report::figures_of(procedure.procedure, c, procedure.calendar, today)));
}

void count_received(storage::Tx& tx, ProcedureRegistry& procedures, const std::string& org,
                    const calendar::WorkingCalendar& calendar, calendar::Day first, calendar::Day last,
                    calendar::Day today, const std::vector<report::FigureCounter*>& counters) {
    for (const auto& tally :
         tx.report_tallies.in_months(org, report::month_key(first), report::month_key(last)))
        for (auto* counter : counters)
            counter->add(tally);
    const int64_t from = calendar::unix_seconds(calendar.start_of(first));
    const int64_t before = calendar::unix_seconds(calendar.start_of(last + std::chrono::days{1}));
    std::pair<int64_t, std::string> after{from - 1, ""};
    for (;;) {
        const auto page = tx.cases.without_figures(org, from, before, after, kPage);
        for (const auto& stored : page) {
            const auto& c = stored.state;
            const auto procedure = procedures.get(tx, org, c.procedure_version);
            if (!procedure)
                continue;
            const auto figures = report::figures_of(procedure->procedure, c, procedure->calendar, today);
            for (auto* counter : counters)
                counter->add(figures);
        }
        if (static_cast<int>(page.size()) < kPage)
            return;
        after = {calendar::unix_seconds(page.back().state.received_at), page.back().state.reference};
    }
}

int fill_in_figures(storage::Store& store, ProcedureRegistry& procedures, std::chrono::sys_seconds now,
                    storage::Cases::FiguresCursor& after, int limit, int64_t* filled) {
    struct Line {
        std::string org, reference;
        int64_t version = 0;
        std::string figures;
    };
    std::vector<Line> lines;
    int looked_at = 0;
    store.read([&](storage::Tx& tx) {
        lines.clear();
        const auto page = tx.cases.any_without_figures(after, limit);
        looked_at = static_cast<int>(page.size());
        for (const auto& stored : page) {
            const auto procedure = procedures.get(tx, stored.org, stored.state.procedure_version);
            if (procedure)
                lines.push_back({stored.org, stored.state.reference, stored.version,
                                 figures_line(*procedure, stored.state, procedure->calendar.local_day(now))});
        }
        if (!page.empty())
            after = {page.back().org, calendar::unix_seconds(page.back().state.received_at),
                     page.back().state.reference};
    });
    if (lines.empty())
        return looked_at;
    int64_t set = 0;
    store.transact_apart([&](storage::Tx& tx) {
        set = 0;
        // A case written meanwhile has its figures already (or gets them with its next write).
        for (const auto& line : lines)
            set += tx.cases.set_figures(line.org, line.reference, line.version, line.figures) ? 1 : 0;
    });
    if (filled)
        *filled += set;
    return looked_at;
}

}  // namespace meldpunt::service
