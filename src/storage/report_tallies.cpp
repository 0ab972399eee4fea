#include "storage/report_tallies.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects.
constexpr const char* kChange =
    "INSERT INTO report_tallies (org, month, dimension, value, count) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (org, month, dimension, value) DO UPDATE SET count = report_tallies.count + excluded.count";
constexpr const char* kInMonths =
    "SELECT month, dimension, value, count FROM report_tallies WHERE org = $1 AND month >= $2 AND month <= "
    "$3 "
    "AND count <> 0";

}  // namespace

void ReportTallies::change(const std::string& org, const std::vector<report::Tally>& changes) {
    for (const auto& tally : changes)
        pending_.push_back({org, tally});
}

std::vector<report::Tally> ReportTallies::in_months(const std::string& org, const std::string& first_month,
                                                    const std::string& last_month) {
    std::vector<report::Tally> out;
    for (const auto& row : db_.query(kInMonths, {org, first_month, last_month}))
        out.push_back({{text(row, 0), text(row, 1), text(row, 2)}, number(row, 3)});
    return out;
}

void ReportTallies::write_deferred() {
    if (pending_.empty())
        return;
    std::map<std::pair<std::string, report::TallyKey>, int64_t> summed;
    for (auto& p : pending_)
        summed[{std::move(p.org), std::move(p.tally.key)}] += p.tally.count;
    pending_.clear();
    for (const auto& [key, count] : summed)
        if (count != 0)
            db_.execute(kChange,
                        {key.first, key.second.month, key.second.dimension, key.second.value, count});
}

void ReportTallies::forget_deferred_since(size_t mark) {
    pending_.resize(std::min(mark, pending_.size()));
}

}  // namespace meldpunt::storage
