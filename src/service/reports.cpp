#include "service/reports.hpp"

#include <algorithm>

#include "domain/calendar/instant.hpp"
#include "domain/report/case_figures.hpp"
#include "render/report_json.hpp"
#include "service/audit_log.hpp"

namespace meldpunt::service {

namespace {

// Cases are read a page at a time, so that a year of a large register is never in memory at once.
constexpr int kPage = 500;

// Counts every case received in [first, last] (local days) into `counters`, each case under the
// procedure version it runs under.
void count_cases(storage::Tx& tx, ProcedureRegistry& procedures, const std::string& org,
                 const calendar::WorkingCalendar& calendar, calendar::Day first, calendar::Day last,
                 calendar::Day as_of, std::vector<report::FigureCounter*> counters) {
    storage::CaseQuery q;
    q.received_from = calendar::unix_seconds(calendar.start_of(first));
    q.received_before = calendar::unix_seconds(calendar.start_of(last + std::chrono::days{1}));
    q.limit = kPage;
    q.order = storage::CaseQuery::Order::oldest_first;
    for (;;) {
        const auto page = tx.cases.list(org, q);
        for (const auto& stored : page) {
            const auto& c = stored.state;
            const auto procedure = procedures.get(tx, org, c.procedure_version);
            if (!procedure)
                continue;
            const auto figures = report::figures_of(procedure->procedure, c, procedure->calendar, as_of);
            for (auto* counter : counters)
                counter->add(figures);
        }
        if (static_cast<int>(page.size()) < kPage)
            return;
        q.after_received = calendar::unix_seconds(page.back().state.received_at);
        q.after_reference = page.back().state.reference;
    }
}

}  // namespace

Reports::Reports(storage::Store& store, ProcedureRegistry& procedures)
    : store_(store), procedures_(procedures) {}

bool Reports::may_read(const Principal& who, const procedure::Procedure& procedure) {
    return who.complainant_of.empty() && visible_scope(who, procedure).all;
}

Result<std::vector<ReportPeriodEntry>> Reports::periods(const Principal& who, const std::string& org,
                                                        std::chrono::sys_seconds now) {
    std::optional<ServiceError> refusal;
    std::vector<ReportPeriodEntry> out;
    store_.read([&](storage::Tx& tx) {
        const int version = tx.orgs.procedure_in_force(org);
        const auto loaded = version > 0 ? procedures_.get(tx, org, version) : nullptr;
        if (!loaded || who.org != org) {
            refusal = ServiceError::not_found("org");
            return;
        }
        if (!may_read(who, loaded->procedure)) {
            refusal = ServiceError::of(ErrorKind::forbidden, "reports_forbidden");
            return;
        }
        const auto today = loaded->calendar.local_day(now);
        storage::CaseQuery first_query;
        first_query.limit = 1;
        const auto first = tx.cases.list(org, first_query);
        // A period key names a year from 1970 on (reporting_period.hpp): a receipt mistyped as
        // centuries ago does not list thousands of periods nobody can open.
        const auto since = std::max(first.empty() ? today : std::min(today, first.front().state.received_on),
                                    calendar::make_day(1970, 1, 1));
        for (const auto& reporting : loaded->procedure.reporting) {
            auto period = procedure::reporting_period_of(reporting, today);
            if (!period)
                continue;
            for (bool current = true; period->last >= since; current = false) {
                out.push_back({reporting, procedure::period_key(reporting, *period), *period, !current});
                period = procedure::previous_period(reporting, *period);
            }
        }
    });
    if (refusal)
        return *refusal;
    return out;
}

std::optional<ServiceError> Reports::build(storage::Tx& tx, const Principal& who, const std::string& org,
                                           const std::string& key, std::chrono::sys_seconds now,
                                           MadeReport& made) {
    const int version = tx.orgs.procedure_in_force(org);
    const auto loaded = version > 0 ? procedures_.get(tx, org, version) : nullptr;
    if (!loaded || who.org != org)
        return ServiceError::not_found("org");
    if (!may_read(who, loaded->procedure))
        return ServiceError::of(ErrorKind::forbidden, "reports_forbidden");
    made.procedure = loaded;
    const auto& procedure = loaded->procedure;
    const auto today = loaded->calendar.local_day(now);
    const procedure::Reporting* reporting = nullptr;
    std::optional<procedure::ReportingPeriod> period;
    for (const auto& r : procedure.reporting)
        if (!reporting && (period = procedure::parse_period_key(r, key)))
            reporting = &r;
    if (!reporting || period->first > today)
        return ServiceError::of(ErrorKind::not_found, "report_not_found", {key});
    auto& out = made.report;
    out.reporting = *reporting;
    out.key = key;
    out.period = *period;
    out.previous_period = procedure::previous_period(*reporting, *period);
    out.previous_key = procedure::period_key(*reporting, out.previous_period);
    out.made_at = now;
    out.procedure_version = version;
    out.complete = period->last < today;
    report::FigureCounter current(procedure, *period), previous(procedure, out.previous_period);
    count_cases(tx, procedures_, org, loaded->calendar, out.previous_period.first, period->last, today,
                {&current, &previous});
    out.figures = current.result();
    out.previous = previous.result();
    made.issued = tx.issued_reports.get(org, key);
    return std::nullopt;
}

Result<MadeReport> Reports::make(const Principal& who, const std::string& org, const std::string& key,
                                 std::chrono::sys_seconds now) {
    std::optional<ServiceError> refusal;
    MadeReport made;
    store_.read([&](storage::Tx& tx) { refusal = build(tx, who, org, key, now, made); });
    if (refusal)
        return *refusal;
    return made;
}

Result<MadeReport> Reports::issue(const Principal& who, const std::string& org, const std::string& key,
                                  std::chrono::sys_seconds now) {
    std::optional<ServiceError> refusal;
    MadeReport made;
    store_.transact([&](storage::Tx& tx) {
        made = MadeReport{};
        refusal = build(tx, who, org, key, now, made);
        if (refusal)
            return;
        if (!made.report.complete) {
            refusal = ServiceError::of(ErrorKind::conflict, "report_period_running", {key});
            return;
        }
        storage::IssuedReport issued{org,
                                     key,
                                     calendar::unix_seconds(now),
                                     who.email,
                                     made.report.procedure_version,
                                     render::report_json(made.report, made.procedure->procedure).dump()};
        if (!tx.issued_reports.insert(issued)) {
            refusal = ServiceError::of(ErrorKind::conflict, "report_issued", {key});
            return;
        }
        append_audit(tx, issued.issued_at, org, who.email, "report.issue", key,
                     "procedure version " + std::to_string(issued.procedure_version));
        made.issued = std::move(issued);
    });
    if (refusal)
        return *refusal;
    return made;
}

}  // namespace meldpunt::service
