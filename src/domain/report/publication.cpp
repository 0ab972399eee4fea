#include "domain/report/publication.hpp"

#include <algorithm>

namespace meldpunt::report {

namespace {

bool too_small(int64_t count) {
    return count > 0 && count < kSmallestPublished;
}

std::optional<int64_t> shown(int64_t count) {
    return too_small(count) ? std::nullopt : std::optional<int64_t>(count);
}

}  // namespace

std::vector<PublishedCount> suppressed(const std::vector<Count>& parts, bool whole_shown) {
    std::vector<PublishedCount> out;
    size_t hidden = 0;
    for (const auto& part : parts) {
        out.push_back({part.key, shown(part.count)});
        hidden += out.back().count ? 0 : 1;
    }
    if (whole_shown && hidden == 1) {
        // The smallest part still shown, a non-zero one first (hiding a zero hides little, but it
        // still leaves two unknowns where the whole gives one equation).
        std::optional<size_t> pick;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (!out[i].count)
                continue;
            const auto better = [&](size_t a, size_t b) {
                const bool a_zero = parts[a].count == 0, b_zero = parts[b].count == 0;
                return a_zero != b_zero ? !a_zero : parts[a].count < parts[b].count;
            };
            if (!pick || better(i, *pick))
                pick = i;
        }
        if (pick)
            out[*pick].count.reset();
    }
    return out;
}

Publication publish(const Figures& f) {
    Publication out;
    out.received = shown(f.received);
    const bool received_shown = out.received.has_value();
    const auto status = suppressed({{"closed", f.closed}, {"open", f.open}}, received_shown);
    out.closed = status[0].count;
    out.open = status[1].count;
    for (const auto& b : f.breakdowns)
        out.breakdowns.push_back({b.id, b.free_text, suppressed(b.counts, received_shown)});
    out.per_month = suppressed(f.per_month, received_shown);
    for (const auto& t : f.timeliness) {
        PublishedTimeliness p{t.deadline, std::nullopt, std::nullopt, std::nullopt};
        if (t.on_time + t.late + t.overdue >= kSmallestPublished)
            p.share_on_time = t.share_on_time();
        if (t.on_time + t.late >= kSmallestPublished) {
            p.median_days = t.median_days;
            p.p90_days = t.p90_days;
        }
        out.timeliness.push_back(p);
    }
    // A case reaches several stages and levels: these are no parts of one whole, each stands alone.
    out.stages_reached = suppressed(f.stages_reached, false);
    out.levels_reached = suppressed(f.levels_reached, false);
    out.ended_in = suppressed(f.ended_in, status[0].count.has_value());
    return out;
}

}  // namespace meldpunt::report
