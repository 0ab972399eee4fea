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

std::vector<PublishedCount> suppressed(const std::vector<Count>& parts, Whole whole) {
    std::vector<PublishedCount> out;
    int64_t hidden_sum = 0;
    size_t hidden = 0;
    for (const auto& part : parts) {
        out.push_back({part.key, shown(part.count)});
        if (!out.back().count) {
            ++hidden;
            hidden_sum += part.count;
        }
    }
    // Hides the smallest part still shown, a non-zero one first; false when none is left.
    const auto hide_one_more = [&] {
        std::optional<size_t> pick;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (!out[i].count)
                continue;
            const bool zero = parts[i].count == 0;
            if (!pick || (zero != (parts[*pick].count == 0) ? !zero : parts[i].count < parts[*pick].count))
                pick = i;
        }
        if (!pick)
            return false;
        out[*pick].count.reset();
        ++hidden;
        hidden_sum += parts[*pick].count;
        return true;
    };
    if (whole == Whole::shown && hidden > 0) {
        // The whole minus what is shown gives the sum of what is hidden: at least two parts, and
        // together at least the smallest number shown, so that none of them follows from it.
        while ((hidden < 2 || hidden_sum < kSmallestPublished) && hide_one_more()) {
        }
    }
    if (whole == Whole::hidden) {
        // The parts must not add up to the hidden whole.
        while (hidden_sum < kSmallestPublished && hide_one_more()) {
        }
    }
    return out;
}

Publication publish(const Figures& f) {
    Publication out;
    out.received = shown(f.received);
    const Whole received = out.received ? Whole::shown : Whole::hidden;
    const auto status = suppressed({{"closed", f.closed}, {"open", f.open}}, received);
    out.closed = status[0].count;
    out.open = status[1].count;
    for (const auto& b : f.breakdowns)
        out.breakdowns.push_back({b.id, b.free_text, suppressed(b.counts, received)});
    out.per_month = suppressed(f.per_month, received);
    for (const auto& t : f.timeliness) {
        PublishedTimeliness p{t.deadline, std::nullopt, std::nullopt, std::nullopt};
        // A share shows both its parts: each must be none or at least the smallest number shown.
        const int64_t missed = t.late + t.overdue;
        const auto fit = [](int64_t n) { return n == 0 || n >= kSmallestPublished; };
        if (t.on_time + missed > 0 && fit(t.on_time) && fit(missed))
            p.share_on_time = t.share_on_time();
        const int64_t met = t.on_time + t.late;
        if (met >= kSmallestPublished)
            p.median_days = t.median_days;
        // With fewer than 10, the 90th percentile is the longest: one person's case.
        if (met >= 2 * kSmallestPublished)
            p.p90_days = t.p90_days;
        out.timeliness.push_back(p);
    }
    // A case reaches several stages and levels: these are no parts of one whole, each stands alone.
    // The final stages are left out: a case reaches one only to end in it, so they would repeat
    // (and undo) what the hidden counts of `ended_in` keep.
    for (const auto& stage : suppressed(f.stages_reached, Whole::none))
        if (std::none_of(f.ended_in.begin(), f.ended_in.end(),
                         [&](const Count& c) { return c.key == stage.key; }))
            out.stages_reached.push_back(stage);
    out.levels_reached = suppressed(f.levels_reached, Whole::none);
    // Every closed case ended in a final stage: these are the parts of `closed`.
    out.ended_in = suppressed(f.ended_in, status[0].count ? Whole::shown : Whole::hidden);
    return out;
}

Publication in_full(const Figures& f) {
    const auto counts = [](const std::vector<Count>& from) {
        std::vector<PublishedCount> out;
        for (const auto& c : from)
            out.push_back({c.key, c.count});
        return out;
    };
    Publication out{f.received,
                    f.closed,
                    f.open,
                    {},
                    counts(f.per_month),
                    {},
                    counts(f.stages_reached),
                    counts(f.levels_reached),
                    counts(f.ended_in)};
    for (const auto& b : f.breakdowns)
        out.breakdowns.push_back({b.id, b.free_text, counts(b.counts)});
    for (const auto& t : f.timeliness)
        out.timeliness.push_back({t.deadline, t.share_on_time(), t.median_days, t.p90_days});
    return out;
}

}  // namespace meldpunt::report
