#include "service/closed_case_export.hpp"

#include <algorithm>
#include <set>

#include "domain/calendar/instant.hpp"
#include "domain/procedure/analysis.hpp"
#include "domain/procedure/reporting_period.hpp"
#include "domain/report/case_figures.hpp"

namespace meldpunt::service {

namespace {

constexpr int kPage = 500;

// The period a key names under any cadence: a year, a quarter or a month.
std::optional<procedure::ReportingPeriod> period_of(const std::string& key) {
    for (const char* cadence : {"annually", "quarterly", "monthly"}) {
        procedure::Reporting reporting;
        reporting.cadence = cadence;
        if (auto found = procedure::parse_period_key(reporting, key))
            return found;
    }
    return std::nullopt;
}

ClosedCaseRow row_of(const cases::Case& c, const loading::LoadedProcedure& loaded) {
    ClosedCaseRow row{c.reference,
                      calendar::format_day(c.received_on),
                      calendar::format_day(*c.closed_on),
                      c.kind,
                      c.channel,
                      c.unit,
                      c.stage,
                      report::working_days_between(loaded.calendar, c.received_on, *c.closed_on),
                      {},
                      ""};
    for (const auto& field : loaded.procedure.fields)
        if (!field.analysis.empty() && field.type == procedure::FieldType::choice)
            if (auto value = c.facts.find(field.id); value != c.facts.end())
                row.analysis[field.analysis] = value->second;
    for (const auto& action : loaded.procedure.actions)
        if (!action.external_reference.empty())
            if (auto value = c.facts.find(action.external_reference); value != c.facts.end())
                row.erp_reference = value->second;
    return row;
}

// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180), and a leading
// = + - @ made harmless for a spreadsheet that opens the file.
std::string csv_field(const std::string& value) {
    std::string v = value;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
        v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string out = "\"";
    for (char ch : v) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    return out + "\"";
}

}  // namespace

Result<ClosedCaseExport> ClosedCaseExports::closed_in(const Principal& who, const std::string& org,
                                                      const std::string& period) {
    const auto days = period_of(period);
    if (!days)
        return ServiceError::invalid_field("period", "not_a_period");
    std::optional<ServiceError> error;
    ClosedCaseExport out{
        org, period, calendar::format_day(days->first), calendar::format_day(days->last), {}};
    store_.read([&](storage::Tx& tx) {
        error.reset();
        out.rows.clear();
        const int version = tx.orgs.procedure_in_force(org);
        auto current = version > 0 && who.org == org ? procedures_.get(tx, org, version) : nullptr;
        if (!current) {
            error = ServiceError::not_found("org");
            return;
        }
        if (!who.complainant_of.empty() || !visible_scope(who, current->procedure).all) {
            error = ServiceError::of(ErrorKind::forbidden, "reports_forbidden");
            return;
        }
        // The final stages of every version: a case closed under an earlier one keeps its stage.
        std::set<std::string> final_stages;
        for (int v = 1; v <= version; ++v)
            if (auto loaded = procedures_.get(tx, org, v))
                for (const auto& stage : loaded->procedure.stages)
                    if (stage.final)
                        final_stages.insert(stage.id);
        for (const auto& stage : final_stages) {
            storage::CaseQuery query;
            query.stage = stage;
            query.limit = kPage;
            for (;;) {
                const auto page = tx.cases.list(org, query);
                for (const auto& stored : page) {
                    const cases::Case& c = stored.state;
                    if (!c.closed_on || *c.closed_on < days->first || *c.closed_on > days->last ||
                        !c.merged_into.empty())
                        continue;
                    auto loaded = procedures_.get(tx, org, c.procedure_version);
                    if (loaded)
                        out.rows.push_back(row_of(c, *loaded));
                }
                if (static_cast<int>(page.size()) < kPage)
                    break;
                query.after_reference = page.back().state.reference;
                query.after_received = calendar::unix_seconds(page.back().state.received_at);
            }
        }
    });
    if (error)
        return *error;
    std::sort(out.rows.begin(), out.rows.end(), [](const ClosedCaseRow& a, const ClosedCaseRow& b) {
        return std::tie(a.closed_on, a.reference) < std::tie(b.closed_on, b.reference);
    });
    return out;
}

std::string export_csv(const ClosedCaseExport& e) {
    std::string out = "reference,received_on,closed_on,kind,channel,unit,final_stage,working_days";
    for (const auto meaning : procedure::kAnalysisMeanings)
        out += "," + std::string(meaning);
    out += ",erp_reference\r\n";
    for (const auto& r : e.rows) {
        out += csv_field(r.reference) + "," + r.received_on + "," + r.closed_on + "," + csv_field(r.kind) +
               "," + csv_field(r.channel) + "," + csv_field(r.unit) + "," + csv_field(r.final_stage) + "," +
               std::to_string(r.working_days);
        for (const auto meaning : procedure::kAnalysisMeanings) {
            const auto found = r.analysis.find(std::string(meaning));
            out += "," + (found == r.analysis.end() ? std::string() : csv_field(found->second));
        }
        out += "," + csv_field(r.erp_reference) + "\r\n";
    }
    return out;
}

nlohmann::json export_json(const ClosedCaseExport& e) {
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& r : e.rows)
        cases.push_back({{"reference", r.reference},
                         {"received_on", r.received_on},
                         {"closed_on", r.closed_on},
                         {"kind", r.kind},
                         {"channel", r.channel},
                         {"unit", r.unit},
                         {"final_stage", r.final_stage},
                         {"working_days", r.working_days},
                         {"analysis", r.analysis},
                         {"erp_reference", r.erp_reference.empty() ? nlohmann::json(nullptr)
                                                                   : nlohmann::json(r.erp_reference)}});
    return {{"organisation", e.org},
            {"period", e.period},
            {"first_day", e.first},
            {"last_day", e.last},
            {"cases", cases}};
}

}  // namespace meldpunt::service
