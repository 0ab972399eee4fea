#pragma once
// A period's figures made fit to publish (002 §Registratie 5: number, nature and content of the
// complaints may be published anonymised; Awb 9:12a): no free text, no names, and no number small
// enough to point at a person. A count from 1 to 4 is hidden, and so many other parts of the same
// whole (the smallest first) that no hidden count can be worked out by subtraction (`suppressed`).
// A share on time only where both those on time and the others are none or at least 5; the median
// of at least 5 met, the 90th percentile of at least 10. Only margins are published (no kind-by-unit tables),
// so no two tables can be combined to single a case out.
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
    std::optional<double> share_on_time;  // where on time and not are each none or at least 5
    std::optional<double> median_days;    // of at least 5 met
    // of at least 10 met
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

// The figures in the publication's shape with nothing hidden: how the report itself is shown, so
// that its pages, workbook and JSON are written once for both.
Publication in_full(const Figures& figures);

// What is known of the whole the parts add up to.
enum class Whole {
    shown,   // published: the hidden parts' sum follows from it
    hidden,  // hidden, and it must stay so: the parts must not add up to it
    none,    // the counts are no parts of one whole (stages reached: a case reaches several)
};

// Hides counts from 1 to 4; then, when the whole is shown and something is hidden, the smallest
// other parts until at least two are hidden that together make at least 5; when the whole is
// hidden, the smallest parts until those hidden make at least 5.
std::vector<PublishedCount> suppressed(const std::vector<Count>& parts, Whole whole);

}  // namespace meldpunt::report
