#include "service/measure_alerts.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/measure/measure.hpp"
#include "render/due_date_text.hpp"
#include "service/links.hpp"
#include "service/measure_register.hpp"
#include "service/recipients.hpp"
#include "service/staff_notice.hpp"

namespace meldpunt::service {

namespace {

struct AlertContext {
    storage::Tx& tx;
    const procedure::MeasurePolicy& policy;
    const std::vector<storage::UserRecord>& users;
    const messages::Catalogue& language;
    const std::string& public_url;
    int64_t at;
};

int queue_alert(const AlertContext& a, const std::string& org, const measure::Measure& m,
                const measure::Alert& alert) {
    Recipients to(a.users);
    to.add_account(m.draft.owner);
    const bool overdue = alert.kind == measure::Alert::Kind::overdue;
    if (overdue)
        for (const auto& role : a.policy.escalate_to)
            to.add_role_in_unit(role, m.draft.unit);
    const StaffNotice notice{
        org,
        "",
        measure_cause(m.number, alert.key),
        overdue ? "notice.measure_overdue" : "notice.measure_reminder",
        {std::to_string(m.number), m.draft.title, render::long_date(*m.draft.due, a.language),
         a.public_url + staff_measure_path(m.number)}};
    return queue_staff_notice(a.tx, notice, to.list(), a.language, a.at);
}

}  // namespace

int64_t queue_measure_alerts(storage::Store& store, ProcedureRegistry& procedures,
                             const messages::Catalogue& language, const std::string& public_url,
                             std::chrono::sys_seconds now) {
    // Every organisation's local day is at most one day ahead of UTC's; each measure is then held
    // to its own calendar's day.
    const calendar::Day bound = std::chrono::floor<std::chrono::days>(now) + std::chrono::days{1};
    const int64_t at = calendar::unix_seconds(now);
    int64_t queued = 0;
    // Looked for in a snapshot first: most sweeps find no measure due and so write nothing; when
    // some are, they are written apart from the requests' group commit, as the sweep's pages are.
    bool any_due = false;
    store.read([&](storage::Tx& tx) { any_due = !tx.measures.due_for_review(bound, 1).empty(); });
    if (!any_due)
        return 0;
    store.transact_apart([&](storage::Tx& tx) {
        queued = 0;
        std::string org;
        std::vector<storage::UserRecord> users;
        for (const auto& stored : tx.measures.due_for_review(bound, kMeasureAlertBatch)) {
            const auto loaded = procedures.get(tx, stored.org, tx.orgs.procedure_in_force(stored.org));
            if (!loaded || !loaded->procedure.measures) {
                tx.measures.set_review_on(stored.org, stored.measure.number, stored.version, stored.review_on,
                                          std::nullopt);
                continue;
            }
            const calendar::Day today = loaded->calendar.local_day(now);
            if (stored.review_on.value_or(today) > today)
                continue;  // due tomorrow here, though today elsewhere
            if (stored.org != org) {
                org = stored.org;
                users = tx.accounts.users_of(org);
            }
            const auto& policy = *loaded->procedure.measures;
            const AlertContext context{tx, policy, users, language, public_url, at};
            // Only the latest alert that came due: after days without a sweep (or under a version of
            // the procedure without [measures]) a reminder that the due day comes is no news once
            // the overdue notice is due.
            std::optional<measure::Alert> latest;
            for (const auto& alert : measure::alerts_of(policy, loaded->calendar, stored.measure))
                if (alert.on <= today)
                    latest = alert;
            if (latest)
                queued += queue_alert(context, stored.org, stored.measure, *latest);
            tx.measures.set_review_on(
                stored.org, stored.measure.number, stored.version, stored.review_on,
                measure::next_alert_after(policy, loaded->calendar, stored.measure, today));
        }
    });
    return queued;
}

}  // namespace meldpunt::service
