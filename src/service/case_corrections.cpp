// Case housekeeping (issue 12): staff correct the details that were registered wrongly, a typo in
// a name, an old e-mail address, the wrong unit, without touching the procedure's steps.
#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "support/mail_address.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

constexpr size_t kMaxShortText = 200;
constexpr size_t kMaxAbout = 20;

// Sizes and characters as at intake (intake_input.cpp); a subject and a description stay given.
std::optional<ServiceError> check_correction(const CorrectionInput& in) {
    const std::tuple<const std::optional<std::string>*, const char*, size_t, bool> texts[] = {
        {&in.subject, "subject", kMaxShortText, true},
        {&in.description, "description", 20000, true},
        {&in.name, "complainant.name", kMaxShortText, false},
        {&in.email, "complainant.email", kMaxShortText, false},
        {&in.phone, "complainant.phone", 64, false},
        {&in.address, "complainant.address", 1000, false},
        {&in.reported_about, "about_text", kMaxShortText, false},
        {&in.unit, "unit", kMaxShortText, false},
    };
    for (const auto& [value, field, max, required] : texts) {
        if (!*value)
            continue;
        if ((*value)->size() > max)
            return ServiceError::invalid_field(field, "too_long");
        if (!support::valid_text(**value, max > kMaxShortText))
            return ServiceError::invalid_field(field, "control_characters");
        if (required && (*value)->find_first_not_of(" \t\r\n") == std::string::npos)
            return ServiceError::missing_field(field);
    }
    if (in.email && !in.email->empty() && !support::is_mail_address(*in.email))
        return ServiceError::invalid_field("complainant.email", "not_an_address");
    if (in.about && in.about->size() > kMaxAbout)
        return ServiceError::invalid_field("about", "not_a_list");
    return std::nullopt;
}

}  // namespace

// Those who take a step on the case now, and its handler, correct its details; a party who sees
// only what is shared never does.
bool CaseService::may_correct(const Principal& who, const CaseRecord& record) {
    if (record.shared_documents_only || !who.complainant_of.empty())
        return false;
    const cases::Case& c = record.stored.state;
    if (!c.merged_into.empty())
        return false;  // nothing more is done with it
    const cases::Engine engine(record.procedure->procedure, record.procedure->calendar);
    return c.handler == who.email || !engine.available_actions(c, actor_for(who, c)).empty();
}

namespace {

// Line breaks as the register keeps them: a browser sends a text area's with CR LF.
std::optional<std::string> unix_lines(std::optional<std::string> text) {
    if (text)
        std::erase(*text, '\r');
    return text;
}

}  // namespace

Result<CaseRecord> CaseService::correct(const Principal& who, const std::string& org,
                                        const std::string& reference, const CorrectionInput& given,
                                        std::optional<int64_t> if_match, std::chrono::sys_seconds now) {
    CorrectionInput normalised = given;
    normalised.description = unix_lines(normalised.description);
    normalised.address = unix_lines(normalised.address);
    if (auto refused = check_correction(normalised))
        return *refused;
    CaseRecord record;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        record = CaseRecord{};
        CorrectionInput input = normalised;  // afresh on every run of the transaction
        error = load_visible(tx, who, org, reference, record);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        if (!may_correct(who, record)) {
            error =
                ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.correction_not_yours");
            return;
        }
        if (if_match && *if_match != record.stored.version) {
            error = ServiceError::of(ErrorKind::precondition_failed, "version_mismatch",
                                     {std::to_string(record.stored.version)});
            return;
        }
        // The people it is about are accounts of the organisation that can act (as in an action).
        if (input.about)
            for (const auto& person : *input.about) {
                if (record.stored.state.is_about(person))
                    continue;  // already so (perhaps since disabled): not added now
                const auto account = tx.accounts.user_by_email(org, person);
                if (!account || !account->active()) {
                    error = ServiceError::with_message(ErrorKind::unprocessable, "invalid_field",
                                                       "api.no_active_account", {person}, "about");
                    return;
                }
            }
        if (input.address && input.address == unix_lines(record.stored.state.complainant.address))
            input.address.reset();
        cases::Correction correction{input.subject,
                                     input.description,
                                     input.name,
                                     input.email,
                                     input.phone,
                                     input.address,
                                     input.reported_about,
                                     input.unit,
                                     input.about,
                                     now,
                                     actor_for(who, record.stored.state)};
        if (input.subject && *input.subject == record.stored.subject)
            correction.subject.reset();
        if (input.description && input.description == unix_lines(record.stored.description))
            correction.description.reset();
        const cases::Engine engine(record.procedure->procedure, record.procedure->calendar);
        if (auto refusal = engine.correct(record.stored.state, correction)) {
            error = refusal->subject == "correction"
                        ? ServiceError::with_message(ErrorKind::unprocessable, "nothing_changed",
                                                     "api.nothing_changed")
                        : from_refusal(*refusal);
            return;
        }
        record.stored.subject = input.subject.value_or(record.stored.subject);
        record.stored.description = input.description.value_or(record.stored.description);
        save_changed(tx, record.stored, record.stored.state.stage, *record.procedure, now);
        tx.cases.update_text(record.stored);
        // Which fields changed, not what they said: the case keeps the values (issue 15).
        append_audit(
            tx, calendar::unix_seconds(now), org, who.email, "case.correct", reference,
            nlohmann::json{{"changed", record.stored.state.events.back().fields.at("changed")}}.dump());
    });
    if (error)
        return *error;
    return record;
}

}  // namespace meldpunt::service
