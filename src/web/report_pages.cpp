// The reports per period (issue 13): the list of periods, and one period's report as tables with
// charts beside them, each figure next to the previous period's. The numbers are in the tables;
// the charts (SVG, drawn here, no JavaScript) show the same numbers for those who would rather look.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "domain/calendar/instant.hpp"

#include "domain/procedure/analysis.hpp"
#include "domain/report/publication.hpp"
#include "pdf/table_pdf.hpp"
#include "render/bar_chart.hpp"
#include "render/due_date_text.hpp"
#include "render/report_json.hpp"
#include "spreadsheet/workbook.hpp"
#include "web/case_view.hpp"
#include "web/content_disposition.hpp"
#include "web/handler_support.hpp"
#include "web/page_handlers.hpp"

namespace meldpunt::web {

namespace {

// A report refused: 403 for those who may not read reports, else 404 (no such period).
Response refused(WebContext& ctx, const WebCall& request, const service::ServiceError& e) {
    if (e.kind == service::ErrorKind::forbidden)
        return error_page(ctx, request, 403, "error.reports_forbidden");
    return error_page(ctx, request, 404, "error.no_such_report");
}

// A deadline by its name; a target the organisation assumed where the regulation names no term
// (002 §Uitgangspunten 5) says so, so that nobody reads it as the regulation's.
std::string deadline_label(const procedure::Procedure& p, const std::string& id,
                           const messages::Catalogue& t) {
    const auto* deadline = p.deadline(id);
    if (!deadline)
        return id;
    return deadline->assumed ? t.text("web.report.assumed_target", {deadline->name}) : deadline->name;
}

// The period in words: "2027", "2e kwartaal 2027", "april 2027".
std::string period_name(const procedure::Reporting& reporting, const procedure::ReportingPeriod& period,
                        const messages::Catalogue& t) {
    const std::chrono::year_month_day first{period.first};
    const std::string year = std::to_string(static_cast<int>(first.year()));
    const unsigned month = static_cast<unsigned>(first.month());
    if (reporting.cadence == "quarterly")
        return t.text("web.report.quarter", {std::to_string((month - 1) / 3 + 1), year});
    if (reporting.cadence == "monthly")
        return t.text("explain.month." + std::to_string(month)) + " " + year;
    return year;
}

std::string period_dates(const procedure::ReportingPeriod& period, const messages::Catalogue& t) {
    return t.text("web.report.from_to",
                  {render::long_date(period.first, t), render::long_date(period.last, t)});
}

std::string percent(const std::optional<double>& share) {
    return share ? std::to_string(static_cast<int>(std::lround(*share * 100))) + "%" : "–";
}

// A number of working days: whole, or with one decimal in the reader's notation ("4,5").
std::string days_text(const std::optional<double>& days, const messages::Catalogue& t) {
    if (!days)
        return "–";
    const long tenths = std::lround(*days * 10);
    if (tenths % 10 == 0)
        return std::to_string(tenths / 10);
    return std::to_string(tenths / 10) + t.text("web.report.decimal_mark") + std::to_string(tenths % 10);
}

std::optional<int64_t> count_of(const std::vector<report::PublishedCount>& counts, const std::string& key) {
    for (const auto& c : counts)
        if (c.key == key)
            return c.count;
    return 0;
}

std::string count_text(const std::optional<int64_t>& count, const messages::Catalogue& t) {
    return count ? std::to_string(*count) : t.text("web.report.hidden");
}

// The key figures beside the previous period's: received, closed and open; in the report itself
// (not its publication) also those declared inadmissible and the merged duplicates.
struct KeyFigure {
    const char* key;  // below web.report.
    std::optional<int64_t> now, before;
};

std::vector<KeyFigure> key_figures(const report::Publication& now, const report::Publication& before) {
    return {{"received", now.received, before.received},
            {"closed", now.closed, before.closed},
            {"open", now.open, before.open}};
}

// The improvement measures beside the previous period's: the organisation's own actions, shown as
// they are in the report and its publication alike.
void add_measure_figures(std::vector<KeyFigure>& out, const report::Report& r) {
    const auto& now = r.measures;
    const auto& before = r.previous_measures;
    out.push_back({"measures_proposed", now.proposed, before.proposed});
    out.push_back({"measures_decided", now.decided, before.decided});
    out.push_back({"measures_done", now.done, before.done});
    out.push_back({"measures_not_done", now.not_done, before.not_done});
    out.push_back({"measures_open", now.open_at_end, before.open_at_end});
    out.push_back({"measures_overdue", now.overdue_at_end, before.overdue_at_end});
}

std::vector<KeyFigure> key_figures(const report::Report& r) {
    auto out = key_figures(report::in_full(r.figures), report::in_full(r.previous));
    out.push_back({"inadmissible", r.figures.inadmissible, r.previous.inadmissible});
    out.push_back({"lapsed", r.figures.lapsed, r.previous.lapsed});
    out.push_back({"merged", r.figures.merged, r.previous.merged});
    add_measure_figures(out, r);
    return out;
}

mstch::array summary_rows(const std::vector<KeyFigure>& figures, const messages::Catalogue& t) {
    mstch::array out;
    for (const auto& f : figures)
        out.push_back(mstch::map{{"label", t.text(std::string("web.report.") + f.key)},
                                 {"value", count_text(f.now, t)},
                                 {"previous", count_text(f.before, t)}});
    return out;
}

// One table of the report (and its chart, when it has one): rows of label, this period, previous.
struct Section {
    std::string id, heading;
    std::vector<std::pair<std::string, report::PublishedCount>> rows;  // label, count
    std::vector<report::PublishedCount> previous;
    bool chart = false;
};

mstch::map section_data(const Section& s, const std::string& previous_name, const messages::Catalogue& t) {
    mstch::array rows;
    render::BarChart chart{s.id + "-chart",
                           s.heading,
                           t.text("web.report.chart_description", {s.heading}),
                           t.text("web.report.previous_period", {previous_name}),
                           t.text("web.report.this_period"),
                           t.text("web.report.hidden"),
                           {}};
    for (const auto& [label, count] : s.rows) {
        const auto previous = count_of(s.previous, count.key);
        rows.push_back(mstch::map{
            {"label", label}, {"value", count_text(count.count, t)}, {"previous", count_text(previous, t)}});
        chart.bars.push_back({label, count.count, previous});
    }
    mstch::map out{{"id", s.id}, {"heading", s.heading}, {"rows", rows}, {"has_chart", s.chart}};
    if (s.chart)
        out.emplace("chart", render::bar_chart_svg(chart));
    return out;
}

// How a recorded value of an analysis field reads.
std::string analysis_label(const procedure::Field& field, bool free_text, const std::string& key,
                           const messages::Catalogue& t) {
    if (key == report::kNotRecorded)
        return t.text("web.report.not_recorded");
    if (free_text)
        return t.text("web.report.recorded");
    if (field.type == procedure::FieldType::boolean)
        return key == "true" ? t.text("web.yes") : key == "false" ? t.text("web.no") : key;
    return option_label(key, t);
}

const procedure::Field* analysis_field(const procedure::Procedure& p, const std::string& meaning) {
    for (const auto& f : p.fields)
        if (!f.analysis.empty() && f.analysis == meaning)
            return &f;
    return nullptr;
}

// What a breakdown is called: "Soort", "Binnengekomen via", or the procedure's name of the field.
std::string breakdown_heading(const procedure::Procedure& p, const std::string& id,
                              const messages::Catalogue& t) {
    if (id == "kind" || id == "channel" || id == "unit")
        return t.text("web.report.by_" + id);
    const auto* field = analysis_field(p, id);
    return field ? field->name : id;
}

// A row of a breakdown in words: a kind's or unit's name, a channel, a recorded value.
std::string breakdown_label(const procedure::Procedure& p, const std::string& id, bool free_text,
                            const std::string& key, const messages::Catalogue& t) {
    if (id == "kind") {
        const auto* kind = p.kind(key);
        return kind ? kind->name : key;
    }
    if (id == "channel")
        return t.has("web.channel." + key) ? t.text("web.channel." + key) : key;
    if (id == "unit") {
        const auto* unit = p.unit(key);
        return key.empty() ? t.text("web.report.no_unit") : unit ? unit->name : key;
    }
    const auto* field = analysis_field(p, id);
    return field ? analysis_label(*field, free_text, key, t) : key;
}

// The counts of a report as JSON (render/report_json.hpp), each under a key that names it
// ("summary/received", "verdict/gegrond", "verdict/" for not recorded, "ended/afgehandeld"), in order.
std::vector<std::pair<std::string, int64_t>> flattened(const nlohmann::ordered_json& figures) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const char* name : {"received", "closed", "open", "inadmissible", "merged"})
        if (figures.contains(name) && figures[name].is_number())
            out.emplace_back(std::string("summary/") + name, figures[name].get<int64_t>());
    if (figures.contains("breakdowns") && figures["breakdowns"].is_object())
        for (const auto& [id, b] : figures["breakdowns"].items()) {
            if (b.value("free_text", false)) {
                out.emplace_back(id + "/" + report::kRecorded, b.value("recorded", int64_t{0}));
                out.emplace_back(id + "/", b.value("not_recorded", int64_t{0}));
                continue;
            }
            for (const auto& c : b.value("counts", nlohmann::ordered_json::array()))
                out.emplace_back(id + "/" + (c["value"].is_string() ? c["value"].get<std::string>() : ""),
                                 c.value("count", int64_t{0}));
        }
    for (const auto& c : figures.value("ended_in", nlohmann::ordered_json::array()))
        out.emplace_back("ended/" + c.value("stage", ""), c.value("count", int64_t{0}));
    return out;
}

