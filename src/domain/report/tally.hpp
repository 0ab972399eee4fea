#pragma once
// What the register keeps counted for the reports (issue 13). A report of a year of 10^6 cases
// (docs/performance.md) cannot read and work out every case, so each case's figures are split
// into tallies, a count per month of receipt, dimension and value ("kind" "klacht", "cause"
// "communicatie", "deadline:ontvangst" "o" ...). The register keeps the sum of every case's tallies,
// changed by the difference whenever a case is written, and a report adds up a period's months.
//
// A tally keeps nothing that changes with the day a report is made: a deadline not yet met is
// tallied by its due day, and read as overdue or running on the day of the report (add_tally).
// What nobody recorded is not tallied; a report counts it as the cases received less those with
// a value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/report/case_figures.hpp"

namespace meldpunt::report {

struct TallyKey {
    std::string month;  // of receipt: "2027-04"
    std::string dimension, value;
    auto operator<=>(const TallyKey&) const = default;
};

struct Tally {
    TallyKey key;
    int64_t count = 0;
};

// The dimensions besides the analysis meanings (analysis.hpp), and the prefixes of a deadline's.
namespace dimension {
inline constexpr const char* kReceived = "received";  // value "": a case not merged
inline constexpr const char* kMerged = "merged";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kInadmissible = "inadmissible";  // value: the rule that declared it
inline constexpr const char* kKind = "kind";
inline constexpr const char* kChannel = "channel";
inline constexpr const char* kUnit = "unit";
inline constexpr const char* kStage = "stage";         // a stage reached
inline constexpr const char* kLevel = "level";         // a level reached (once per case)
inline constexpr const char* kEnded = "ended";         // the final stage it closed in
inline constexpr const char* kDeadline = "deadline:";  // + id; value: an outcome letter or "due:DAY"
inline constexpr const char* kDaysTaken = "days:";     // + id; value: working days taken to meet it
}  // namespace dimension

// Values of a deadline's tally.
inline constexpr const char* kOnTime = "o";
inline constexpr const char* kLate = "l";
inline constexpr const char* kStopped = "s";
inline constexpr const char* kPaused = "p";        // not met and paused: running whatever the day
inline constexpr const char* kOverdue = "x";       // overdue, with no due day to compare
inline constexpr const char* kDuePrefix = "due:";  // not met: overdue after this day

// The keys a case's figures are tallied under, each counting one; sorted, without repeats.
std::vector<TallyKey> tally_keys(const CaseFigures& figures);

// The keys as one line, kept with the case (so that the next write of it can take them away
// again), and read back; nullopt for a line that is not one (another format's version, damaged).
std::string tally_line(const std::vector<TallyKey>& keys);
std::optional<std::vector<TallyKey>> keys_of_line(std::string_view line);

// What changes in the register's tallies when a case's keys go from `before` to `after`: -1 for
// each key only before, +1 for each only after; sorted by key.
std::vector<Tally> tally_difference(const std::vector<TallyKey>& before, const std::vector<TallyKey>& after);

}  // namespace meldpunt::report
