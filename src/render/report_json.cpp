#include "render/report_json.hpp"

#include <functional>

#include "domain/calendar/instant.hpp"

namespace meldpunt::render {

namespace {

using Json = nlohmann::ordered_json;

Json period_json(const report::Report& report, const std::string& key,
                 const procedure::ReportingPeriod& period) {
    return Json{{"key", key},
                {"cadence", report.reporting.cadence},
                {"first_day", calendar::format_day(period.first)},
                {"last_day", calendar::format_day(period.last)}};
}

// The procedure's name for an id in a breakdown, or null.
Json name_of(const procedure::Procedure& procedure, const std::string& dimension, const std::string& key) {
    if (dimension == "kind")
        if (const auto* kind = procedure.kind(key))
            return kind->name;
    if (dimension == "unit")
        if (const auto* unit = procedure.unit(key))
            return unit->name;
    return nullptr;
}

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json published_counts(const std::vector<report::PublishedCount>& counts, const char* key_name,
                      const std::function<Json(const std::string&)>& name) {
    Json out = Json::array();
    for (const auto& c : counts) {
        Json row{{key_name, c.key == report::kNotRecorded ? Json(nullptr) : Json(c.key)}};
        if (name)
            row["name"] = name(c.key);
        row["count"] = c.count ? Json(*c.count) : Json(nullptr);
        out.push_back(std::move(row));
    }
    return out;
}

// A target the organisation assumed where the regulation names no term (Deadline::assumed): the
// reader of the figures is told it is no term of the regulation.
bool assumed_target(const procedure::Procedure& procedure, const std::string& id) {
    const auto* deadline = procedure.deadline(id);
    return deadline && deadline->assumed;
}

Json published_json(const report::Publication& f, const procedure::Procedure& procedure) {
    const auto count = [](const std::optional<int64_t>& n) { return n ? Json(*n) : Json(nullptr); };
    Json breakdowns = Json::object();
    for (const auto& b : f.breakdowns) {
        if (b.free_text) {
            std::optional<int64_t> recorded = 0, not_recorded = 0;
            for (const auto& c : b.counts)
                (c.key == report::kRecorded ? recorded : not_recorded) = c.count;
            breakdowns[b.id] = Json{
                {"free_text", true}, {"recorded", count(recorded)}, {"not_recorded", count(not_recorded)}};
            continue;
        }
        const std::function<Json(const std::string&)> name =
            b.id == "kind" || b.id == "unit"
                ? std::function<Json(const std::string&)>(
                      [&, id = b.id](const std::string& key) { return name_of(procedure, id, key); })
                : nullptr;
        breakdowns[b.id] = Json{{"free_text", false}, {"counts", published_counts(b.counts, "value", name)}};
    }
    Json timeliness = Json::array();
    for (const auto& t : f.timeliness)
        timeliness.push_back(Json{{"deadline", t.deadline},
                                  {"assumed", assumed_target(procedure, t.deadline)},
                                  {"share_on_time", optional_number(t.share_on_time)},
                                  {"median_working_days", optional_number(t.median_days)},
                                  {"p90_working_days", t.p90_days ? Json(*t.p90_days) : Json(nullptr)}});
    const auto stage_name = [&](const std::string& id) -> Json {
        const auto* stage = procedure.stage(id);
        return stage ? Json(stage->name) : Json(nullptr);
    };
    return Json{{"received", count(f.received)},
                {"closed", count(f.closed)},
                {"open", count(f.open)},
                {"breakdowns", std::move(breakdowns)},
                {"per_month", published_counts(f.per_month, "month", nullptr)},
                {"timeliness", std::move(timeliness)},
                {"stages_reached", published_counts(f.stages_reached, "stage", stage_name)},
                {"levels_reached", published_counts(f.levels_reached, "level", nullptr)},
                {"ended_in", published_counts(f.ended_in, "stage", stage_name)}};
}

// The report's own figures: every count (as the publication's shape, nothing hidden), then what
// only staff see: merged and inadmissible cases, and each deadline in full.
Json figures_json(const report::Figures& f, const procedure::Procedure& procedure) {
    Json out = published_json(report::in_full(f), procedure);
    out["merged"] = f.merged;
    out["inadmissible"] = f.inadmissible;
    out["lapsed"] = f.lapsed;
    Json timeliness = Json::array();
    for (const auto& t : f.timeliness) {
        const auto* deadline = procedure.deadline(t.deadline);
        timeliness.push_back(Json{{"deadline", t.deadline},
                                  {"name", deadline ? Json(deadline->name) : Json(nullptr)},
                                  {"assumed", deadline && deadline->assumed},
                                  {"on_time", t.on_time},
                                  {"late", t.late},
                                  {"overdue", t.overdue},
                                  {"running", t.running},
                                  {"stopped", t.stopped},
                                  {"share_on_time", optional_number(t.share_on_time())},
                                  {"median_working_days", optional_number(t.median_days)},
                                  {"p90_working_days", t.p90_days ? Json(*t.p90_days) : Json(nullptr)}});
    }
    out["timeliness"] = std::move(timeliness);
    return out;
}

// The improvement measures of a period: counts of the organisation's own actions, the same in the
// report and its publication.
Json measures_json(const report::MeasureFigures& m) {
    return Json{
        {"proposed", m.proposed}, {"decided", m.decided},         {"done", m.done},
        {"not_done", m.not_done}, {"open_at_end", m.open_at_end}, {"overdue_at_end", m.overdue_at_end}};
}

// The key of a count as written: null for what nobody recorded.
std::string key_of(const Json& value) {
    return value.is_null() ? std::string(report::kNotRecorded) : value.get<std::string>();
}

std::vector<report::Count> counts_from(const Json& rows, const char* key_name) {
    std::vector<report::Count> out;
    for (const auto& row : rows)
        out.push_back({key_of(row.at(key_name)), row.at("count").get<int64_t>()});
    return out;
}

report::Figures figures_from(const Json& f) {
    report::Figures out;
    out.received = f.at("received").get<int64_t>();
    out.closed = f.at("closed").get<int64_t>();
    out.open = f.at("open").get<int64_t>();
    out.merged = f.at("merged").get<int64_t>();
    out.inadmissible = f.at("inadmissible").get<int64_t>();
    out.lapsed = f.at("lapsed").get<int64_t>();
    for (const auto& [id, b] : f.at("breakdowns").items()) {
        report::Breakdown breakdown{id, b.at("free_text").get<bool>(), {}};
        if (breakdown.free_text) {
            breakdown.counts.push_back({report::kRecorded, b.at("recorded").get<int64_t>()});
            if (const auto none = b.at("not_recorded").get<int64_t>(); none > 0)
                breakdown.counts.push_back({report::kNotRecorded, none});
        } else {
            breakdown.counts = counts_from(b.at("counts"), "value");
        }
        out.breakdowns.push_back(std::move(breakdown));
    }
    out.per_month = counts_from(f.at("per_month"), "month");
    for (const auto& t : f.at("timeliness")) {
        report::Timeliness timeliness;
        timeliness.deadline = t.at("deadline").get<std::string>();
        timeliness.on_time = t.at("on_time").get<int64_t>();
        timeliness.late = t.at("late").get<int64_t>();
        timeliness.overdue = t.at("overdue").get<int64_t>();
        timeliness.running = t.at("running").get<int64_t>();
        timeliness.stopped = t.at("stopped").get<int64_t>();
        if (!t.at("median_working_days").is_null())
            timeliness.median_days = t.at("median_working_days").get<double>();
        if (!t.at("p90_working_days").is_null())
            timeliness.p90_days = t.at("p90_working_days").get<int>();
        out.timeliness.push_back(std::move(timeliness));
    }
    out.stages_reached = counts_from(f.at("stages_reached"), "stage");
    out.levels_reached = counts_from(f.at("levels_reached"), "level");
    out.ended_in = counts_from(f.at("ended_in"), "stage");
    return out;
}

report::MeasureFigures measures_from(const Json& m) {
    return {m.at("proposed").get<int64_t>(),    m.at("decided").get<int64_t>(),
            m.at("done").get<int64_t>(),        m.at("not_done").get<int64_t>(),
            m.at("open_at_end").get<int64_t>(), m.at("overdue_at_end").get<int64_t>()};
}

}  // namespace

bool read_frozen_figures(const Json& issued, report::Report& report) {
    try {
        auto figures = figures_from(issued.at("figures")), previous = figures_from(issued.at("previous"));
        auto measures = measures_from(issued.at("measures"));
        auto previous_measures = measures_from(issued.at("previous_measures"));
        report.figures = std::move(figures);
        report.previous = std::move(previous);
        report.measures = measures;
        report.previous_measures = previous_measures;
        return true;
    } catch (const Json::exception&) {
        return false;
    }
}

Json publication_json(const report::Report& report, const procedure::Procedure& procedure) {
    return Json{{"period", period_json(report, report.key, report.period)},
                {"complete", report.complete},
                {"previous_period", period_json(report, report.previous_key, report.previous_period)},
                {"smallest_shown", report::kSmallestPublished},
                {"figures", published_json(report::publish(report.figures), procedure)},
                {"previous", published_json(report::publish(report.previous), procedure)},
                {"measures", measures_json(report.measures)},
                {"previous_measures", measures_json(report.previous_measures)}};
}

Json report_json(const report::Report& report, const procedure::Procedure& procedure) {
    return Json{{"period", period_json(report, report.key, report.period)},
                {"complete", report.complete},
                {"previous_period", period_json(report, report.previous_key, report.previous_period)},
                {"made_at", calendar::format_instant(report.made_at)},
                {"procedure_version", report.procedure_version},
                {"to", report.reporting.to},
                {"prepared_by", report.reporting.prepared_by},
                {"figures", figures_json(report.figures, procedure)},
                {"previous", figures_json(report.previous, procedure)},
                {"measures", measures_json(report.measures)},
                {"previous_measures", measures_json(report.previous_measures)}};
}

}  // namespace meldpunt::render
