// Case housekeeping (issue 12): a complaint that came in twice (by e-mail and again by the web
// form, or from two relatives about one event) is handled once. The duplicate is merged into the
// other case: it closes and points there, and the other case keeps what the duplicate brought.
#include <cctype>

#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "domain/procedure/builtin_roles.hpp"
#include "render/due_date_text.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/case_steps.hpp"
#include "service/crypto.hpp"
#include "service/letter_mail.hpp"
#include "support/text.hpp"

namespace meldpunt::service {

namespace {

using std::chrono::sys_seconds;

constexpr size_t kMaxReference = 64;

// `text` cut to a message's size, at a character's boundary, with `tail` saying so.
std::string within_message_limit(std::string text, const std::string& tail) {
    if (text.size() <= CaseService::kMaxMessageBytes)
        return text;
    return support::utf8_prefix(text, CaseService::kMaxMessageBytes - tail.size()) + tail;
}

std::string name_of(const std::vector<storage::UserRecord>& people, const std::string& email) {
    for (const auto& person : people)
        if (person.email == email && !person.name.empty())
            return person.name;
    return email;
}

// What the duplicate said, for the note on the case it joins: when and how it came in, its subject
// and description, then its conversation, each message with its writer and day.
std::string duplicate_note(const CaseRecord& duplicate, const std::vector<storage::UserRecord>& people,
                           const messages::Catalogue& t) {
    const cases::Case& c = duplicate.stored.state;
    const auto& calendar = duplicate.procedure->calendar;
    std::string note = t.text("merge.note_heading", {c.reference, render::long_date(c.received_on, t),
                                                     t.text("web.channel." + c.channel)});
    note += "\n" + t.text("merge.note_subject", {duplicate.stored.subject});
    if (!duplicate.stored.description.empty())
        note += "\n\n" + duplicate.stored.description;
    for (const auto& message : duplicate.messages) {
        const std::string author = message.author == procedure::kComplainantRole
                                       ? t.text("merge.the_complainant")
                                       : name_of(people, message.author);
        const auto day = calendar.local_day(sys_seconds{std::chrono::seconds{message.at}});
        note +=
            "\n\n" + t.text(message.visibility == "internal" ? "merge.note_internal" : "merge.note_message",
                            {author, render::long_date(day, t)});
        if (!message.body.empty())
            note += "\n" + message.body;
    }
    return within_message_limit(note, "\n\n" + t.text("merge.note_shortened", {c.reference}));
}

std::optional<ServiceError> check_into(const std::string& into, const std::string& reference) {
    if (into.empty())
        return ServiceError::missing_field("into");
    if (into.size() > kMaxReference || !support::valid_text(into))
        return ServiceError::with_message(ErrorKind::unprocessable, "unknown_case", "api.merge_unknown_case",
                                          {}, "into");
    if (into == reference)
        return ServiceError::with_message(ErrorKind::unprocessable, "merge_into_itself",
                                          "api.merge_into_itself", {}, "into");
    return std::nullopt;
}

// Whether the duplicate comes from the same complainant as the other case: an anonymous one from
// anyone; else the same e-mail address when it has one, or the same name (case and spaces aside).
// A complainant whose case went into someone else's would hear no more of it.
bool same_complainant(const cases::Complainant& duplicate, const cases::Complainant& other) {
    if (duplicate.anonymous)
        return true;
    const auto folded = [](std::string_view text) {
        std::string out = support::trimmed(text);
        for (auto& ch : out)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
    };
    if (!duplicate.email.empty())
        return folded(duplicate.email) == folded(other.email);
    return !folded(duplicate.name).empty() && folded(duplicate.name) == folded(other.name);
}

// Why case `into` cannot take the duplicate in, if it cannot: merged or closed itself, another
// complainant's, another unit's (its readers may not be the duplicate's), or not the caller's to
// change.
std::optional<ServiceError> refuse_target(const Principal& who, const CaseRecord& duplicate,
                                          const CaseRecord& target, const std::string& into) {
    const cases::Case& dup = duplicate.stored.state;
    const cases::Case& kept = target.stored.state;
    const auto refused = [&](const char* code, const char* message, std::vector<std::string> args) {
        return ServiceError::with_message(ErrorKind::unprocessable, code, message, std::move(args), "into");
    };
    if (!kept.merged_into.empty())
        return refused("case_merged", "api.merge_target_merged", {into, kept.merged_into});
    if (kept.closed_on)
        return refused("case_closed", "api.merge_target_closed", {into});
    if (!same_complainant(dup.complainant, kept.complainant))
        return refused("other_complainant", "api.merge_other_complainant", {into});
    if (!dup.unit.empty() && !kept.unit.empty() && dup.unit != kept.unit)
        return refused("other_unit", "api.merge_other_unit", {into});
    if (!CaseService::may_correct(who, target))
        return ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.merge_target_not_yours",
                                          {into}, "into");
    return std::nullopt;
}

}  // namespace

