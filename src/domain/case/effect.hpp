#pragma once
// What a review of a case asks the world to do, as plain values (effects as data): tell someone a
// deadline is coming, tell someone it passed, hand the case to a higher role, propose a step the
// procedure's rules now allow (a person takes it). The engine computes
// them from the case and a day; the service records each once under its key, in the transaction
// that reviewed the case, and the outbox carries out what it recorded.
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"

namespace meldpunt::cases {

enum class EffectKind {
    reminder,    // a deadline is coming: the roles of `remind` are told
    overdue,     // a deadline passed: the roles of `notify` are told, the first working day after it
    escalation,  // a deadline passed by `escalate_after`: `escalate_to` takes over responsibility
    // A rule's step became possible and is due (002 §Uitgangspunten 8: the complainant unreachable
    // for two months, the complaint is ended): those who may take it are asked to; Meldpunt never
    // takes it itself.
    proposal,
    // A commitment to the complainant (commitment.hpp) is coming or passed: whoever carries it out
    // is told (`people`), and once passed the handler and the policy's roles too.
    commitment_reminder,
    commitment_overdue,
};

struct Effect {
    EffectKind kind;
    // Stable for one case: kind, deadline and the due day it is about ("overdue:contact:2027-01-20").
    // An extension moves the due day, so the new due day gets its own reminder and notice.
    std::string key;
    calendar::Day on;  // the day it became due; effects are carried out in this order
    // The deadline it is about; a proposal: the action it proposes; a commitment's: its id.
    std::string deadline;
    calendar::Day due;                // its due day; a proposal: the first day the action is possible
    std::vector<std::string> roles;   // who is told: role ids of the procedure, or "handler"
    std::string escalate_to;          // escalation: the role that takes over
    std::vector<std::string> people;  // accounts told besides the roles

    bool operator==(const Effect&) const = default;
};

const char* effect_kind_name(EffectKind kind);
std::string effect_key(EffectKind kind, const std::string& deadline, calendar::Day due);

}  // namespace meldpunt::cases
