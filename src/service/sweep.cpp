#include "service/sweep.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "render/due_date_text.hpp"
#include "service/digest.hpp"
#include "service/links.hpp"
#include "service/measure_alerts.hpp"
#include "service/recipients.hpp"
#include "service/report_figures.hpp"
#include "service/retention.hpp"
#include "service/staff_notice.hpp"
#include "service/webhook_events.hpp"

namespace meldpunt::service {

namespace {

// Who is told of `effect`: the roles it names for the case (recipients.hpp). A reminder for a case
// nobody handles yet goes to those told when the deadline passes, so that it reaches someone who
// can act.
std::vector<Recipient> recipients_of(const cases::Effect& effect, const cases::Case& c,
                                     const procedure::Deadline* deadline,
                                     const std::vector<storage::UserRecord>& users) {
    std::vector<std::string> roles = effect.roles;
    const bool unhandled =
        c.handler.empty() && std::count(roles.begin(), roles.end(), procedure::kHandlerRole);
    if (unhandled && deadline)
        roles.insert(roles.end(), deadline->on_overdue.notify.begin(), deadline->on_overdue.notify.end());
    Recipients out(users);
    for (const auto& person : effect.people)
        out.add_account(person);
    for (const auto& role : roles)
        out.add_role(role, c);
    // A commitment whose carrier's account is gone still reaches the one who answers for the case.
    if (out.list().empty() && effect.kind == cases::EffectKind::commitment_reminder)
        out.add_role(procedure::kHandlerRole, c);
    return out.list();
}

const char* notice_key(cases::EffectKind kind) {
    switch (kind) {
        case cases::EffectKind::reminder:
            return "notice.reminder";
        case cases::EffectKind::escalation:
            return "notice.escalation";
        case cases::EffectKind::proposal:
            return "notice.proposal";
        case cases::EffectKind::commitment_reminder:
            return "notice.commitment_reminder";
        case cases::EffectKind::commitment_overdue:
            return "notice.commitment_overdue";
        default:
            return "notice.overdue";
    }
}

// The words of the rule that proposes `action` (its `text` in the procedure file).
std::string rule_text_proposing(const procedure::Procedure& procedure, const std::string& action) {
    for (const auto& rule : procedure.rules)
        if (rule.action == action)
            return rule.text;
    return "";
}

// The notice of `effect` on the case (its text's arguments after the person's name: the deadline,
// the reference, the case's subject, the due day, the link, the role it escalates to; for a
// proposal: the action, the reference, the subject, the day it became possible, the link, the
// rule's words; for a commitment: what was agreed, the reference, the subject, its day, the link).
StaffNotice notice_of(const storage::StoredCase& stored, const procedure::Procedure& procedure,
                      const cases::Effect& effect, const messages::Catalogue& language,
                      const std::string& public_url) {
    const std::string& reference = stored.state.reference;
    const std::string link = public_url + staff_case_path(reference);
    if (effect.kind == cases::EffectKind::proposal) {
        const procedure::Action* action = procedure.action(effect.deadline);
        return {
            stored.org,
            reference,
            effect.key,
            notice_key(effect.kind),
            {action ? action->name : effect.deadline, reference, stored.subject,
             render::long_date(effect.due, language), link, rule_text_proposing(procedure, effect.deadline)}};
    }
    if (effect.kind == cases::EffectKind::commitment_reminder ||
        effect.kind == cases::EffectKind::commitment_overdue) {
        const cases::Commitment* commitment = stored.state.commitment(effect.deadline);
        return {stored.org,
                reference,
                effect.key,
                notice_key(effect.kind),
                {commitment ? commitment->what : effect.deadline, reference, stored.subject,
                 render::long_date(effect.due, language), link}};
    }
    const procedure::Deadline* deadline = procedure.deadline(effect.deadline);
    const procedure::Role* role = effect.escalate_to.empty() ? nullptr : procedure.role(effect.escalate_to);
    return {stored.org,
            reference,
            effect.key,
            notice_key(effect.kind),
            {deadline ? deadline->name : effect.deadline, reference, stored.subject,
             render::long_date(effect.due, language), link, role ? role->name : effect.escalate_to}};
}

}  // namespace

struct Sweeper::Page {
    std::vector<storage::StoredCase> due;
    std::map<std::string, std::vector<storage::UserRecord>> users;  // by organisation, for this transaction

