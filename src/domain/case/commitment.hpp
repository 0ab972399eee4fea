#pragma once
// What was agreed with the complainant and must still be done: what, who carries it out, by which
// day (003 §Werkwijze 4: "De afhandelaar draagt zorg voor een goede afhandeling van wat is
// afgesproken met de klager"). It is followed until it is done or, with a reason, waived; a case is
// not closed by staff while one is open (Engine::apply).
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar/day.hpp"

namespace meldpunt::cases {

enum class CommitmentState { open, done, waived };

struct Commitment {
    std::string id;    // "1", "2" ... in the order they were made on the case
    std::string what;  // in the words the complainant may read
    std::string who;   // the account that carries it out
    calendar::Day due{};
    calendar::Day made_on{};
    // Whether the complainant's portal shows it: an agreement with them, not the organisation's
    // own follow-up.
    bool complainant_sees = true;
    CommitmentState state = CommitmentState::open;
    std::optional<calendar::Day> settled_on;
    std::string note;  // how it was done, or why it was waived (required then)
    bool operator==(const Commitment&) const = default;
};

const char* commitment_state_name(CommitmentState state);
std::optional<CommitmentState> parse_commitment_state(std::string_view name);

}  // namespace meldpunt::cases
