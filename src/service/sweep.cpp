#include "service/sweep.hpp"

#include <algorithm>
#include <map>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "render/due_date_text.hpp"
#include "service/digest.hpp"
#include "service/links.hpp"
#include "service/recipients.hpp"
#include "service/staff_notice.hpp"

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
    for (const auto& role : roles)
        out.add_role(role, c);
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
// rule's words).
StaffNotice notice_of(const storage::ReviewDue& due, const storage::StoredCase& stored,
                      const procedure::Procedure& procedure, const cases::Effect& effect,
                      const messages::Catalogue& language, const std::string& public_url) {
    const std::string link = public_url + staff_case_path(due.reference);
    if (effect.kind == cases::EffectKind::proposal) {
        const procedure::Action* action = procedure.action(effect.deadline);
        return {
            due.org,
            due.reference,
            effect.key,
            notice_key(effect.kind),
            {action ? action->name : effect.deadline, due.reference, stored.subject,
             render::long_date(effect.due, language), link, rule_text_proposing(procedure, effect.deadline)}};
    }
    const procedure::Deadline* deadline = procedure.deadline(effect.deadline);
    const procedure::Role* role = effect.escalate_to.empty() ? nullptr : procedure.role(effect.escalate_to);
    return {due.org,
            due.reference,
            effect.key,
            notice_key(effect.kind),
            {deadline ? deadline->name : effect.deadline, due.reference, stored.subject,
             render::long_date(effect.due, language), link, role ? role->name : effect.escalate_to}};
}

}  // namespace

struct Sweeper::Page {
    std::vector<storage::ReviewDue> due;
    std::map<std::string, std::vector<storage::UserRecord>> users;  // by organisation, for this page

    const std::vector<storage::UserRecord>& users_of(storage::Tx& tx, const std::string& org) {
        auto found = users.find(org);
        if (found == users.end())
            found = users.emplace(org, tx.accounts.users_of(org)).first;
        return found->second;
    }
};

Sweeper::Sweeper(storage::Store& store, ProcedureRegistry& procedures, const messages::Catalogue& language)
    : store_(store), procedures_(procedures), language_(language) {}

SweepReport Sweeper::sweep(std::chrono::sys_seconds now, int batch, const std::function<bool()>& stop) {
    SweepReport report;
    report.digests = queue_digests(store_, procedures_, language_, public_url_, now);
    // Every organisation's local day is at most one day ahead of UTC's; each case is then held to
    // its own calendar's day.
    const calendar::Day bound = std::chrono::floor<std::chrono::days>(now) + std::chrono::days{1};
    storage::ReviewDue after;
    for (;;) {
        Page page;
        store_.read([&](storage::Tx& tx) { page.due = tx.cases.due_for_review(bound, after, batch); });
        if (page.due.empty())
            return report;
        for (size_t next = 0; next < page.due.size();) {
            SweepReport done;
            size_t end = next;
            store_.transact([&](storage::Tx& tx) {
                done = {};
                page.users.clear();
                tx.expect_many_pages();
                for (end = next; end < page.due.size();) {
                    review_case(tx, page, page.due[end++], now, done);
                    if (end - next >= kSweepYieldAfter && store_.writes_waiting() > 0)
                        break;
                }
            });
            next = end;
            add(report, done);
            if (stop && stop())
                return report;
        }
        after = page.due.back();
        if (static_cast<int>(page.due.size()) < batch)
            return report;
    }
}

void Sweeper::add(SweepReport& report, const SweepReport& done) {
    report.reviewed += done.reviewed;
    report.effects += done.effects;
    report.queued += done.queued;
    report.unaddressed += done.unaddressed;
    ++report.transactions;
}

void Sweeper::review_case(storage::Tx& tx, Page& page, const storage::ReviewDue& due,
                          std::chrono::sys_seconds now, SweepReport& done) {
    auto stored = tx.cases.get(due.org, due.reference);
    if (!stored)
        return;
    auto loaded = procedures_.get(tx, due.org, stored->state.procedure_version);
    if (!loaded)
        return;
    const calendar::Day today = loaded->calendar.local_day(now);
    if (due.on > today)
        return;  // due tomorrow here, though today elsewhere
    const cases::Engine engine(loaded->procedure, loaded->calendar);
    const cases::Case& c = stored->state;
    // First: the row is then locked until this transaction ends (PostgreSQL), and a case an action
    // changed since it was read is left to the review that action asked for.
    if (!tx.cases.set_review_on(due.org, due.reference, stored->version, engine.next_review(c, today)))
        return;
    ++done.reviewed;
    const int64_t at = calendar::unix_seconds(now);
    for (const auto& effect : engine.review(c, today)) {
        const auto recipients =
            recipients_of(effect, c, loaded->procedure.deadline(effect.deadline), page.users_of(tx, due.org));
        if (!tx.effects.record(due.org, due.reference, effect, at, !recipients.empty()))
            continue;
        ++done.effects;
        if (recipients.empty())
            ++done.unaddressed;  // on the dashboard (CaseService::untold)
        done.queued +=
            queue_staff_notice(tx, notice_of(due, *stored, loaded->procedure, effect, language_, public_url_),
                               recipients, language_, at);
    }
}

}  // namespace meldpunt::service