    const std::vector<storage::UserRecord>& users_of(storage::Tx& tx, const std::string& org) {
        auto found = users.find(org);
        if (found == users.end())
            found = users.emplace(org, tx.accounts.users_of(org)).first;
        return found->second;
    }
};

// A case of a part, reviewed but not yet written: the effects its review asks for and whom each
// would reach.
struct Sweeper::Reviewed {
    const storage::StoredCase* stored = nullptr;
    std::shared_ptr<const loading::LoadedProcedure> loaded;
    std::vector<cases::Effect> effects;
    std::vector<std::vector<Recipient>> recipients;  // per effect
};

Sweeper::Sweeper(storage::Store& store, ProcedureRegistry& procedures, const messages::Catalogue& language)
    : store_(store), procedures_(procedures), language_(language) {}

SweepReport Sweeper::sweep(std::chrono::sys_seconds now, int batch, const std::function<bool()>& stop) {
    SweepReport report;
    report.digests = queue_digests(store_, procedures_, language_, public_url_, now);
    report.measure_notices = queue_measure_alerts(store_, procedures_, language_, public_url_, now);
    // Every organisation's local day is at most one day ahead of UTC's; each case is then held to
    // its own calendar's day.
    const calendar::Day bound = std::chrono::floor<std::chrono::days>(now) + std::chrono::days{1};
    storage::ReviewDue after;
    for (;;) {
        Page page;
        store_.read([&](storage::Tx& tx) { page.due = tx.cases.due_for_review(bound, after, batch); });
        if (page.due.empty())
            break;
        merge(report, sweep_page(page, now, stop));
        const storage::StoredCase& last = page.due.back();
        after = {last.org, last.state.reference, last.review_on.value_or(calendar::Day{})};
        if (static_cast<int>(page.due.size()) < batch || (stop && stop()))
            break;
    }
    storage::Cases::FiguresCursor figures_after;
    while (!(stop && stop()))
        if (fill_in_figures(store_, procedures_, now, figures_after, batch, &report.figures_filled) == 0)
            break;
    if (!(stop && stop())) {
        const PurgeReport purged = purge_due(store_, procedures_, now, stop);
        report.anonymised = purged.anonymised;
        report.held = purged.held;
        report.loose_mail = purged.loose_mail;
        report.access_rows = purged.access_rows;
        report.purge_failed = purged.failed;
    }
    return report;
}

SweepReport Sweeper::sweep_page(Page& page, std::chrono::sys_seconds now, const std::function<bool()>& stop) {
    SweepReport report;
    for (size_t next = 0; next < page.due.size();) {
        SweepReport done;
        size_t end = next;
        store_.transact_apart([&](storage::Tx& tx) {
            done = {};
            page.users.clear();
            tx.expect_many_pages();
            for (end = next; end < page.due.size();) {
                const size_t part_end = std::min(page.due.size(), end + kSweepYieldAfter);
                review_part(tx, page, end, part_end, now, done);
                end = part_end;
                if (store_.writes_wait_for_apart_work())
                    break;
            }
        });
        next = end;
        done.transactions = 1;
        merge(report, done);
        if (stop && stop())
            break;
    }
    return report;
}

void Sweeper::merge(SweepReport& report, const SweepReport& done) {
    report.reviewed += done.reviewed;
    report.effects += done.effects;
    report.queued += done.queued;
    report.unaddressed += done.unaddressed;
    report.transactions += done.transactions;
}

void Sweeper::review_part(storage::Tx& tx, Page& page, size_t begin, size_t end, std::chrono::sys_seconds now,
                          SweepReport& done) {
    const int64_t at = calendar::unix_seconds(now);
    std::vector<Reviewed> reviewed;
    std::vector<storage::ReviewDay> days;
    // A case whose processing a data subject had restricted (GDPR art. 18) tells nobody anything
    // until the restriction is lifted: it stays due, and its effects come then.
    const auto restricted = tx.subject_requests.restricted_cases();
    for (size_t i = begin; i < end; ++i) {
        const storage::StoredCase& stored = page.due[i];
        if (restricted.contains({stored.org, stored.state.reference}))
            continue;
        auto loaded = procedures_.get(tx, stored.org, stored.state.procedure_version);
        if (!loaded)
            continue;
        const calendar::Day today = loaded->calendar.local_day(now);
        if (stored.review_on.value_or(today) > today)
            continue;  // due tomorrow here, though today elsewhere
        const cases::Engine engine(loaded->procedure, loaded->calendar);
        const cases::Case& c = stored.state;
        days.push_back({stored.org, c.reference, stored.version, engine.next_review(c, today)});
        Reviewed& r = reviewed.emplace_back(Reviewed{&stored, loaded, engine.review(c, today), {}});
        for (const auto& effect : r.effects)
            r.recipients.push_back(recipients_of(effect, c, loaded->procedure.deadline(effect.deadline),
                                                 page.users_of(tx, stored.org)));
    }
    // The next review day first: the rows are then locked until this transaction ends
    // (PostgreSQL), and a case an action changed since the page was read is left to the review
    // that action asked for.
    const std::vector<bool> still_current = tx.cases.set_review_on(days);
    std::vector<storage::EffectToRecord> effects;
    std::vector<std::pair<const Reviewed*, size_t>> of;  // each effect's case and its place there
    for (size_t k = 0; k < reviewed.size(); ++k) {
        if (!still_current[k])
            continue;
        ++done.reviewed;
        const Reviewed& r = reviewed[k];
        for (size_t e = 0; e < r.effects.size(); ++e) {
            effects.push_back(
                {r.stored->org, r.stored->state.reference, r.effects[e], !r.recipients[e].empty()});
            of.emplace_back(&r, e);
        }
    }
    const std::vector<bool> fresh = tx.effects.record(effects, at);
    std::vector<storage::Delivery> messages;
    for (size_t i = 0; i < effects.size(); ++i) {
        if (!fresh[i])
            continue;
        ++done.effects;
        const auto& [r, e] = of[i];
        if (r->recipients[e].empty())
            ++done.unaddressed;  // on the dashboard (CaseService::untold)
        const storage::StoredCase& stored = *r->stored;
        const StaffNotice notice =
            notice_of(stored, r->loaded->procedure, r->effects[e], language_, public_url_);
        for (auto& message : staff_notice_messages(notice, r->recipients[e], language_, at, tx.message_key()))
            messages.push_back(std::move(message));
        if (r->effects[e].kind == cases::EffectKind::overdue)
            queue_deadline_passed(tx, stored.org, stored.state, r->effects[e], r->loaded->procedure, at);
    }
    done.queued += tx.outbox.enqueue(messages);
}

}  // namespace meldpunt::service
