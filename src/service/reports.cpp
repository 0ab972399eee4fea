#include "service/reports.hpp"

#include <algorithm>

#include "domain/calendar/instant.hpp"
#include "render/report_json.hpp"
#include "service/audit_log.hpp"
#include "service/report_figures.hpp"
#include "service/webhook_events.hpp"

namespace meldpunt::service {

Reports::Reports(storage::Store& store, ProcedureRegistry& procedures)
    : store_(store), procedures_(procedures) {}

bool Reports::may_read(const Principal& who, const procedure::Procedure& procedure) {
    return who.complainant_of.empty() && visible_scope(who, procedure).all;
}

Result<Reports::InForce> Reports::readable(storage::Tx& tx, const Principal& who, const std::string& org) {
    const int version = tx.orgs.procedure_in_force(org);
    auto loaded = version > 0 && who.org == org ? procedures_.get(tx, org, version) : nullptr;
    if (!loaded)
        return ServiceError::not_found("org");
    if (!may_read(who, loaded->procedure))
        return ServiceError::of(ErrorKind::forbidden, "reports_forbidden");
    return InForce{std::move(loaded), version};
}

Result<std::vector<ReportPeriodEntry>> Reports::periods(const Principal& who, const std::string& org,
                                                        std::chrono::sys_seconds now) {
    std::optional<ServiceError> refusal;
    std::vector<ReportPeriodEntry> out;
    store_.read([&](storage::Tx& tx) {
        auto readable_procedure = readable(tx, who, org);
        if (auto* e = readable_procedure.failure()) {
            refusal = *e;
            return;
        }
        const auto& loaded = readable_procedure.value().procedure;
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
    auto readable_procedure = readable(tx, who, org);
    if (auto* e = readable_procedure.failure())
        return *e;
    const auto& loaded = readable_procedure.value().procedure;
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
    out.procedure_version = readable_procedure.value().version;
    out.complete = period->last < today;
    report::FigureCounter current(procedure, *period, today), previous(procedure, out.previous_period, today);
    count_received(tx, procedures_, org, loaded->calendar, out.previous_period.first, period->last, today,
                   {&current, &previous});
    out.figures = current.result();
    out.previous = previous.result();
    std::vector<measure::Measure> measures;
    for (auto& stored : tx.measures.list(org))
        measures.push_back(std::move(stored.measure));
    out.measures = report::measure_figures(measures, loaded->calendar, *period);
    out.previous_measures = report::measure_figures(measures, loaded->calendar, out.previous_period);
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

Result<MadeReport> Reports::to_publish(const Principal& who, const std::string& org, const std::string& key,
                                       std::chrono::sys_seconds now) {
    auto made = make(who, org, key, now);
    if (auto* e = made.failure())
        return *e;
    auto out = std::move(made.value());
    if (out.issued) {
        const auto frozen = nlohmann::ordered_json::parse(out.issued->report, nullptr, false);
        // Kept by this program as report_json wrote it; should it not read back, the figures as
        // counted now are published rather than none.
        if (!frozen.is_discarded() && render::read_frozen_figures(frozen, out.report)) {
            out.report.procedure_version = static_cast<int>(out.issued->procedure_version);
            out.report.made_at = calendar::from_unix_seconds(out.issued->issued_at);
        }
    }
    return out;
}

Result<MadeReport> Reports::issue(const Principal& who, const std::string& org, const std::string& key,
                                  std::chrono::sys_seconds now) {
    // Counted in a read snapshot like any report, so that writers do not wait for the counting;
    // only keeping it is a write (once per period: the table's key decides between two at once).
    auto made = make(who, org, key, now);
    if (auto* e = made.failure())
        return *e;
    auto out = std::move(made.value());
    if (!out.report.complete)
        return ServiceError::of(ErrorKind::conflict, "report_period_running", {key});
    storage::IssuedReport issued{org,
                                 key,
                                 calendar::unix_seconds(now),
                                 who.email,
                                 out.report.procedure_version,
                                 render::report_json(out.report, out.procedure->procedure).dump()};
    bool kept = false;
    store_.transact([&](storage::Tx& tx) {
        kept = tx.issued_reports.insert(issued);
        if (!kept)
            return;
        append_audit(tx, issued.issued_at, org, who.email, "report.issue", key,
                     "procedure version " + std::to_string(issued.procedure_version));
        // Other systems get the version to publish: no count small enough to point at a person.
        queue_report_issued(
            tx, org, key,
            nlohmann::json::parse(render::publication_json(out.report, out.procedure->procedure).dump()),
            issued.issued_at);
    });
    if (!kept)
        return ServiceError::of(ErrorKind::conflict, "report_issued", {key});
    out.issued = std::move(issued);
    return out;
}

}  // namespace meldpunt::service
