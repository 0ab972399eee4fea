#include "domain/report/figures.hpp"

#include <algorithm>
#include <cstdlib>

#include "domain/calendar/day.hpp"
#include "domain/procedure/analysis.hpp"
#include "domain/procedure/channels.hpp"

namespace meldpunt::report {

namespace {

// `known` in order, each with its count (zero when none), then the other values counted in their
// own order, `kNotRecorded` last.
std::vector<Count> ordered(const std::vector<std::string>& known,
                           const std::map<std::string, int64_t>& counted) {
    std::vector<Count> out;
    for (const auto& key : known) {
        const auto found = counted.find(key);
        out.push_back({key, found == counted.end() ? 0 : found->second});
    }
    // A value no case has any more (its tally went back to zero) has no row.
    for (const auto& [key, count] : counted)
        if (count != 0 && key != kNotRecorded && std::find(known.begin(), known.end(), key) == known.end())
            out.push_back({key, count});
    if (const auto none = counted.find(kNotRecorded); none != counted.end() && none->second != 0)
        out.push_back({kNotRecorded, none->second});
    return out;
}

const procedure::Field* field_meaning(const procedure::Procedure& procedure, std::string_view meaning) {
    for (const auto& field : procedure.fields)
        if (field.analysis == meaning)
            return &field;
    return nullptr;
}

// The value a case's analysis is counted under: its value for a field of choices, else whether
// anything was recorded.
std::string counted_value(const procedure::Field& field, const std::string& value) {
    if (value.empty() || counted_by_value(field))
        return value;
    return kRecorded;
}

double median_of(const std::map<int, int64_t>& histogram, int64_t total) {
    // The values at ranks (total + 1) / 2 and (total + 2) / 2, counted from 1.
    const int64_t low_rank = (total + 1) / 2, high_rank = (total + 2) / 2;
    std::optional<int> low, high;
    int64_t seen = 0;
    for (const auto& [days, count] : histogram) {
        seen += count;
        if (!low && seen >= low_rank)
            low = days;
        if (!high && seen >= high_rank)
            high = days;
    }
    return (*low + *high) / 2.0;
}

int nearest_rank(const std::map<int, int64_t>& histogram, int64_t total, int percent) {
    const int64_t rank = (total * percent + 99) / 100;  // ceil(total * percent / 100)
    int64_t seen = 0;
    for (const auto& [days, count] : histogram) {
        seen += count;
        if (seen >= rank)
            return days;
    }
    return histogram.rbegin()->first;
}

}  // namespace

std::optional<double> Timeliness::share_on_time() const {
    const int64_t due = on_time + late + overdue;
    if (due == 0)
        return std::nullopt;
    return static_cast<double>(on_time) / static_cast<double>(due);
}

const Breakdown* Figures::breakdown(const std::string& id) const {
    for (const auto& b : breakdowns)
        if (b.id == id)
            return &b;
    return nullptr;
}

const Timeliness* Figures::deadline(const std::string& id) const {
    for (const auto& t : timeliness)
        if (t.deadline == id)
            return &t;
    return nullptr;
}

std::string month_key(calendar::Day day) {
    const std::chrono::year_month_day ymd{day};
    const unsigned month = static_cast<unsigned>(ymd.month());
    return std::to_string(static_cast<int>(ymd.year())) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

FigureCounter::FigureCounter(const procedure::Procedure& procedure, procedure::ReportingPeriod period,
                             calendar::Day as_of)
    : procedure_(procedure),
      period_(period),
      as_of_(as_of),
      first_month_(month_key(period.first)),
      last_month_(month_key(period.last)) {}

bool FigureCounter::add(const CaseFigures& c) {
    if (c.received_on < period_.first || c.received_on > period_.last)
        return false;
    for (auto& key : tally_keys(c))
        add(Tally{std::move(key), 1});
    return true;
}

bool FigureCounter::add(const Tally& tally) {
    const std::string& month = tally.key.month;
    const std::string& dimension = tally.key.dimension;
    const std::string& value = tally.key.value;
    if (month < first_month_ || month > last_month_)
        return false;
    const int64_t times = tally.count;
    const auto is = [&](const char* known) { return dimension == known; };
    if (is(dimension::kMerged)) {
        figures_.merged += times;
    } else if (is(dimension::kReceived)) {
        figures_.received += times;
        months_[month] += times;
    } else if (is(dimension::kClosed)) {
        figures_.closed += times;
    } else if (is(dimension::kInadmissible)) {
        figures_.inadmissible += times;
        if (value == rules::rule_kind_id(rules::RuleKind::lapse))
            figures_.lapsed += times;
    } else if (is(dimension::kStage)) {
        stages_[value] += times;
    } else if (is(dimension::kLevel)) {
        levels_[value] += times;
    } else if (is(dimension::kEnded)) {
        ended_[value] += times;
    } else if (dimension.starts_with(dimension::kDeadline)) {
        add_deadline(dimension.substr(std::string_view(dimension::kDeadline).size()), value, times);
    } else if (dimension.starts_with(dimension::kDaysTaken)) {
        const int days = std::atoi(value.c_str());
        deadlines_[dimension.substr(std::string_view(dimension::kDaysTaken).size())].days_taken[days] +=
            times;
    } else if (const auto* field = field_meaning(procedure_, dimension)) {
        by_[dimension][counted_value(*field, value)] += times;
    } else if (is(dimension::kKind) || is(dimension::kChannel) || is(dimension::kUnit)) {
        by_[dimension][value] += times;
    }
    return true;
}

void FigureCounter::add_deadline(const std::string& id, const std::string& value, int64_t times) {
    auto& counts = deadlines_[id].counts;
    if (value == kOnTime) {
        counts.on_time += times;
    } else if (value == kLate) {
        counts.late += times;
    } else if (value == kStopped) {
        counts.stopped += times;
    } else if (value == kOverdue) {
        counts.overdue += times;
    } else if (value.starts_with(kDuePrefix)) {
        const auto due =
            calendar::parse_day(std::string_view(value).substr(std::string_view(kDuePrefix).size()));
        (due && as_of_ > *due ? counts.overdue : counts.running) += times;
    } else {
        counts.running += times;
    }
}

Figures FigureCounter::result() const {
    Figures out = figures_;
    out.open = out.received - out.closed;
    const auto counted = [&](const std::string& id) {
        const auto found = by_.find(id);
        return found == by_.end() ? std::map<std::string, int64_t>{} : found->second;
    };
    std::vector<std::string> kinds, units;
    for (const auto& kind : procedure_.kinds)
        kinds.push_back(kind.id);
    for (const auto& unit : procedure_.units)
        units.push_back(unit.id);
    out.breakdowns.push_back({"kind", false, ordered(kinds, counted("kind"))});
    out.breakdowns.push_back({"channel", false, ordered(procedure::known_channels(), counted("channel"))});
    out.breakdowns.push_back({"unit", false, ordered(units, counted("unit"))});
    for (const auto meaning : procedure::kAnalysisMeanings) {
        const auto* field = field_meaning(procedure_, meaning);
        if (!field)
            continue;
        std::vector<std::string> known = field->options;
        if (field->type == procedure::FieldType::boolean)
            known = {"true", "false"};
        if (!counted_by_value(*field))
            known = {kRecorded};
        // What nobody recorded is not tallied: the cases received less those with a value.
        auto values = counted(std::string(meaning));
        int64_t with_value = 0;
        for (const auto& [value, count] : values)
            with_value += count;
        if (out.received > with_value)
            values[kNotRecorded] = out.received - with_value;
        out.breakdowns.push_back({std::string(meaning), !counted_by_value(*field), ordered(known, values)});
    }
    for (auto month = std::chrono::year_month_day{period_.first}.year() /
                      std::chrono::year_month_day{period_.first}.month();
         calendar::Day{month / 1} <= period_.last; month += std::chrono::months{1}) {
        const auto key = month_key(calendar::Day{month / 1});
        const auto found = months_.find(key);
        out.per_month.push_back({key, found == months_.end() ? 0 : found->second});
    }
    // Deadlines and stages of an older procedure version that this one no longer has keep rows of
    // their own after the procedure's, like a breakdown's unknown values (ordered).
    std::vector<std::string> deadline_ids, stage_ids, final_ids, level_order;
    for (const auto& deadline : procedure_.deadlines)
        deadline_ids.push_back(deadline.id);
    for (const auto& [id, counts] : deadlines_) {
        const auto& c = counts.counts;
        if (!procedure_.deadline(id) && c.on_time + c.late + c.overdue + c.running + c.stopped != 0)
            deadline_ids.push_back(id);
    }
    for (const auto& id : deadline_ids) {
        Timeliness t;
        if (const auto found = deadlines_.find(id); found != deadlines_.end()) {
            t = found->second.counts;
            const auto& days = found->second.days_taken;  // of those met
            int64_t met = 0;
            for (const auto& [taken, count] : days)
                met += count;
            if (met > 0) {
                t.median_days = median_of(days, met);
                t.p90_days = nearest_rank(days, met, 90);
            }
        }
        t.deadline = id;
        out.timeliness.push_back(std::move(t));
    }
    for (const auto& stage : procedure_.stages) {
        stage_ids.push_back(stage.id);
        if (stage.final)
            final_ids.push_back(stage.id);
        if (!stage.level.empty() &&
            std::find(level_order.begin(), level_order.end(), stage.level) == level_order.end())
            level_order.push_back(stage.level);
    }
    out.stages_reached = ordered(stage_ids, stages_);
    out.levels_reached = ordered(level_order, levels_);
    out.ended_in = ordered(final_ids, ended_);
    return out;
}

}  // namespace meldpunt::report