bool CaseService::may_end(const Principal& who, const CaseRecord& record) {
    if (record.shared_documents_only || !who.complainant_of.empty())
        return false;
    const auto& procedure = record.procedure->procedure;
    const cases::Case& c = record.stored.state;
    const cases::Engine engine(procedure, record.procedure->calendar);
    for (const auto& id : engine.available_actions(c, actor_for(who, c))) {
        const auto* action = procedure.action(id);
        const auto* stage = action && action->to ? procedure.stage(*action->to) : nullptr;
        if (stage && stage->final)
            return true;
    }
    return false;
}

Result<CaseRecord> CaseService::merge(const Principal& who, const std::string& org,
                                      const std::string& reference, const std::string& given_into,
                                      std::optional<int64_t> if_match, sys_seconds now) {
    const std::string into = support::trimmed(given_into);
    if (auto refused = check_into(into, reference))
        return *refused;
    CaseRecord duplicate;
    std::optional<ServiceError> error;
    store_.transact([&](storage::Tx& tx) {
        duplicate = CaseRecord{};
        error = load_visible(tx, who, org, reference, duplicate);
        if (!error)
            error = refuse_if_restricted(tx, who, org, reference);
        if (error)
            return;
        cases::Case& dup = duplicate.stored.state;
        if (!dup.merged_into.empty()) {
            error = ServiceError::with_message(ErrorKind::conflict, "case_merged", "api.case_merged",
                                               {dup.merged_into});
            return;
        }
        if (dup.closed_on) {
            error = ServiceError::with_message(ErrorKind::conflict, "case_closed", "api.merge_closed");
            return;
        }
        if (!may_end(who, duplicate)) {
            error = ServiceError::with_message(ErrorKind::forbidden, "not_permitted", "api.merge_not_yours");
            return;
        }
        if (if_match && *if_match != duplicate.stored.version) {
            error = ServiceError::of(ErrorKind::precondition_failed, "version_mismatch",
                                     {std::to_string(duplicate.stored.version)});
            return;
        }
        // A case the caller cannot see whole answers as one that does not exist.
        CaseRecord target;
        if (load_visible(tx, who, org, into, target) || target.shared_documents_only) {
            error = ServiceError::with_message(ErrorKind::unprocessable, "unknown_case",
                                               "api.merge_unknown_case", {into}, "into");
            return;
        }
        cases::Case& kept = target.stored.state;
        if ((error = refuse_target(who, duplicate, target, into)) ||
            (error = refuse_if_restricted(tx, who, org, into)))  // it would take in what the duplicate had
            return;
        const int64_t at = calendar::unix_seconds(now);
        const std::string stage_before = dup.stage;
        const cases::Engine dup_engine(duplicate.procedure->procedure, duplicate.procedure->calendar);
        const cases::Engine kept_engine(target.procedure->procedure, target.procedure->calendar);

        // The duplicate's complainant reads why in its conversation, before it closes.
        const storage::MessageRecord told{
            org,
            reference,
            duplicate.messages.empty() ? 1 : duplicate.messages.back().seq + 1,
            at,
            who.email,
            "shared",
            letter_language_.text("merge.to_complainant",
                                  {render::long_date(dup.received_on, letter_language_), reference, into}),
            {}};
        if (auto refusal = dup_engine.add_message(dup, {"m" + std::to_string(told.seq), "shared", {}}, now,
                                                  actor_for(who, dup)))
            return void(error = from_refusal(*refusal));
        if (auto refusal = dup_engine.merge_into(dup, into, now, actor_for(who, dup)))
            return void(error = from_refusal(*refusal));

        // The case it joins gets what the duplicate said and a copy of each of its documents.
        storage::MessageRecord note{org,
                                    into,
                                    target.messages.empty() ? 1 : target.messages.back().seq + 1,
                                    at,
                                    who.email,
                                    "internal",
                                    duplicate_note(duplicate, tx.accounts.users_of(org), letter_language_),
                                    {}};
        cases::Message note_change{"m" + std::to_string(note.seq), "internal", {}};
        for (size_t i = 0; i < duplicate.documents.size(); ++i) {
            note.documents.push_back("d" + std::to_string(target.documents.size() + i + 1));
            note_change.attachments.push_back({note.documents.back(), "internal"});
        }
        if (auto refusal = kept_engine.add_message(kept, note_change, now, actor_for(who, kept)))
            return void(error = from_refusal(*refusal));
        if (auto refusal = kept_engine.take_in(kept, reference, now, actor_for(who, kept)))
            return void(error = from_refusal(*refusal));

        const calendar::Day today = duplicate.procedure->calendar.local_day(now);
        duplicate.stored.next_due = next_due(dup_engine, dup, today);
        duplicate.stored.review_on = dup_engine.first_review(dup);
        // Both in the order of their references: two merges of one pair wait for each other.
        if (reference < into) {
            save_changed(tx, duplicate.stored, stage_before, *duplicate.procedure, now);
            save_changed(tx, target.stored, kept.stage, *target.procedure, now);
        } else {
            save_changed(tx, target.stored, kept.stage, *target.procedure, now);
            save_changed(tx, duplicate.stored, stage_before, *duplicate.procedure, now);
        }
        for (size_t i = 0; i < duplicate.documents.size(); ++i) {
            const auto& original = duplicate.documents[i];
            auto found = tx.dossier.document(org, reference, original.id);
            if (!found)
                concurrent_change();
            const Upload copy{original.name, original.content_type, "internal", std::move(found->second)};
            store_document(tx, org, into, note.documents[i], copy, who.email, now);
        }
        tx.dossier.insert_message(told);
        tx.dossier.insert_message(note);
        append_audit(tx, at, org, who.email, "case.merge", reference,
                     nlohmann::json{{"into", into}, {"message", "m" + std::to_string(told.seq)}}.dump());
        append_audit(tx, at, org, who.email, "case.merged", into,
                     nlohmann::json{{"from", reference},
                                    {"message", note_change.id},
                                    {"sha256", sha256_hex(note.body)},
                                    {"documents", note.documents}}
                         .dump());
        const auto organisation = tx.orgs.get(org);
        queue_message_to_complainant(
            tx, {duplicate.stored, told, organisation ? organisation->name : org, letter_language_}, at);
    });
    if (error)
        return *error;
    return duplicate;
}

std::vector<CaseRecord> CaseService::possible_duplicates(const Principal& who, const CaseRecord& record,
                                                         sys_seconds now, size_t limit) {
    const cases::Complainant& complainant = record.stored.state.complainant;
    std::vector<CaseRecord> out;
    if (complainant.anonymous || record.stored.state.closed_on)
        return out;
    const std::string by = !complainant.email.empty() ? complainant.email : complainant.name;
    if (by.empty())
        return out;
    RegisterQuery q;
    q.query.text = by;
    q.query.order = storage::CaseQuery::Order::newest_first;
    q.query.limit = static_cast<int>(limit) + 10;  // some are closed, merged or this case
    auto found = list(who, record.stored.org, q, now);
    if (!found.ok())
        return out;
    for (auto& other : found.value()) {
        const cases::Case& c = other.stored.state;
        if (out.size() == limit)
            break;
        if (c.reference == record.stored.state.reference || c.closed_on || !c.merged_into.empty() ||
            !same_complainant(complainant, c.complainant))
            continue;
        out.push_back(std::move(other));
    }
    return out;
}

}  // namespace meldpunt::service
