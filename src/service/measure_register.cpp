#include "service/measure_register.hpp"

#include <algorithm>
#include <set>

#include "domain/calendar/instant.hpp"
#include "render/due_date_text.hpp"
#include "service/audit_log.hpp"
#include "service/links.hpp"
#include "service/recipients.hpp"
#include "service/staff_notice.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

struct MeasureRegister::Context {
    std::shared_ptr<const loading::LoadedProcedure> loaded;
    const procedure::MeasurePolicy* policy = nullptr;
    bool sees_all = false;  // sees every case, and so reads every measure
};

namespace {

measure::Actor actor_for(const Principal& who, const std::string& unit) {
    return {who.email, who.roles_for_unit(unit)};
}

// A proposal may be about any unit, so whoever may propose for one of them may propose.
bool may_propose_somewhere(const Principal& who, const procedure::Procedure& procedure) {
    const auto& policy = *procedure.measures;
    if (measure::may_propose(policy, actor_for(who, "")))
        return true;
    return std::any_of(procedure.units.begin(), procedure.units.end(), [&](const procedure::Unit& unit) {
        return measure::may_propose(policy, actor_for(who, unit.id));
    });
}

// The characters of UTF-8 `text` (it is valid UTF-8 once valid_text passed).
size_t characters(const std::string& text) {
    return static_cast<size_t>(
        std::count_if(text.begin(), text.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

// `value` as the field takes it: valid one-line (or multi-line) text of at most `max` characters.
std::optional<ServiceError> check_text(const std::string& field, const std::string& value, size_t max,
                                       bool multiline) {
    if (characters(value) > max)
        return ServiceError::invalid_field(field, "too_long");
    if (!support::valid_text(value, multiline))
        return ServiceError::invalid_field(field, "control_characters");
    return std::nullopt;
}

// Whether `ctx` is a refusal, which then becomes the answer `out`.
template <typename C, typename T>
bool refused(const Result<C>& ctx, Result<T>& out) {
    if (const auto* e = ctx.failure()) {
        out = *e;
        return true;
    }
    return false;
}

}  // namespace

std::string measure_cause(int64_t number, const std::string& what) {
    return std::string(kMeasureCausePrefix) + std::to_string(number) + ":" + what;
}

ServiceError measure_refusal(const measure::MeasureRefusal& refusal) {
    if (refusal.code == "measure_not_permitted")
        return ServiceError::of(ErrorKind::forbidden, refusal.code, {refusal.subject});
    if (refusal.code == "measure_not_in_status")
        return ServiceError::of(ErrorKind::conflict, refusal.code, {refusal.subject});
    return ServiceError::of(ErrorKind::unprocessable, refusal.code, {}, refusal.subject);
}

MeasureRegister::MeasureRegister(storage::Store& store, ProcedureRegistry& procedures,
                                 const messages::Catalogue& language)
    : store_(store), procedures_(procedures), language_(language) {}

Result<MeasureRegister::Context> MeasureRegister::context(storage::Tx& tx, const Principal& who,
                                                          const std::string& org) {
    const int version = tx.orgs.procedure_in_force(org);
    auto loaded = version > 0 && who.org == org && who.complainant_of.empty()
                      ? procedures_.get(tx, org, version)
                      : nullptr;
    if (!loaded || !loaded->procedure.measures)
        return ServiceError::not_found("org");
    const auto& procedure = loaded->procedure;
    return Context{loaded, &*procedure.measures, visible_scope(who, procedure).all};
}

MeasureView MeasureRegister::view_of(const Context& ctx, const Principal& who, storage::StoredMeasure stored,
                                     calendar::Day today) {
    const measure::Actor actor = actor_for(who, stored.measure.draft.unit);
    MeasureView view;
    view.overdue = measure::is_overdue(stored.measure, today);
    view.may_edit = measure::may_edit(*ctx.policy, actor, stored.measure);
    view.steps = measure::steps_open_to(*ctx.policy, actor, stored.measure);
    view.stored = std::move(stored);
    view.procedure = ctx.loaded;
    return view;
}

Result<MeasureList> MeasureRegister::list(const Principal& who, const std::string& org,
                                          std::chrono::sys_seconds now) {
    Result<MeasureList> out = ServiceError::not_found("org");
    store_.read([&](storage::Tx& tx) {
        auto ctx = context(tx, who, org);
        if (refused(ctx, out))
            return;
        const Context& c = ctx.value();
        const calendar::Day today = c.loaded->calendar.local_day(now);
        MeasureList list;
        list.procedure = c.loaded;
        list.may_propose = may_propose_somewhere(who, c.loaded->procedure);
        for (auto& stored : tx.measures.list(org))
            if (readable(c, who, stored.measure))
                list.measures.push_back(view_of(c, who, std::move(stored), today));
        out = std::move(list);
    });
    return out;
}

Result<MeasureView> MeasureRegister::get(const Principal& who, const std::string& org, int64_t number,
                                         std::chrono::sys_seconds now) {
    Result<MeasureView> out = ServiceError::not_found("measure");
    store_.read([&](storage::Tx& tx) {
        auto ctx = context(tx, who, org);
        if (refused(ctx, out))
            return;
        const Context& c = ctx.value();
        auto stored = tx.measures.get(org, number);
        if (!stored || !readable(c, who, stored->measure))
            return;  // not found: a measure is not there for those who may not read it
        out = view_of(c, who, std::move(*stored), c.loaded->calendar.local_day(now));
    });
    return out;
}

std::optional<std::vector<storage::StoredMeasure>> MeasureRegister::of_case(const Principal& who,
                                                                            const std::string& org,
                                                                            const std::string& reference) {
    std::optional<std::vector<storage::StoredMeasure>> out;
    store_.read([&](storage::Tx& tx) {
        auto ctx = context(tx, who, org);
        if (ctx.failure())
            return;
        out.emplace();
        for (auto& stored : tx.measures.of_case(org, reference))
            if (readable(ctx.value(), who, stored.measure))
                out->push_back(std::move(stored));
    });
    return out;
}

bool MeasureRegister::may_propose(const Principal& who, const std::string& org) {
    bool may = false;
    store_.read([&](storage::Tx& tx) {
        auto ctx = context(tx, who, org);
        may = !ctx.failure() && may_propose_somewhere(who, ctx.value().loaded->procedure);
    });
    return may;
}

bool MeasureRegister::readable(const Context& ctx, const Principal& who, const measure::Measure& m) {
    return ctx.sees_all || measure::may_read(*ctx.policy, actor_for(who, m.draft.unit), m);
}

std::optional<ServiceError> MeasureRegister::check_draft(storage::Tx& tx, const Context& ctx,
                                                         const Principal& who, const std::string& org,
                                                         measure::Draft& d,
                                                         const std::vector<std::string>& linked) {
    d.title = support::trimmed(d.title);
    d.reason = support::trimmed(d.reason);
    if (auto e = check_text("title", d.title, kMaxTitle, false))
        return e;
    if (auto e = check_text("reason", d.reason, kMaxText, true))
        return e;
    const procedure::Procedure& procedure = ctx.loaded->procedure;
    if (!d.unit.empty() && !procedure.unit(d.unit))
        return ServiceError::invalid_field("unit", "unknown_unit", ErrorKind::unprocessable);
    // The cause as the procedure's cause field knows it: one of its options when it has them.
    const procedure::Field* cause = procedure.field_meaning("cause");
    std::set<std::string> seen;
    for (const auto& value : d.causes) {
        if (auto e = check_text("causes", value, kMaxTitle, false))
            return e;
        const bool known = cause && std::any_of(cause->options.begin(), cause->options.end(),
                                                [&](const std::string& option) { return option == value; });
        if (!known && (!cause || !cause->options.empty()))
            return ServiceError::invalid_field("causes", "not_an_option", ErrorKind::unprocessable);
    }
    std::erase_if(d.causes, [&](const std::string& v) { return v.empty() || !seen.insert(v).second; });
    if (d.cases.size() > kMaxCases)
        return ServiceError::invalid_field("cases", "too_many");
    seen.clear();
    std::erase_if(d.cases, [&](const std::string& v) { return !seen.insert(v).second; });
    // A case newly linked is one its linker sees: a measure is no way to learn of others' cases.
    for (const auto& reference : d.cases) {
        if (auto e = check_text("cases", reference, kMaxTitle, false))
            return e;
        if (std::find(linked.begin(), linked.end(), reference) != linked.end())
            continue;
        const auto stamp = tx.cases.stamp(org, reference);
        if (!stamp || !may_see(who, procedure, reference, *stamp))
            return ServiceError::invalid_field("cases", "unknown_case", ErrorKind::unprocessable);
    }
    if (auto e = check_text("owner", d.owner, kMaxTitle, false))
        return e;
    if (!d.owner.empty()) {
        const auto owner = tx.accounts.user_by_email(org, d.owner);
        if (!owner || !owner->active())
            return ServiceError::invalid_field("owner", "unknown_person", ErrorKind::unprocessable);
    }
    return std::nullopt;
}

MeasureView MeasureRegister::save(storage::Tx& tx, const Context& ctx, const Principal& who,
                                  const std::string& org, measure::Measure& m, int64_t version,
                                  const std::string& action, std::chrono::sys_seconds now) {
    const auto& calendar = ctx.loaded->calendar;
    const auto alerts = measure::alerts_of(*ctx.policy, calendar, m);
    const std::optional<calendar::Day> review_on =
        alerts.empty() ? std::nullopt : std::optional<calendar::Day>{alerts.front().on};
    if (m.number == 0)
        tx.measures.insert(org, m, review_on);
    else if (!tx.measures.update(org, m, version, review_on))
        throw storage::StorageError("measure changed while it was saved", true);
    const auto& last = m.history.back();
    append_audit(tx, calendar::unix_seconds(now), org, who.user_id, action,
                 "measure:" + std::to_string(m.number), last.note.empty() ? m.draft.title : last.note);
    return view_of(ctx, who, {org, m, version + 1, review_on}, calendar.local_day(now));
}

Result<MeasureView> MeasureRegister::propose(const Principal& who, const std::string& org,
                                             measure::Draft draft, std::chrono::sys_seconds now) {
    Result<MeasureView> out = ServiceError::not_found("org");
    store_.transact([&](storage::Tx& tx) {
        auto ctx = context(tx, who, org);
        if (refused(ctx, out))
            return;
        const Context& c = ctx.value();
        // Who may not propose learns nothing of the cases named.
        if (!measure::may_propose(*c.policy, actor_for(who, draft.unit))) {
            out = measure_refusal({"measure_not_permitted", "propose"});
            return;
        }
        if (auto e = check_draft(tx, c, who, org, draft, {})) {
            out = *e;
            return;
        }
        measure::Measure m;  // `draft` is copied: a transaction run again sees it whole
        if (auto refused = measure::propose(*c.policy, actor_for(who, draft.unit), draft,
                                            calendar::unix_seconds(now), m)) {
            out = measure_refusal(*refused);
            return;
        }
        out = save(tx, c, who, org, m, 0, "measure.propose", now);
    });
    return out;
}

Result<MeasureView> MeasureRegister::change(
    const Principal& who, const std::string& org, int64_t number, std::optional<int64_t> version,
    std::chrono::sys_seconds now,
    const std::function<std::optional<ServiceError>(storage::Tx&, const Context&, measure::Measure&,
                                                    std::string&)>& work) {
    Result<MeasureView> out = ServiceError::not_found("measure");
    store_.transact([&](storage::Tx& tx) {
        out = ServiceError::not_found("measure");
        auto ctx = context(tx, who, org);
        if (refused(ctx, out))
            return;
        const Context& c = ctx.value();
        auto stored = tx.measures.get(org, number);
        if (!stored || !readable(c, who, stored->measure))
            return;
        if (version && *version != stored->version) {
            out = ServiceError::of(ErrorKind::precondition_failed, "measure_changed");
            return;
        }
        std::string action;
        if (auto e = work(tx, c, stored->measure, action)) {
            out = *e;
            return;
        }
        out = save(tx, c, who, org, stored->measure, stored->version, action, now);
    });
    return out;
}

Result<MeasureView> MeasureRegister::edit(const Principal& who, const std::string& org, int64_t number,
                                          measure::Draft draft, std::optional<int64_t> version,
                                          std::chrono::sys_seconds now) {
    return change(who, org, number, version, now,
                  [&](storage::Tx& tx, const Context& c, measure::Measure& m,
                      std::string& action) -> std::optional<ServiceError> {
                      if (auto e = check_draft(tx, c, who, org, draft, m.draft.cases))
                          return e;
                      const std::string owner_before = m.draft.owner;
                      const int64_t at = calendar::unix_seconds(now);
                      if (auto refused = measure::edit(*c.policy, actor_for(who, m.draft.unit),
                                                       actor_for(who, draft.unit), draft, at, m))
                          return measure_refusal(*refused);
                      action = "measure.edit";
                      if (m.status != measure::Status::proposed && m.draft.owner != owner_before)
                          tell_owner(tx, org, m, at);  // the new owner hears it is theirs
                      return std::nullopt;
                  });
}

Result<MeasureView> MeasureRegister::step(const Principal& who, const std::string& org, int64_t number,
                                          measure::Step step, const std::string& note,
                                          std::optional<int64_t> version, std::chrono::sys_seconds now) {
    const std::string clean = support::trimmed(note);
    if (auto e = check_text("note", clean, kMaxText, true))
        return *e;
    return change(who, org, number, version, now,
                  [&](storage::Tx& tx, const Context& c, measure::Measure& m,
                      std::string& action) -> std::optional<ServiceError> {
                      const int64_t at = calendar::unix_seconds(now);
                      if (auto refused =
                              measure::take_step(*c.policy, actor_for(who, m.draft.unit), step, clean, at, m))
                          return measure_refusal(*refused);
                      action = std::string("measure.") + measure::step_name(step);
                      if (step == measure::Step::decide)
                          tell_owner(tx, org, m, at);
                      return std::nullopt;
                  });
}

void MeasureRegister::tell_owner(storage::Tx& tx, const std::string& org, const measure::Measure& m,
                                 int64_t at) {
    const auto users = tx.accounts.users_of(org);
    Recipients to(users);
    to.add_account(m.draft.owner);
    const std::string number = std::to_string(m.number);
    const StaffNotice notice{
        org,
        "",
        measure_cause(m.number, "decided"),
        "notice.measure_decided",
        {number, m.draft.title, m.draft.due ? render::long_date(*m.draft.due, language_) : "",
         public_url_ + staff_measure_path(m.number)}};
    queue_staff_notice(tx, notice, to.list(), language_, at);
}

}  // namespace meldpunt::service
