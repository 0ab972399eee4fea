#pragma once
// A period's figures made fit to publish (002 §Registratie 5: number, nature and content of the
// complaints may be published anonymised; Awb 9:12a): no free text, no names, and no number small
// enough to point at a person. A count from 1 to 4 is not shown ("fewer than 5"); where a total is
// shown and only one count of its parts would be hidden, the smallest other part is hidden too, so
// that no hidden count can be worked out by subtraction. Timeliness is shown as shares and days
// only where at least 5 cases make it up. Only margins are published (no kind-by-unit tables), so
// no two tables can be combined to single a case out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/report/figures.hpp"

namespace meldpunt::report {

// The smallest number published.
inline constexpr int64_t kSmallestPublished = 5;

struct PublishedCount {
    std::string key;
    std::optional<int64_t> count;  // nullopt: hidden (fewer than 5, or so that one that is stays hidden)
    bool operator==(const PublishedCount&) const = default;
};

struct PublishedBreakdown {
    std::string id;
    bool free_text = false;
    std::vector<PublishedCount> counts;
};

struct PublishedTimeliness {
    std::string deadline;
    std::optional<double> share_on_time;  // of at least 5 cases whose due day came
    std::optional<double> median_days;    // of at least 5 met
    std::optional<int> p90_days;
};

struct Publication {
    std::optional<int64_t> received, closed, open;
    std::vector<PublishedBreakdown> breakdowns;
    std::vector<PublishedCount> per_month;
    std::vector<PublishedTimeliness> timeliness;
    std::vector<PublishedCount> stages_reached, levels_reached, ended_in;
};

Publication publish(const Figures& figures);

// Hides the parts of a whole as described above: counts from 1 to 4, and, when the whole is shown
// (`whole_shown`) and exactly one part is hidden, the smallest other part.
std::vector<PublishedCount> suppressed(const std::vector<Count>& parts, bool whole_shown);

}  // namespace meldpunt::report