// What changed since the report was issued, in words: each count that differs, then and now.
mstch::array changes_since(const nlohmann::ordered_json& issued, const nlohmann::ordered_json& now,
                           const procedure::Procedure& p, const messages::Catalogue& t) {
    const auto then_counts = flattened(issued), now_counts = flattened(now);
    std::map<std::string, int64_t> then_by_key(then_counts.begin(), then_counts.end());
    std::map<std::string, int64_t> now_by_key(now_counts.begin(), now_counts.end());
    std::vector<std::string> keys;
    for (const auto& counts : {then_counts, now_counts})
        for (const auto& [key, count] : counts)
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(key);
    mstch::array out;
    for (const auto& key : keys) {
        const int64_t before = then_by_key.count(key) ? then_by_key[key] : 0;
        const int64_t after = now_by_key.count(key) ? now_by_key[key] : 0;
        if (before == after)
            continue;
        const auto slash = key.find('/');
        const std::string group = key.substr(0, slash), value = key.substr(slash + 1);
        std::string label;
        if (group == "summary") {
            label = t.text("web.report." + value);
        } else if (group == "ended") {
            const auto* stage = p.stage(value);
            label = t.text("web.report.ended_in") + ": " + (stage ? stage->name : value);
        } else {
            label = breakdown_heading(p, group, t) + ": " +
                    breakdown_label(p, group, value == report::kRecorded, value, t);
        }
        out.push_back(
            mstch::map{{"label", label}, {"then", std::to_string(before)}, {"now", std::to_string(after)}});
    }
    return out;
}

