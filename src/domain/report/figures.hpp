#pragma once
// The figures of one reporting period (issue 13), counted from the cases received in it: how many,
// of which kind, by which channel, for which unit; their analysis (cause, nature, verdict, outcome,
// compensation, satisfaction, evaluation: whatever the procedure marks); per deadline how many were
// met on time, late or not at all, with the median and 90th percentile of the working days taken;
// the stages and levels reached (mediation, committee, appeal); how they ended; the month each came
// in. Pure counting: the caller hands the cases over one by one (CaseFigures), so any number of
// cases is counted in memory that does not grow with them.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "domain/procedure/reporting_period.hpp"
#include "domain/report/case_figures.hpp"
#include "domain/report/tally.hpp"

namespace meldpunt::report {

struct Count {
    std::string key;  // a kind, stage, unit ... id; an option of a field; a month "2027-04"
    int64_t count = 0;
    bool operator==(const Count&) const = default;
};

// How the cases divide over one dimension: every key the procedure knows (also those no case
// had, so that a zero shows), then any other value recorded, then `kNotRecorded`.
struct Breakdown {
    std::string id;  // "kind", "channel", "unit" or an analysis meaning ("cause", "verdict" ...)
    // A field of free text is counted as recorded (kRecorded) or not: its words are no categories.
    bool free_text = false;
    std::vector<Count> counts;
    bool operator==(const Breakdown&) const = default;
};

struct Timeliness {
    std::string deadline;
    int64_t on_time = 0, late = 0, overdue = 0, running = 0, stopped = 0;
    // Of those met: working days taken. The median of an even number is the mean of the two in
    // the middle; the 90th percentile is the nearest rank (the smallest value with at least 90% of
    // them at or below it). Both nullopt when none was met.
    std::optional<double> median_days;
    std::optional<int> p90_days;
    // on_time / (on_time + late + overdue): of those whose due day has come; nullopt when none has.
    std::optional<double> share_on_time() const;
    bool operator==(const Timeliness&) const = default;
};

struct Figures {
    int64_t received = 0;  // every case received in the period, merged duplicates not counted
    int64_t merged = 0;    // duplicates merged into another case
    int64_t closed = 0, open = 0;
    int64_t inadmissible = 0;  // by a rule of the procedure (a lapse, an anonymous signal)
    int64_t lapsed = 0;        // of those, filed after the right to complain lapsed (002 §Uitgangspunten 7)
    std::vector<Breakdown> breakdowns;   // kind, channel, unit, then the analysis in kAnalysisMeanings order
    std::vector<Count> per_month;        // every month of the period, in order
    std::vector<Timeliness> timeliness;  // the procedure's deadlines, in its order
    std::vector<Count> stages_reached;   // the procedure's stages, in its order
    std::vector<Count> levels_reached;   // the stages' levels ("bemiddeling", "extern" ...), in first order
    std::vector<Count> ended_in;         // the final stages, in the procedure's order
    bool operator==(const Figures&) const = default;

    const Breakdown* breakdown(const std::string& id) const;
    const Timeliness* deadline(const std::string& id) const;
};

// Counts cases into the figures of one period under one procedure (the version in force when
// the report is made: its names, options and deadlines are the report's rows).
class FigureCounter {
  public:
    // `as_of`: the day the figures are made; a deadline not met is overdue after its due day.
    FigureCounter(const procedure::Procedure& procedure, procedure::ReportingPeriod period,
                  calendar::Day as_of);

    // Counts `c` if it was received in the period; answers whether it was.
    bool add(const CaseFigures& c);
    // Counts a tally of the register (tally.hpp) if its month is in the period; answers whether it is.
    bool add(const Tally& tally);
    Figures result() const;

  private:
    void add_deadline(const std::string& id, const std::string& value, int64_t times);

    const procedure::Procedure& procedure_;
    procedure::ReportingPeriod period_;
    calendar::Day as_of_;
    std::string first_month_, last_month_;
    Figures figures_;
    // dimension → value → count, kept apart from the ordered result until it is asked for.
    std::map<std::string, std::map<std::string, int64_t>> by_;
    std::map<std::string, int64_t> months_, stages_, levels_, ended_;
    struct DeadlineCounts {
        Timeliness counts;
        std::map<int, int64_t> days_taken;  // working days → how many were met in them
    };
    std::map<std::string, DeadlineCounts> deadlines_;
};

// "2027-04": the key of the month `day` is in.
std::string month_key(calendar::Day day);

}  // namespace meldpunt::report
