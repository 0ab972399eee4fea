#include "storage/measures.hpp"

#include <nlohmann/json.hpp>

#include "storage/row_values.hpp"

namespace meldpunt::storage {

namespace {

// Both dialects. The number is the organisation's highest plus one; two writers who take the same
// number meet in the primary key, and the one who comes second (nothing returned) takes the next.
constexpr const char* kInsert =
    "INSERT INTO measures (org, number, status, unit, owner, due_on, review_on, decided_at, closed_at, "
    "proposed_at, version, data) "
    "VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM measures WHERE org = $1), $2, $3, $4, $5, $6, $7, "
    "$8, $9, 1, $10) ON CONFLICT (org, number) DO NOTHING RETURNING number";
constexpr const char* kUpdate =
    "UPDATE measures SET status = $3, unit = $4, owner = $5, due_on = $6, review_on = $7, decided_at = $8, "
    "closed_at = $9, version = version + 1, data = $10 WHERE org = $1 AND number = $2 AND version = $11";
constexpr const char* kColumns = "SELECT org, number, version, review_on, data FROM measures ";
constexpr const char* kUnlink = "DELETE FROM measure_cases WHERE org = $1 AND number = $2";
constexpr const char* kLink =
    "INSERT INTO measure_cases (org, reference, number) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
constexpr const char* kSetReview =
    "UPDATE measures SET review_on = $3 WHERE org = $1 AND number = $2 AND version = $4 "
    "AND review_on IS NOT DISTINCT FROM $5";

// The attempts at a number before giving up: each lost race means another measure was added.
constexpr int kNumberAttempts = 20;

StoredMeasure measure_from(const Row& row) {
    return {text(row, 0), measure_from_json(number(row, 1), text(row, 4)), number(row, 2),
            optional_day(row, 3)};
}

std::vector<StoredMeasure> measures_from(const std::vector<Row>& rows) {
    std::vector<StoredMeasure> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(measure_from(row));
    return out;
}

}  // namespace

std::string measure_json(const measure::Measure& m) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& e : m.history)
        history.push_back({{"at", e.at}, {"by", e.by}, {"what", e.what}, {"note", e.note}});
    const measure::Draft& d = m.draft;
    return nlohmann::json{{"title", d.title},
                          {"reason", d.reason},
                          {"cases", d.cases},
                          {"causes", d.causes},
                          {"unit", d.unit},
                          {"owner", d.owner},
                          {"due", d.due ? calendar::format_day(*d.due) : ""},
                          {"status", measure::status_name(m.status)},
                          {"decided_by", m.decided_by},
                          {"decided_at", m.decided_at ? nlohmann::json(*m.decided_at) : nlohmann::json()},
                          {"outcome", m.outcome},
                          {"closed_at", m.closed_at ? nlohmann::json(*m.closed_at) : nlohmann::json()},
                          {"history", history}}
        .dump();
}

measure::Measure measure_from_json(int64_t number, const std::string& json) {
    const auto j = nlohmann::json::parse(json);
    measure::Measure m;
    m.number = number;
    m.draft.title = j.value("title", "");
    m.draft.reason = j.value("reason", "");
    m.draft.cases = j.value("cases", std::vector<std::string>{});
    m.draft.causes = j.value("causes", std::vector<std::string>{});
    m.draft.unit = j.value("unit", "");
    m.draft.owner = j.value("owner", "");
    m.draft.due = calendar::parse_day(j.value("due", ""));
    m.status = measure::parse_status(j.value("status", "")).value_or(measure::Status::proposed);
    m.decided_by = j.value("decided_by", "");
    if (j.contains("decided_at") && j["decided_at"].is_number())
        m.decided_at = j["decided_at"].get<int64_t>();
    m.outcome = j.value("outcome", "");
    if (j.contains("closed_at") && j["closed_at"].is_number())
        m.closed_at = j["closed_at"].get<int64_t>();
    for (const auto& e : j.value("history", nlohmann::json::array()))
        m.history.push_back(
            {e.value("at", int64_t{0}), e.value("by", ""), e.value("what", ""), e.value("note", "")});
    if (m.history.empty())
        m.history.push_back({0, "", "proposed", ""});  // every measure was proposed by someone
    return m;
}

int64_t Measures::insert(const std::string& org, measure::Measure& m,
                         std::optional<calendar::Day> review_on) {
    const std::vector<SqlValue> params{org,
                                       std::string(measure::status_name(m.status)),
                                       m.draft.unit,
                                       m.draft.owner,
                                       day_value(m.draft.due),
                                       day_value(review_on),
                                       optional_number(m.decided_at),
                                       optional_number(m.closed_at),
                                       m.proposal().at,
                                       measure_json(m)};
    for (int attempt = 0; attempt < kNumberAttempts; ++attempt) {
        const auto rows = db_.query(kInsert, params);
        if (rows.empty())
            continue;
        m.number = number(rows.front(), 0);
        link_cases(org, m);
        return m.number;
    }
    throw StorageError("no number for a new measure after " + std::to_string(kNumberAttempts) + " attempts",
                       true);
}

bool Measures::update(const std::string& org, const measure::Measure& m, int64_t version,
                      std::optional<calendar::Day> review_on) {
    const std::vector<SqlValue> params{org,
                                       m.number,
                                       std::string(measure::status_name(m.status)),
                                       m.draft.unit,
                                       m.draft.owner,
                                       day_value(m.draft.due),
                                       day_value(review_on),
                                       optional_number(m.decided_at),
                                       optional_number(m.closed_at),
                                       measure_json(m),
                                       version};
    if (db_.execute(kUpdate, params) == 0)
        return false;
    link_cases(org, m);
    return true;
}

void Measures::link_cases(const std::string& org, const measure::Measure& m) {
    db_.execute(kUnlink, {org, m.number});
    for (const auto& reference : m.draft.cases)
        db_.execute(kLink, {org, reference, m.number});
}

std::optional<StoredMeasure> Measures::get(const std::string& org, int64_t number) {
    return first_row(db_.query(std::string(kColumns) + "WHERE org = $1 AND number = $2", {org, number}),
                     measure_from);
}

std::vector<StoredMeasure> Measures::list(const std::string& org) {
    return measures_from(db_.query(std::string(kColumns) + "WHERE org = $1 ORDER BY number DESC", {org}));
}

std::vector<StoredMeasure> Measures::of_case(const std::string& org, const std::string& reference) {
    return measures_from(db_.query(std::string(kColumns) +
                                       "WHERE org = $1 AND number IN (SELECT number FROM measure_cases "
                                       "WHERE org = $1 AND reference = $2) ORDER BY number DESC",
                                   {org, reference}));
}

std::vector<StoredMeasure> Measures::due_for_review(calendar::Day bound, int limit) {
    return measures_from(db_.query(std::string(kColumns) +
                                       "WHERE review_on IS NOT NULL AND review_on <= $1 ORDER BY org, number "
                                       "LIMIT $2",
                                   {calendar::format_day(bound), int64_t{limit}}));
}

void Measures::review_running_again(const std::string& org, calendar::Day day) {
    db_.execute(
        "UPDATE measures SET review_on = $2 WHERE org = $1 AND closed_at IS NULL AND due_on IS NOT NULL",
        {org, calendar::format_day(day)});
}

void Measures::set_review_on(const std::string& org, int64_t number, int64_t version,
                             std::optional<calendar::Day> read, std::optional<calendar::Day> day) {
    db_.execute(kSetReview, {org, number, day_value(day), version, day_value(read)});
}

}  // namespace meldpunt::storage