const report::PublishedBreakdown* breakdown_of(const report::Publication& p, const std::string& id) {
    for (const auto& b : p.breakdowns)
        if (b.id == id)
            return &b;
    return nullptr;
}

// The tables of the report or its publication, `now` beside `before`.
std::vector<Section> sections_of(const report::Publication& now, const report::Publication& before,
                                 const procedure::Procedure& p, const messages::Catalogue& t) {
    std::vector<Section> out;
    // The previous period's months are other months: they are compared by their place in the period.
    Section months{"per-month", t.text("web.report.per_month"), {}, {}, true};
    for (size_t i = 0; i < now.per_month.size(); ++i) {
        const auto& month = now.per_month[i];
        const auto day = calendar::parse_day(month.key + "-01");
        const std::string label =
            day ? t.text("explain.month." +
                         std::to_string(static_cast<unsigned>(std::chrono::year_month_day{*day}.month())))
                : month.key;
        months.rows.push_back({label, {std::to_string(i), month.count}});
        if (i < before.per_month.size())
            months.previous.push_back({std::to_string(i), before.per_month[i].count});
    }
    out.push_back(std::move(months));
    for (const auto& b : now.breakdowns) {
        if (b.id == "unit" && p.units.empty())
            continue;
        const auto* previous = breakdown_of(before, b.id);
        Section s{
            "by-" + b.id, "", {}, previous ? previous->counts : std::vector<report::PublishedCount>{}, false};
        s.heading = breakdown_heading(p, b.id, t);
        s.chart =
            b.id == "kind" || (!b.free_text && (b.id == "cause" || b.id == "nature" || b.id == "verdict"));
        for (const auto& c : b.counts) {
            const std::string label = breakdown_label(p, b.id, b.free_text, c.key, t);
            s.rows.push_back({label, c});
        }
        out.push_back(std::move(s));
    }
    Section stages{"stages", t.text("web.report.stages_reached"), {}, before.stages_reached, false};
    for (const auto& c : now.stages_reached) {
        const auto* stage = p.stage(c.key);
        if (stage && !stage->final)
            stages.rows.push_back({stage->name, c});
    }
    out.push_back(std::move(stages));
    Section ended{"ended", t.text("web.report.ended_in"), {}, before.ended_in, false};
    for (const auto& c : now.ended_in) {
        const auto* stage = p.stage(c.key);
        ended.rows.push_back({stage ? stage->name : c.key, c});
    }
    out.push_back(std::move(ended));
    return out;
}

