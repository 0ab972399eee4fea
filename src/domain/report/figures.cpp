#include "domain/report/figures.hpp"

#include <algorithm>

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
    for (const auto& [key, count] : counted)
        if (key != kNotRecorded && std::find(known.begin(), known.end(), key) == known.end())
            out.push_back({key, count});
    if (const auto none = counted.find(kNotRecorded); none != counted.end())
        out.push_back({kNotRecorded, none->second});
    return out;
}

const procedure::Field* field_meaning(const procedure::Procedure& procedure, std::string_view meaning) {
    for (const auto& field : procedure.fields)
        if (field.analysis == meaning)
            return &field;
    return nullptr;
}

bool counts_values(const procedure::Field& field) {
    return field.type == procedure::FieldType::choice || field.type == procedure::FieldType::boolean;
}

// The value a case's analysis is counted under: its value for a field of choices, else whether
// anything was recorded.
std::string counted_value(const procedure::Field& field, const std::string& value) {
    if (value.empty() || counts_values(field))
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

FigureCounter::FigureCounter(const procedure::Procedure& procedure, procedure::ReportingPeriod period)
    : procedure_(procedure), period_(period) {}

bool FigureCounter::add(const CaseFigures& c) {
    if (c.received_on < period_.first || c.received_on > period_.last)
        return false;
    if (c.merged) {
        ++figures_.merged;
        return true;
    }
    ++figures_.received;
    ++(c.closed ? figures_.closed : figures_.open);
    if (!c.admissible)
        ++figures_.inadmissible;
    if (!c.admissible && c.inadmissible_by == rules::rule_kind_id(rules::RuleKind::lapse))
        ++figures_.lapsed;
    ++by_["kind"][c.kind];
    ++by_["channel"][c.channel];
    ++by_["unit"][c.unit];
    for (const auto meaning : procedure::kAnalysisMeanings) {
        const auto* field = field_meaning(procedure_, meaning);
        if (!field)
            continue;
        const auto value = c.analysis.find(std::string(meaning));
        ++by_[std::string(meaning)][counted_value(*field, value == c.analysis.end() ? "" : value->second)];
    }
    ++months_[month_key(c.received_on)];
    for (const auto& stage : c.stages_reached)
        ++stages_[stage];
    std::vector<std::string> levels;
    for (const auto& stage : c.stages_reached)
        for (const auto& known : procedure_.stages)
            if (known.id == stage && !known.level.empty() &&
                std::find(levels.begin(), levels.end(), known.level) == levels.end())
                levels.push_back(known.level);
    for (const auto& level : levels)
        ++levels_[level];
    if (!c.ended_in.empty())
        ++ended_[c.ended_in];
    for (const auto& d : c.deadlines) {
        auto& counts = deadlines_[d.id];
        switch (d.outcome) {
            case DeadlineOutcome::on_time:
                ++counts.counts.on_time;
                break;
            case DeadlineOutcome::late:
                ++counts.counts.late;
                break;
            case DeadlineOutcome::overdue:
                ++counts.counts.overdue;
                break;
            case DeadlineOutcome::running:
                ++counts.counts.running;
                break;
            case DeadlineOutcome::stopped:
                ++counts.counts.stopped;
                break;
        }
        if (d.working_days)
            ++counts.days_taken[*d.working_days];
    }
    return true;
}

Figures FigureCounter::result() const {
    Figures out = figures_;
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
        if (!counts_values(*field))
            known = {kRecorded};
        out.breakdowns.push_back(
            {std::string(meaning), !counts_values(*field), ordered(known, counted(std::string(meaning)))});
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
    for (const auto& [id, counts] : deadlines_)
        if (!procedure_.deadline(id))
            deadline_ids.push_back(id);
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
