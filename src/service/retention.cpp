#include "service/retention.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/case/anonymise.hpp"
#include "service/audit_log.hpp"
#include "service/report_figures.hpp"
#include "storage/case_codec.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

// The audit log's actor for what retention does on its own.
constexpr const char* kRetentionActor = "retention";

// Anonymises one case whose retention ended, if it still should be (it may have been reopened, or
// its organisation's day may not have come yet), in `tx`.
void purge_case(storage::Tx& tx, ProcedureRegistry& procedures, const storage::RetentionDue& due,
                sys_seconds now, PurgeReport& report) {
    tx.retention.lock_case(due.org, due.reference);  // a hold placed meanwhile waits, or is seen
    auto stored = tx.cases.get(due.org, due.reference);
    if (!stored || stored->state.anonymised_on || !stored->state.retain_until)
        return;
    const auto procedure = procedures.get(tx, due.org, stored->state.procedure_version);
    if (!procedure)
        return;  // a version that does not load any more: the case stays, and is listed as due
    const calendar::Day today = procedure->calendar.local_day(now);
    if (*stored->state.retain_until > today)
        return;
    // The hold as it is now, in this transaction: one placed or extended since the page was read
    // counts (the page's copy may be older).
    const auto hold = tx.retention.hold(due.org, due.reference);
    // A restriction granted to a data subject (GDPR art. 18(1)(c): kept for a legal claim) keeps the
    // case as a hold does, until it is lifted.
    if ((hold && hold->until >= today) || tx.subject_requests.restriction_of(due.org, due.reference)) {
        ++report.held;
        return;
    }
    if (!anonymise_case(tx, *procedure, *stored, today, now, kRetentionActor,
                        {{"retained_until", calendar::format_day(*stored->state.retain_until)}}))
        return;
    if (hold)
        tx.retention.lift_hold(due.org, due.reference);
    ++report.anonymised;
}

// The retention of what is no case's: the procedure's retention rule for every kind (the first
// without `kinds`), or none.
std::optional<calendar::Period> general_retention(const procedure::Procedure& procedure) {
    for (const auto* rule : procedure.rules_of(rules::RuleKind::retention))
        if (rule->kinds.empty() && rule->period)
            return rule->period;
    return std::nullopt;
}

void purge_alone(storage::Store& store, ProcedureRegistry& procedures, const storage::RetentionDue& due,
                 sys_seconds now, PurgeReport& report) {
    PurgeReport one;
    try {
        store.transact_apart([&](storage::Tx& tx) {
            one = {};
            purge_case(tx, procedures, due, now, one);
        });
    } catch (const std::exception& e) {
        spdlog::error(
            R"({{"event":"purge_failed","org":{},"reference":{},"error":{}}})",
            nlohmann::json(due.org).dump(), nlohmann::json(due.reference).dump(),
            nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        ++report.failed;
        return;
    }
    report.anonymised += one.anonymised;
    report.held += one.held;
}

// What is kept outside the cases for the organisation's general retention period (mail that became
// no case, the access log) and destroyed after it.
void purge_outside_cases(storage::Store& store, ProcedureRegistry& procedures, sys_seconds now,
                         PurgeReport& report) {
    store.transact_apart([&](storage::Tx& tx) {
        report.loose_mail = 0;
        report.access_rows = 0;
        report.subject_requests = 0;
        for (const auto& org : tx.orgs.all()) {
            const int version = tx.orgs.procedure_in_force(org.id);
            const auto procedure = version > 0 ? procedures.get(tx, org.id, version) : nullptr;
            const auto period = procedure ? general_retention(procedure->procedure) : std::nullopt;
            if (!period)
                continue;
            auto back = *period;
            back.count = -back.count;
            const calendar::Day before =
                calendar::add_calendar_period(procedure->calendar.local_day(now), back);
            const int64_t cutoff = calendar::unix_seconds(sys_seconds{before});
            report.loose_mail += tx.retention.destroy_loose_mail(org.id, cutoff);
            report.access_rows += tx.access_log.forget_before(org.id, cutoff);
            report.subject_requests += tx.subject_requests.forget_decided_before(org.id, cutoff);
        }
    });
}

}  // namespace

bool anonymise_case(storage::Tx& tx, const loading::LoadedProcedure& procedure,
                    const storage::StoredCase& stored, calendar::Day today, sys_seconds now,
                    const std::string& actor, nlohmann::json detail) {
    const std::string& org = stored.org;
    const std::string& reference = stored.state.reference;
    // The reports count the case by its figures: a case from before the register kept them gets
    // them now, from its full state, before that state goes.
    if (stored.figures.empty())
        tx.cases.set_figures(org, reference, stored.version, figures_line(procedure, stored.state, today));
    const cases::Case kept = cases::anonymised(stored.state, procedure.procedure, today);
    if (!tx.retention.write_anonymised(org, reference, stored.version, storage::encode_case(kept).dump(),
                                       calendar::unix_seconds(kept.received_at)))
        return false;
    const storage::Destroyed gone = tx.retention.destroy_dossier(org, reference);
    // How much went, never what it said (issue 15: the audit log keeps no personal data past the case).
    detail["documents"] = gone.documents;
    detail["letters"] = gone.letters;
    detail["messages"] = gone.messages;
    detail["deliveries"] = gone.deliveries;
    detail["mail"] = gone.mail;
    append_audit(tx, calendar::unix_seconds(now), org, actor, "case.anonymised", reference, detail.dump());
    return true;
}

