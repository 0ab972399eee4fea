#pragma once
// One complaint, question or signal as it moves through its procedure: the state the engine
// reads and changes. A plain value: no behaviour beyond small queries, no I/O.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/calendar/due_date.hpp"
#include "domain/calendar/period.hpp"
#include "domain/case/commitment.hpp"

namespace meldpunt::cases {

using calendar::Day;

struct Complainant {
    std::string name;
    std::string email;
    std::string phone;
    std::string address;
    bool anonymous = false;
    bool group = false;  // a group of clients complains together (002 §Begripsomschrijving 6)
    bool operator==(const Complainant&) const = default;
};

struct Representative {
    std::string name;
    std::string relation;  // e.g. "wettelijk vertegenwoordiger", "mantelzorger" (002 §Begripsomschrijving 6)
    std::string email;
    // The dossier's document holding the complainant's written authorisation, when one was given
    // (002 §Begripsomschrijving 6: "personen die door de klager schriftelijk zijn gemachtigd").
    std::string authorisation;
    bool operator==(const Representative&) const = default;
};

// A running or finished deadline of this case. The due day is derived (compute_due) from the
// anchor, period, extensions and pauses, never stored, so that it always explains itself.
struct DeadlineState {
    std::string id;
    Day anchor;
    calendar::Period period;
    std::vector<calendar::Period> extensions;
    std::vector<calendar::Pause> pauses;
    std::optional<Day> met_on;
    std::optional<Day> stopped_on;
    bool operator==(const DeadlineState&) const = default;
};

enum class DeadlineStatus { open, met, overdue, paused, stopped };

struct Document {
    std::string id;
    std::string visibility;  // internal | shared (both parties can see it)
    bool operator==(const Document&) const = default;
};

// A message in the case's conversation: from the complainant, a member of staff's reply to them
// ("shared") or a note kept among staff ("internal"). Its text is in the dossier; the case keeps
// its id and the documents that came with it.
struct Message {
    std::string id;
    std::string visibility;             // internal | shared
    std::vector<Document> attachments;  // added to the dossier with the message
    bool operator==(const Message&) const = default;
};

struct LetterDue {
    std::string letter;
    std::string action;  // the action (or "intake") that requires it
    Day on;
    bool operator==(const LetterDue&) const = default;
};

struct Event {
    std::string action;  // "intake" or an action id
    std::chrono::sys_seconds at;
    std::string actor;
    std::string from_stage;
    std::string to_stage;
    std::map<std::string, std::string> fields;
    bool operator==(const Event&) const = default;
};

struct Case {
    std::string reference;
    std::string procedure_id;
    int procedure_version = 0;

    std::string kind;
    std::string requested_kind;  // what was asked for, before rules (anonymous → signal)
    std::string channel;
    std::chrono::sys_seconds received_at{};
    Day received_on{};
    std::optional<Day> event_date;  // when the matter happened or became known
    std::string unit;
    Complainant complainant;
    std::optional<Representative> representative;
    std::vector<std::string> about;  // people the case is about (accounts)
    // Whom or which service the complainant says it is about, in their own words (the public form
    // asks; staff link it to accounts in `about`).
    std::string reported_about;
    std::string handler;
    // Judged urgent, at intake or later (002 §B: whoever takes it in assesses the urgency): the
    // deadlines the procedure shortens for urgent cases run with their `urgent` period.
    bool urgent = false;

    std::string stage;
    bool admissible = true;
    // The referral (Procedure::referrals) it was recorded under instead of being handled: another
    // regulation covers it (002 §Toepassingsgebied).
    std::string referred_to;
    std::string admissibility_reason;  // rule kind that made it inadmissible

    std::vector<DeadlineState> deadlines;
    std::vector<Document> documents;
    std::vector<LetterDue> letters;
    std::vector<Event> events;
    std::map<std::string, std::string> facts;  // latest value of each field recorded by an action
    std::vector<Commitment> commitments;       // what was agreed with the complainant (commitment.hpp)
    bool paused = false;
    std::optional<Day> closed_on;
    std::optional<Day> retain_until;
    // The case this one was a duplicate of and was merged into (issue 12, case housekeeping): it is
    // closed, and every step on it is refused; the other case goes on with its documents.
    std::string merged_into;
    // The day its retention passed and it was anonymised (anonymise.hpp): every step on it is refused.
    std::optional<Day> anonymised_on;

    DeadlineState* deadline(const std::string& id);
    const DeadlineState* deadline(const std::string& id) const;
    const Document* document(const std::string& id) const;
    // The event that added message `id` to the conversation, or null.
    const Event* message_event(const std::string& id) const;
    bool is_about(const std::string& person) const;
    Commitment* commitment(const std::string& id);
    const Commitment* commitment(const std::string& id) const;
    // How many commitments are neither done nor waived.
    int open_commitments() const;
    // The duplicates merged into this case, in the order they were ("merged" events).
    std::vector<std::string> merged_from() const;
    // Who took the case in: the actor of its intake event ("complainant" for the public form).
    const std::string& registered_by() const;
    // Every stage the case has been in, in the order first reached (for "reached" visibility).
    std::vector<std::string> stages_reached() const;

    bool operator==(const Case&) const = default;
};

}  // namespace meldpunt::cases