mstch::array timeliness_rows(const report::Report& r, const procedure::Procedure& p,
                             const messages::Catalogue& t, render::BarChart& chart) {
    mstch::array rows;
    for (const auto& d : r.figures.timeliness) {
        const auto* before = r.previous.deadline(d.deadline);
        const std::string name = deadline_label(p, d.deadline, t);
        rows.push_back(mstch::map{
            {"name", name},
            {"on_time", std::to_string(d.on_time)},
            {"late", std::to_string(d.late)},
            {"overdue", std::to_string(d.overdue)},
            {"running", std::to_string(d.running)},
            {"stopped", std::to_string(d.stopped)},
            {"share", percent(d.share_on_time())},
            {"previous_share", percent(before ? before->share_on_time() : std::nullopt)},
            {"median", days_text(d.median_days, t)},
            {"p90", days_text(d.p90_days ? std::optional<double>(*d.p90_days) : std::nullopt, t)}});
        const auto share = d.share_on_time();
        const auto previous_share = before ? before->share_on_time() : std::nullopt;
        chart.bars.push_back({name, share ? std::lround(*share * 100) : 0,
                              previous_share ? std::optional<int64_t>(std::lround(*previous_share * 100))
                                             : std::optional<int64_t>(0)});
    }
    return rows;
}

}  // namespace

Response reports_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.reports.periods(who, who.org, ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto procedure = ctx.cases.current_procedure(who.org);
    mstch::array reportings;
    for (const auto& reporting : procedure->procedure.reporting) {
        mstch::array periods;
        for (const auto& entry : result.value()) {
            if (entry.reporting.cadence != reporting.cadence)
                continue;
            periods.push_back(mstch::map{{"href", "/werk/rapportages/" + entry.key},
                                         {"name", period_name(reporting, entry.period, t)},
                                         {"dates", period_dates(entry.period, t)},
                                         {"provisional", !entry.complete}});
        }
        reportings.push_back(mstch::map{{"cadence", t.text("web.report.cadence_" + reporting.cadence)},
                                        {"to", reporting.to},
                                        {"prepared_by", reporting.prepared_by},
                                        {"description", reporting.description},
                                        {"source", reporting.source},
                                        {"periods", periods}});
    }
    return html(
        ctx, request, 200,
        ctx.pages.render("reports", {{"reportings", reportings}, {"has_reportings", !reportings.empty()}},
                         request.frame(t.text("web.report.list_title"))));
}

