#pragma once
// The register of improvement measures (issue 13): one row per measure, numbered per organisation,
// with what the register and the sweep select on as columns (status, unit, owner, due day, the day
// its next reminder falls) and the measure itself as JSON; and which cases each measure came from,
// so that a case's page lists the measures it led to.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/day.hpp"
#include "domain/measure/measure.hpp"
#include "storage/sql.hpp"

namespace meldpunt::storage {

struct StoredMeasure {
    std::string org;
    measure::Measure measure;
    int64_t version = 0;  // 1 when inserted, one more with every update
    std::optional<calendar::Day> review_on;
};

class Measures {
  public:
    explicit Measures(SqlConnection& db) : db_(db) {}

    // Adds `m` under the organisation's next number, which it returns (and sets in `m`).
    int64_t insert(const std::string& org, measure::Measure& m, std::optional<calendar::Day> review_on);
    // Writes `m` when it is still at `version`; false (nothing written) when another change came first.
    bool update(const std::string& org, const measure::Measure& m, int64_t version,
                std::optional<calendar::Day> review_on);
    std::optional<StoredMeasure> get(const std::string& org, int64_t number);
    // Every measure of the organisation, newest first.
    std::vector<StoredMeasure> list(const std::string& org);
    // The measures that came from case `reference`, newest first.
    std::vector<StoredMeasure> of_case(const std::string& org, const std::string& reference);
    // Measures whose next reminder falls on or before `bound`, at most `limit`, in number order.
    std::vector<StoredMeasure> due_for_review(calendar::Day bound, int limit);
    // Sets the day its next reminder falls, when the measure is still at `version` with the review
    // day `read` (a change since set that day itself; so did a new procedure version put in force).
    void set_review_on(const std::string& org, int64_t number, int64_t version,
                       std::optional<calendar::Day> read, std::optional<calendar::Day> day);
    // Has the next sweep look again at every measure of `org` still running with a due day (from
    // `day`), as a new version of the procedure may remind differently, or again after one that did
    // not. Their versions stay (an edit begun on a measure's page still applies); a review read
    // before writes nothing, as its review day is no longer the one it read.
    void review_running_again(const std::string& org, calendar::Day day);

  private:
    void link_cases(const std::string& org, const measure::Measure& m);

    SqlConnection& db_;
};

// A measure as the register keeps it (JSON), and back; exposed for tests.
std::string measure_json(const measure::Measure& m);
measure::Measure measure_from_json(int64_t number, const std::string& json);

}  // namespace meldpunt::storage
