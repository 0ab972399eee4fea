#include "domain/case/commitment.hpp"

#include "support/enum_names.hpp"

namespace meldpunt::cases {

constexpr support::EnumName<CommitmentState> kCommitmentStateNames[] = {
    {CommitmentState::open, "open"}, {CommitmentState::done, "done"}, {CommitmentState::waived, "waived"}};
static_assert(support::names_every_value(kCommitmentStateNames, CommitmentState::waived));

const char* commitment_state_name(CommitmentState state) {
    return support::name_of(kCommitmentStateNames, state, "open");
}

std::optional<CommitmentState> parse_commitment_state(std::string_view name) {
    for (const auto& entry : kCommitmentStateNames)
        if (name == entry.name)
            return entry.value;
    return std::nullopt;
}

}  // namespace meldpunt::cases