Response report_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.reports.make(who, who.org, request.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto& r = result.value().report;
    const auto& p = result.value().procedure->procedure;
    const auto& calendar = result.value().procedure->calendar;
    const std::string name = period_name(r.reporting, r.period, t);
    const std::string previous_name = period_name(r.reporting, r.previous_period, t);
    const auto summary = summary_rows(key_figures(r), t);
    mstch::array sections;
    for (const auto& s : sections_of(report::in_full(r.figures), report::in_full(r.previous), p, t))
        sections.push_back(section_data(s, previous_name, t));
    render::BarChart on_time{"timeliness-chart",
                             t.text("web.report.timeliness_chart"),
                             t.text("web.report.chart_description", {t.text("web.report.timeliness_chart")}),
                             t.text("web.report.previous_period", {previous_name}),
                             t.text("web.report.this_period"),
                             t.text("web.report.hidden"),
                             {}};
    const auto timeliness = timeliness_rows(r, p, t, on_time);
    const auto made_on = calendar.local_day(r.made_at);
    mstch::map context{{"name", name},
                       {"dates", period_dates(r.period, t)},
                       {"previous_name", previous_name},
                       {"previous_dates", period_dates(r.previous_period, t)},
                       {"to", r.reporting.to},
                       {"prepared_by", r.reporting.prepared_by},
                       {"description", r.reporting.description},
                       {"provisional", !r.complete},
                       {"made_on", render::long_date(made_on, t)},
                       {"summary", summary},
                       {"sections", sections},
                       {"timeliness", timeliness},
                       {"has_timeliness", !r.figures.timeliness.empty()},
                       {"timeliness_chart", render::bar_chart_svg(on_time)},
                       {"publication_href", "/werk/rapportages/" + r.key + "/publicatie"},
                       {"key", r.key},
                       {"xlsx_href", "/werk/rapportages/" + r.key + "/rapportage.xlsx"},
                       {"closed_href", "/werk/rapportages/" + r.key + "/afgesloten-zaken.csv"},
                       {"pdf_href", "/werk/rapportages/" + r.key + "/rapportage.pdf"},
                       {"may_issue", r.complete && !result.value().issued}};
    if (const auto& issued = result.value().issued) {
        const auto frozen = nlohmann::ordered_json::parse(issued->report, nullptr, false);
        const auto changes =
            frozen.is_discarded()
                ? mstch::array{}
                : changes_since(frozen["figures"], render::report_json(r, p)["figures"], p, t);
        const auto names = people_names(ctx, who.org);
        const auto by = names.find(issued->issued_by);
        context.emplace(
            "issued",
            mstch::map{{"on", render::long_date(
                                  calendar.local_day(calendar::from_unix_seconds(issued->issued_at)), t)},
                       {"by", by == names.end() ? issued->issued_by : by->second},
                       {"version", std::to_string(issued->procedure_version)},
                       {"changes", changes},
                       {"has_changes", !changes.empty()}});
    }
    return html(ctx, request, 200,
                ctx.pages.render("report", context, request.frame(t.text("web.report.title", {name}))));
}