Result<std::shared_ptr<const loading::LoadedProcedure>> procedure_for_keeper(storage::Tx& tx,
                                                                             ProcedureRegistry& procedures,
                                                                             const Principal& who,
                                                                             const std::string& org) {
    const int version = who.org == org ? tx.orgs.procedure_in_force(org) : 0;
    auto loaded = version > 0 ? procedures.get(tx, org, version) : nullptr;
    if (!loaded)
        return ServiceError::not_found("org");
    if (!who.complainant_of.empty() || !visible_scope(who, loaded->procedure).all)
        return ServiceError::with_message(ErrorKind::forbidden, "retention_forbidden",
                                          "api.retention_forbidden");
    return loaded;
}

PurgeReport purge_due(storage::Store& store, ProcedureRegistry& procedures, sys_seconds now,
                      const std::function<bool()>& stop) {
    PurgeReport report;
    // Every organisation's local day is at most one day ahead of UTC's; each case is then held to
    // its own calendar's day (purge_case).
    const calendar::Day bound = std::chrono::floor<std::chrono::days>(now) + std::chrono::days{1};
    storage::RetentionDue after;
    for (;;) {
        std::vector<storage::RetentionDue> page;
        store.read([&](storage::Tx& tx) {
            page = tx.retention.due(bound, after.purge_on, after.org, after.reference, kPurgeBatch);
        });
        if (page.empty())
            break;
        PurgeReport done;
        try {
            store.transact_apart([&](storage::Tx& tx) {
                done = {};
                for (const auto& due : page)
                    purge_case(tx, procedures, due, now, done);
            });
        } catch (const std::exception&) {
            // One case that cannot be purged (its stored data unreadable, say) must not hold up
            // the others on its page on every sweep: each is tried alone, and the one that fails
            // is reported and tried again next time.
            done = {};
            for (const auto& due : page)
                purge_alone(store, procedures, due, now, done);
        }
        report.anonymised += done.anonymised;
        report.held += done.held;
        report.failed += done.failed;
        after = page.back();
        if (static_cast<int>(page.size()) < kPurgeBatch || (stop && stop()))
            break;
    }
    if (!(stop && stop()))
        purge_outside_cases(store, procedures, now, report);
    return report;
}

Result<storage::LegalHold> RetentionDesk::place_hold(const Principal& who, const std::string& org,
                                                     const std::string& reference, const std::string& reason,
                                                     calendar::Day until, sys_seconds now) {
    if (reason.empty() || reason.size() > kMaxHoldReason || !support::valid_text(reason, true))
        return ServiceError::with_message(ErrorKind::bad_request, "invalid_field", "api.hold_reason", {},
                                          "reason");
    std::optional<ServiceError> refusal;
    storage::LegalHold hold;
    store_.transact([&](storage::Tx& tx) {
        auto loaded = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        const calendar::Day today = loaded.value()->calendar.local_day(now);
        if (until < today) {
            refusal = ServiceError::with_message(ErrorKind::bad_request, "invalid_field",
                                                 "api.hold_until_past", {}, "until");
            return;
        }
        tx.retention.lock_case(org, reference);  // a purge under way finishes first, or waits
        const auto stored = tx.cases.get(org, reference);
        if (!stored) {
            refusal = ServiceError::not_found("case");
            return;
        }
        if (stored->state.anonymised_on) {
            refusal =
                ServiceError::with_message(ErrorKind::conflict, "case_anonymised", "api.case_anonymised");
            return;
        }
        hold = {org, reference, who.email, reason, until, calendar::unix_seconds(now)};
        tx.retention.place_hold(hold);
        append_audit(tx, hold.placed_at, org, who.email, "case.hold", reference,
                     nlohmann::json{{"until", calendar::format_day(until)}}.dump());
    });
    if (refusal)
        return *refusal;
    return hold;
}

Result<Done> RetentionDesk::lift_hold(const Principal& who, const std::string& org,
                                      const std::string& reference, sys_seconds now) {
    std::optional<ServiceError> refusal;
    store_.transact([&](storage::Tx& tx) {
        auto loaded = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        if (!tx.retention.lift_hold(org, reference)) {
            refusal = ServiceError::not_found("hold");
            return;
        }
        append_audit(tx, calendar::unix_seconds(now), org, who.email, "case.hold_lifted", reference, "{}");
    });
    if (refusal)
        return *refusal;
    return Done{};
}

Result<std::optional<storage::LegalHold>> RetentionDesk::hold(const Principal& who, const std::string& org,
                                                              const std::string& reference) {
    std::optional<ServiceError> refusal;
    std::optional<storage::LegalHold> hold;
    store_.read([&](storage::Tx& tx) {
        auto loaded = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = loaded.failure())
            refusal = *e;
        else
            hold = tx.retention.hold(org, reference);
    });
    if (refusal)
        return *refusal;
    return hold;
}

Result<std::vector<storage::RetentionDue>> RetentionDesk::coming(const Principal& who, const std::string& org,
                                                                 sys_seconds now, int limit) {
    std::optional<ServiceError> refusal;
    std::vector<storage::RetentionDue> out;
    store_.read([&](storage::Tx& tx) {
        auto loaded = procedure_for_keeper(tx, procedures_, who, org);
        if (auto* e = loaded.failure()) {
            refusal = *e;
            return;
        }
        const calendar::Day today = loaded.value()->calendar.local_day(now);
        out = tx.retention.coming(org, today + std::chrono::days{kComingPurgeDays}, limit);
    });
    if (refusal)
        return *refusal;
    return out;
}

}  // namespace meldpunt::service