// The report as it may be published (002 §Registratie 5): small numbers hidden, no free text, only
// margins (report/publication.hpp).
Response publication_page(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.reports.to_publish(who, who.org, request.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto& r = result.value().report;
    const auto& p = result.value().procedure->procedure;
    const auto now = report::publish(r.figures), before = report::publish(r.previous);
    const std::string name = period_name(r.reporting, r.period, t);
    const std::string previous_name = period_name(r.reporting, r.previous_period, t);
    auto published_figures = key_figures(now, before);
    add_measure_figures(published_figures, r);
    const auto summary = summary_rows(published_figures, t);
    mstch::array sections;
    for (const auto& s : sections_of(now, before, p, t))
        sections.push_back(section_data(s, previous_name, t));
    mstch::array timeliness;
    for (size_t i = 0; i < now.timeliness.size(); ++i) {
        const auto& d = now.timeliness[i];
        const auto previous =
            i < before.timeliness.size() ? before.timeliness[i].share_on_time : std::nullopt;
        timeliness.push_back(mstch::map{
            {"name", deadline_label(p, d.deadline, t)},
            {"share", percent(d.share_on_time)},
            {"previous_share", percent(previous)},
            {"median", days_text(d.median_days, t)},
            {"p90", days_text(d.p90_days ? std::optional<double>(*d.p90_days) : std::nullopt, t)}});
    }
    mstch::map context{{"name", name},
                       {"dates", period_dates(r.period, t)},
                       {"previous_name", previous_name},
                       {"provisional", !r.complete},
                       {"description", r.reporting.description},
                       {"report_href", "/werk/rapportages/" + r.key},
                       {"summary", summary},
                       {"sections", sections},
                       {"timeliness", timeliness},
                       {"has_timeliness", !now.timeliness.empty()}};
    return html(ctx, request, 200,
                ctx.pages.render("publication", context,
                                 request.frame(t.text("web.report.publication_title", {name}))));
}

// Issues the report of an ended period: its figures are kept as they are now (service/reports.hpp).
Response report_issue(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    auto result = ctx.reports.issue(who, who.org, request.params.at("period"), ctx.now());
    if (auto* e = result.failure()) {
        if (e->kind == service::ErrorKind::conflict)
            return redirect(ctx, request, "/werk/rapportages/" + request.params.at("period"));
        return refused(ctx, request, *e);
    }
    return redirect(ctx, request, "/werk/rapportages/" + request.params.at("period") + "?uitgebracht=1");
}

namespace {

spreadsheet::Date date_of(calendar::Day day) {
    const std::chrono::year_month_day ymd{day};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

spreadsheet::Cell number_or_empty(const std::optional<int64_t>& n) {
    return n ? spreadsheet::Cell{*n} : spreadsheet::Cell{};
}

// The report as the workbook's sheets: the period, the key figures, the deadlines, then each table
// of the page, every figure beside the previous period's.
std::vector<spreadsheet::Sheet> report_sheets(const report::Report& r, const procedure::Procedure& p,
                                              const calendar::WorkingCalendar& calendar,
                                              const messages::Catalogue& t) {
    const std::string name = period_name(r.reporting, r.period, t);
    const std::string previous_name = period_name(r.reporting, r.previous_period, t);
    std::vector<std::string> taken;
    std::vector<spreadsheet::Sheet> out;
    out.push_back({spreadsheet::sheet_name(t.text("web.report.sheet_period"), taken),
                   {t.text("web.report.figure"), name},
                   {{t.text("web.report.sheet_first_day"), date_of(r.period.first)},
                    {t.text("web.report.sheet_last_day"), date_of(r.period.last)},
                    {t.text("web.report.made_on"), date_of(calendar.local_day(r.made_at))},
                    {t.text("web.report.to"), r.reporting.to},
                    {t.text("web.report.prepared_by"), r.reporting.prepared_by},
                    {t.text("web.report.compared_with"), previous_name}}});
    spreadsheet::Sheet summary{spreadsheet::sheet_name(t.text("web.report.summary"), taken),
                               {t.text("web.report.figure"), name, previous_name},
                               {}};
    for (const auto& f : key_figures(r))
        summary.rows.push_back(
            {t.text(std::string("web.report.") + f.key), number_or_empty(f.now), number_or_empty(f.before)});
    out.push_back(std::move(summary));
    spreadsheet::Sheet deadlines{
        spreadsheet::sheet_name(t.text("web.report.timeliness"), taken),
        {t.text("web.report.deadline"), t.text("web.report.on_time"), t.text("web.report.late"),
         t.text("web.report.overdue"), t.text("web.report.running_deadlines"), t.text("web.report.stopped"),
         t.text("web.report.share_on_time"), t.text("web.report.share_before"), t.text("web.report.median"),
         t.text("web.report.p90")},
        {}};
    for (const auto& d : r.figures.timeliness) {
        const auto* before = r.previous.deadline(d.deadline);
        const auto share = d.share_on_time();
        const auto previous_share = before ? before->share_on_time() : std::nullopt;
        deadlines.rows.push_back(
            {deadline_label(p, d.deadline, t), d.on_time, d.late, d.overdue, d.running, d.stopped,
             share ? spreadsheet::Cell{spreadsheet::Fraction{*share, true}} : spreadsheet::Cell{},
             previous_share ? spreadsheet::Cell{spreadsheet::Fraction{*previous_share, true}}
                            : spreadsheet::Cell{},
             d.median_days ? spreadsheet::Cell{spreadsheet::Fraction{*d.median_days, false}}
                           : spreadsheet::Cell{},
             d.p90_days ? spreadsheet::Cell{int64_t{*d.p90_days}} : spreadsheet::Cell{}});
    }
    out.push_back(std::move(deadlines));
    for (const auto& section : sections_of(report::in_full(r.figures), report::in_full(r.previous), p, t)) {
        spreadsheet::Sheet sheet{
            spreadsheet::sheet_name(section.heading, taken), {section.heading, name, previous_name}, {}};
        for (const auto& [label, count] : section.rows)
            sheet.rows.push_back({label, number_or_empty(count.count),
                                  number_or_empty(count_of(section.previous, count.key))});
        out.push_back(std::move(sheet));
    }
    return out;
}

// A cell of the workbook as the PDF writes it, in the reader's notation.
std::string cell_text(const spreadsheet::Cell& cell, const messages::Catalogue& t) {
    if (const auto* text = std::get_if<std::string>(&cell))
        return *text;
    if (const auto* number = std::get_if<int64_t>(&cell))
        return std::to_string(*number);
    if (const auto* fraction = std::get_if<spreadsheet::Fraction>(&cell))
        return fraction->percent ? percent(fraction->value) : days_text(fraction->value, t);
    if (const auto* date = std::get_if<spreadsheet::Date>(&cell))
        return render::long_date(calendar::make_day(date->year, static_cast<unsigned>(date->month),
                                                    static_cast<unsigned>(date->day)),
                                 t);
    return "–";
}

// The report as the PDF lays it out: the workbook's tables, each count of a breakdown with a bar.
pdf::TableDocument report_document(const report::Report& r, const procedure::Procedure& p,
                                   const calendar::WorkingCalendar& calendar, const messages::Catalogue& t) {
    pdf::TableDocument doc;
    doc.title = t.text("web.report.title", {period_name(r.reporting, r.period, t)});
    doc.author = p.meta.organisation;
    doc.lines = {period_dates(r.period, t), p.meta.organisation};
    if (!r.complete)
        doc.lines.push_back(t.text("web.report.provisional"));
    doc.page_format = t.text("pdf.page", {"{0}", "{1}"});  // filled in per page by the PDF
    const auto sheets = report_sheets(r, p, calendar, t);
    for (size_t i = 0; i < sheets.size(); ++i) {
        const auto& sheet = sheets[i];
        pdf::PdfTable table{sheet.name, sheet.header, {}, {}};
        const bool breakdown = i >= 3;  // after the period, the key figures and the deadlines
        for (const auto& row : sheet.rows) {
            auto& cells = table.rows.emplace_back();
            for (const auto& cell : row)
                cells.push_back(cell_text(cell, t));
            if (breakdown) {
                const auto* count = row.size() > 1 ? std::get_if<int64_t>(&row[1]) : nullptr;
                table.bars.push_back(count ? static_cast<double>(*count) : 0);
            }
        }
        doc.tables.push_back(std::move(table));
    }
    return doc;
}

// The period's report as a download made by `render` (the report, its procedure, its calendar and the
// reader's catalogue to the file's bytes) of `type`, named rapportage-<period><extension>.
Response report_download(
    WebContext& ctx, const WebCall& request, const char* type, const char* extension,
    const std::function<std::string(const service::MadeReport&, const messages::Catalogue&)>& render) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.reports.make(who, who.org, request.params.at("period"), ctx.now());
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    const auto& made = result.value();
    return {
        200,
        type,
        render(made, t),
        {{"Content-Disposition",
          content_disposition("attachment", t.text("web.report.file_name", {made.report.key}) + extension)},
         {"X-Content-Type-Options", "nosniff"},
         {"Cache-Control", "no-store"}}};
}

}  // namespace

// The report as a PDF: the same tables as the workbook, laid out on A4 with page numbers.
Response report_pdf(WebContext& ctx, const WebCall& request) {
    return report_download(ctx, request, "application/pdf", ".pdf", [](const auto& made, const auto& t) {
        return pdf::render_tables(
            report_document(made.report, made.procedure->procedure, made.procedure->calendar, t));
    });
}

// The report as an Excel workbook: one sheet per table, numbers as numbers, dates as dates.
Response report_xlsx(WebContext& ctx, const WebCall& request) {
    return report_download(ctx, request, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           ".xlsx", [](const auto& made, const auto& t) {
                               return spreadsheet::workbook_bytes(report_sheets(
                                   made.report, made.procedure->procedure, made.procedure->calendar, t));
                           });
}

// The cases closed in the period as an ERP imports them (service/closed_case_export.hpp; 003
// §Afsluiten klacht): the same CSV the API gives.
Response report_closed_csv(WebContext& ctx, const WebCall& request) {
    const auto& who = *request.staff;
    const auto& t = request.catalogue(ctx);
    auto result = ctx.reports.closed_cases(who, who.org, request.params.at("period"));
    if (auto* e = result.failure())
        return refused(ctx, request, *e);
    note_access(ctx, request, service::kOpenedExport, "", "afgesloten-zaken.csv " + result.value().period);
    return {200,
            "text/csv; charset=utf-8",
            service::export_csv(result.value()),
            {{"Content-Disposition",
              content_disposition("attachment",
                                  t.text("web.report.closed_file_name", {result.value().period}) + ".csv")},
             {"X-Content-Type-Options", "nosniff"},
             {"Cache-Control", "no-store"}}};
}

}  // namespace meldpunt::web
