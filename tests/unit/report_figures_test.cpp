// What a report counts (domain/report): the periods by their keys, one case's figures, and the
// counting of many into the figures of a period: zero rows for what nobody chose, values nobody
// knows kept, the median and 90th percentile of the working days taken, merged duplicates apart.
#include <gtest/gtest.h>

#include "domain/calendar/day.hpp"
#include "domain/report/case_figures.hpp"
#include "domain/report/figures.hpp"
#include "domain/report/publication.hpp"
#include "domain/report/tally.hpp"
#include "loading/procedure_loader.hpp"
#include "render/report_json.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

procedure::Reporting cadence(const char* name) {
    procedure::Reporting r;
    r.cadence = name;
    return r;
}

TEST(ReportingPeriod, AKeyNamesOnePeriodOfItsCadenceAndNothingElse) {
    const auto quarterly = cadence("quarterly"), annually = cadence("annually"), monthly = cadence("monthly");
    const auto q2 = procedure::parse_period_key(quarterly, "2027-Q2");
    ASSERT_TRUE(q2);
    EXPECT_EQ(q2->first, make_day(2027, 4, 1));
    EXPECT_EQ(q2->last, make_day(2027, 6, 30));
    EXPECT_EQ(procedure::period_key(quarterly, *q2), "2027-Q2");
    const auto year = procedure::parse_period_key(annually, "2028");
    ASSERT_TRUE(year);
    EXPECT_EQ(year->first, make_day(2028, 1, 1));
    EXPECT_EQ(year->last, make_day(2028, 12, 31));
    const auto february = procedure::parse_period_key(monthly, "2028-02");
    ASSERT_TRUE(february);
    EXPECT_EQ(february->last, make_day(2028, 2, 29));  // a leap year
    EXPECT_EQ(procedure::period_key(monthly, *february), "2028-02");

    for (const char* wrong : {"2027-Q5", "2027-Q0", "2027-Q02", "2027-q2", "2027Q2", "2027", "27-Q1",
                              "-027-Q1", "2027-Q-1", "1969-Q4", "", "abcd-Q1", "2027-Q2 "})
        EXPECT_FALSE(procedure::parse_period_key(quarterly, wrong)) << wrong;
    for (const char* wrong : {"2027-Q2", "2027-01", "20271", "202", "+2027"})
        EXPECT_FALSE(procedure::parse_period_key(annually, wrong)) << wrong;
    for (const char* wrong : {"2027-13", "2027-00", "2027-1", "2027--1", "2027"})
        EXPECT_FALSE(procedure::parse_period_key(monthly, wrong)) << wrong;
    EXPECT_FALSE(procedure::parse_period_key(cadence("weekly"), "2027"));
}

TEST(ReportingPeriod, ThePreviousPeriodCrossesTheYear) {
    const auto quarterly = cadence("quarterly");
    const auto q1 = *procedure::parse_period_key(quarterly, "2027-Q1");
    EXPECT_EQ(procedure::period_key(quarterly, procedure::previous_period(quarterly, q1)), "2026-Q4");
    const auto annually = cadence("annually");
    EXPECT_EQ(procedure::period_key(annually, procedure::previous_period(
                                                  annually, *procedure::parse_period_key(annually, "2027"))),
              "2026");
}

class ReportFigures : public ::testing::Test {
  protected:
    void SetUp() override {
        loaded_ =
            loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mensen-met-een-missie.toml")
                .loaded;
        ASSERT_TRUE(loaded_);
    }
    const procedure::Procedure& procedure() const { return loaded_->procedure; }
    procedure::ReportingPeriod q2() const {
        return *procedure::parse_period_key(procedure().reporting.front(), "2027-Q2");
    }
    report::CaseFigures complaint(calendar::Day received) const {
        report::CaseFigures c;
        c.kind = "complaint";
        c.channel = "email";
        c.unit = "campagnes";
        c.received_on = received;
        c.stages_reached = {"ontvangen"};
        return c;
    }
    static const report::Count& count(const report::Breakdown& b, const std::string& key) {
        for (const auto& c : b.counts)
            if (c.key == key)
                return c;
        throw std::out_of_range(key);
    }

    std::unique_ptr<loading::LoadedProcedure> loaded_;
};

TEST_F(ReportFigures, WorkingDaysSkipWeekendsAndHolidays) {
    const auto& calendar = loaded_->calendar;
    // Friday 23 April 2027 to Wednesday 28 April: Monday 26 counts, King's Day (Tuesday 27) not.
    EXPECT_EQ(report::working_days_between(calendar, make_day(2027, 4, 23), make_day(2027, 4, 28)), 2);
    EXPECT_EQ(report::working_days_between(calendar, make_day(2027, 4, 23), make_day(2027, 4, 23)), 0);
    EXPECT_EQ(report::working_days_between(calendar, make_day(2027, 4, 28), make_day(2027, 4, 23)), 0);
}

TEST_F(ReportFigures, EveryKnownValueHasARowAndWhatNobodyRecordedComesLast) {
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    auto a = complaint(make_day(2027, 4, 1));
    a.analysis = {{"verdict", "gegrond"},
                  {"cause", "communicatie"},
                  {"outcome", "Teruggebeld en uitgelegd"},
                  {"nature", ""}};
    auto b = complaint(make_day(2027, 6, 30));
    b.kind = "question";
    b.channel = "phone";
    b.analysis = {{"verdict", "gegrond"}, {"cause", ""}};
    auto c = complaint(make_day(2027, 5, 12));
    c.analysis = {{"verdict", "onbekend oordeel"}};  // a value of an older procedure version
    c.unit = "";
    EXPECT_TRUE(counter.add(a));
    EXPECT_TRUE(counter.add(b));
    EXPECT_TRUE(counter.add(c));
    EXPECT_FALSE(counter.add(complaint(make_day(2027, 3, 31))));  // the quarter before
    EXPECT_FALSE(counter.add(complaint(make_day(2027, 7, 1))));   // the quarter after
    const auto f = counter.result();
    EXPECT_EQ(f.received, 3);
    const auto& kinds = *f.breakdown("kind");
    EXPECT_EQ(count(kinds, "complaint").count, 2);
    EXPECT_EQ(count(kinds, "question").count, 1);
    const auto& channels = *f.breakdown("channel");
    EXPECT_EQ(channels.counts.size(), 5u);  // every channel, also those nobody used
    EXPECT_EQ(count(channels, "letter").count, 0);
    EXPECT_EQ(count(channels, "email").count, 2);
    const auto& verdicts = *f.breakdown("verdict");
    ASSERT_EQ(verdicts.counts.size(), 5u);  // four options, then the unknown value
    EXPECT_EQ(verdicts.counts[0].key, "gegrond");
    EXPECT_EQ(verdicts.counts[0].count, 2);
    EXPECT_EQ(verdicts.counts[3].count, 0);
    EXPECT_EQ(verdicts.counts[4].key, "onbekend oordeel");
    const auto& causes = *f.breakdown("cause");  // the procedure's list of causes
    EXPECT_FALSE(causes.free_text);
    EXPECT_EQ(count(causes, "communicatie").count, 1);
    EXPECT_EQ(count(causes, "bejegening").count, 0);
    EXPECT_EQ(count(causes, report::kNotRecorded).count, 2);  // empty, and never asked
    EXPECT_EQ(causes.counts.back().key, report::kNotRecorded);
    const auto& outcomes = *f.breakdown("outcome");  // free text: recorded or not
    EXPECT_TRUE(outcomes.free_text);
    EXPECT_EQ(count(outcomes, report::kRecorded).count, 1);
    EXPECT_EQ(count(outcomes, report::kNotRecorded).count, 2);
    const auto& natures = *f.breakdown("nature");
    EXPECT_EQ(count(natures, report::kNotRecorded).count, 3);
    EXPECT_EQ(count(*f.breakdown("unit"), "").count, 1);
    ASSERT_EQ(f.per_month.size(), 3u);
    EXPECT_EQ(f.per_month[0].key, "2027-04");
    EXPECT_EQ(f.per_month[0].count, 1);
    EXPECT_EQ(f.per_month[1].count, 1);
    EXPECT_EQ(f.per_month[2].count, 1);
}

// The "withdrawals, lapses and cases declared inadmissible": a lapse (002 §Uitgangspunten 7)
// is counted among the inadmissible and on its own.
TEST_F(ReportFigures, CasesDeclaredInadmissibleAreCountedWithThoseThatLapsedApart) {
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    auto lapsed = complaint(make_day(2027, 4, 6));
    lapsed.admissible = false;
    lapsed.inadmissible_by = "lapse";
    auto signal = complaint(make_day(2027, 4, 7));
    signal.admissible = false;
    signal.inadmissible_by = "anonymous_is_signal";
    EXPECT_TRUE(counter.add(lapsed));
    EXPECT_TRUE(counter.add(signal));
    EXPECT_TRUE(counter.add(complaint(make_day(2027, 4, 8))));
    const auto f = counter.result();
    EXPECT_EQ(f.received, 3);
    EXPECT_EQ(f.inadmissible, 2);
    EXPECT_EQ(f.lapsed, 1);
}

TEST_F(ReportFigures, AMergedDuplicateIsCountedApartAndNowhereElse) {
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    auto duplicate = complaint(make_day(2027, 4, 2));
    duplicate.merged = true;
    duplicate.closed = true;
    duplicate.ended_in = "afgehandeld";
    counter.add(duplicate);
    counter.add(complaint(make_day(2027, 4, 2)));
    const auto f = counter.result();
    EXPECT_EQ(f.merged, 1);
    EXPECT_EQ(f.received, 1);
    EXPECT_EQ(f.closed, 0);
    EXPECT_EQ(f.open, 1);
    EXPECT_EQ(count(*f.breakdown("kind"), "complaint").count, 1);
    for (const auto& ended : f.ended_in)
        EXPECT_EQ(ended.count, 0) << ended.key;
}

TEST_F(ReportFigures, TheMedianAndThe90thPercentileOfTheWorkingDaysTaken) {
    const auto counted = [&](const std::vector<int>& days,
                             const std::vector<report::DeadlineOutcome>& others = {}) {
        report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
        for (const int d : days) {
            auto c = complaint(make_day(2027, 5, 3));
            c.deadlines.push_back({"resolution",
                                   d <= 10 ? report::DeadlineOutcome::on_time : report::DeadlineOutcome::late,
                                   d});
            counter.add(c);
        }
        for (const auto outcome : others) {
            auto c = complaint(make_day(2027, 5, 3));
            c.deadlines.push_back({"resolution", outcome, std::nullopt});
            counter.add(c);
        }
        return *counter.result().deadline("resolution");
    };
    const auto odd = counted({7, 1, 12, 3, 5});
    EXPECT_EQ(odd.median_days, 5.0);
    EXPECT_EQ(odd.p90_days, 12);  // rank ceil(4.5) = 5 of 5
    EXPECT_EQ(odd.on_time, 4);
    EXPECT_EQ(odd.late, 1);
    const auto even = counted({4, 1, 3, 2});
    EXPECT_EQ(even.median_days, 2.5);
    EXPECT_EQ(even.p90_days, 4);
    std::vector<int> twenty;
    for (int d = 1; d <= 20; ++d)
        twenty.push_back(d);
    const auto many = counted(twenty, {report::DeadlineOutcome::overdue, report::DeadlineOutcome::running,
                                       report::DeadlineOutcome::stopped});
    EXPECT_EQ(many.p90_days, 18);
    EXPECT_EQ(many.median_days, 10.5);
    EXPECT_EQ(many.on_time, 10);
    EXPECT_EQ(many.late, 10);
    EXPECT_EQ(many.overdue, 1);
    EXPECT_EQ(many.running, 1);
    EXPECT_EQ(many.stopped, 1);
    ASSERT_TRUE(many.share_on_time());
    EXPECT_DOUBLE_EQ(*many.share_on_time(), 10.0 / 21.0);  // of those whose due day came
    const auto none = counted({}, {report::DeadlineOutcome::running});
    EXPECT_FALSE(none.median_days);
    EXPECT_FALSE(none.p90_days);
    EXPECT_FALSE(none.share_on_time());
}

TEST_F(ReportFigures, StagesLevelsAndEndingsInTheProcedureOrder) {
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    auto appealed = complaint(make_day(2027, 4, 5));
    appealed.stages_reached = {"ontvangen",        "in_behandeling",        "afgehandeld",
                               "beroep_ontvangen", "beroep_in_behandeling", "beroep_afgehandeld"};
    appealed.levels_reached = {"afdeling", "beroep"};
    appealed.closed = true;
    appealed.ended_in = "beroep_afgehandeld";
    auto withdrawn = complaint(make_day(2027, 4, 6));
    withdrawn.stages_reached = {"ontvangen", "ingetrokken"};
    withdrawn.levels_reached = {"afdeling"};
    withdrawn.closed = true;
    withdrawn.ended_in = "ingetrokken";
    counter.add(appealed);
    counter.add(withdrawn);
    const auto f = counter.result();
    EXPECT_EQ(f.closed, 2);
    ASSERT_EQ(f.stages_reached.size(), procedure().stages.size());
    EXPECT_EQ(f.stages_reached[0].key, "ontvangen");
    EXPECT_EQ(f.stages_reached[0].count, 2);
    std::map<std::string, int64_t> levels, ended;
    for (const auto& c : f.levels_reached)
        levels[c.key] = c.count;
    for (const auto& c : f.ended_in)
        ended[c.key] = c.count;
    EXPECT_EQ(levels["afdeling"], 2);
    EXPECT_EQ(levels["beroep"], 1);  // once, though two of its stages were reached
    EXPECT_EQ(ended["beroep_afgehandeld"], 1);
    EXPECT_EQ(ended["ingetrokken"], 1);
    EXPECT_EQ(ended["afgehandeld"], 0);  // passed through, not ended in
}

}  // namespace

namespace {

using meldpunt::report::Count;
using meldpunt::report::PublishedCount;

std::vector<std::optional<int64_t>> shown_counts(const std::vector<PublishedCount>& counts) {
    std::vector<std::optional<int64_t>> out;
    for (const auto& c : counts)
        out.push_back(c.count);
    return out;
}

TEST(Publication, CountsBelowFiveAreHiddenAndNoneCanBeWorkedOutFromTheWhole) {
    using meldpunt::report::suppressed;
    using meldpunt::report::Whole;
    const std::optional<int64_t> hidden;
    using Shown = std::vector<std::optional<int64_t>>;
    // One small part beside a shown whole: the smallest other part is hidden too.
    EXPECT_EQ(shown_counts(suppressed({{"a", 12}, {"b", 3}, {"c", 7}, {"d", 0}}, Whole::shown)),
              (Shown{12, hidden, hidden, 0}));
    // Counts that are no parts of one whole: only the small ones.
    EXPECT_EQ(shown_counts(suppressed({{"a", 12}, {"b", 3}, {"c", 7}}, Whole::none)), (Shown{12, hidden, 7}));
    // Two hidden that make 5 or more: enough.
    EXPECT_EQ(shown_counts(suppressed({{"a", 12}, {"b", 3}, {"c", 4}}, Whole::shown)),
              (Shown{12, hidden, hidden}));
    // Two hidden ones of 14 - 12 = 2 would each be 1: the 12 is hidden too.
    EXPECT_EQ(shown_counts(suppressed({{"a", 12}, {"b", 1}, {"c", 1}}, Whole::shown)),
              (Shown{hidden, hidden, hidden}));
    // Only zeros besides: they are hidden too, leaving unknowns.
    EXPECT_EQ(shown_counts(suppressed({{"a", 2}, {"b", 0}, {"c", 0}}, Whole::shown)),
              (Shown{hidden, hidden, hidden}));
    // A hidden whole the parts must not add up to: 12 + 6 would give it away.
    EXPECT_EQ(shown_counts(suppressed({{"a", 12}, {"b", 6}}, Whole::hidden)), (Shown{12, hidden}));
    // Five is shown; zero is shown.
    EXPECT_EQ(shown_counts(suppressed({{"a", 5}, {"b", 0}}, Whole::shown)), (Shown{5, 0}));
}

TEST_F(ReportFigures, APublicationCannotSingleOutTheOneComplaintAboutAUnit) {
    // A quarter with 9 complaints: 8 about one unit, 1 about campaigns, withdrawn on its first day.
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    for (int i = 0; i < 8; ++i) {
        auto c = complaint(make_day(2027, 4, 10 + i));
        c.unit = "programmas";
        c.analysis["verdict"] = "ongegrond";
        c.deadlines.push_back({"resolution", report::DeadlineOutcome::on_time, 4 + i});
        counter.add(c);
    }
    auto lone = complaint(make_day(2027, 5, 20));
    lone.closed = true;
    lone.ended_in = "ingetrokken";
    lone.stages_reached = {"ontvangen", "ingetrokken"};
    lone.analysis["verdict"] = "gegrond";
    lone.deadlines.push_back({"resolution", report::DeadlineOutcome::stopped, std::nullopt});
    counter.add(lone);
    const auto p = report::publish(counter.result());
    EXPECT_EQ(p.received, 9);
    EXPECT_FALSE(p.closed);  // 1
    EXPECT_FALSE(p.open);    // 8, but 9 - 8 would give the 1 away
    std::map<std::string, std::optional<int64_t>> units, verdicts, ended, months;
    for (const auto& b : p.breakdowns)
        for (const auto& c : b.counts)
            (b.id == "unit" ? units : b.id == "verdict" ? verdicts : ended)[c.key] = c.count;
    EXPECT_FALSE(units["campagnes"]);
    EXPECT_FALSE(units["programmas"]);  // 8 beside a total of 9: hidden with it
    EXPECT_EQ(units["financien_bedrijfsvoering"], 0);
    EXPECT_FALSE(verdicts["gegrond"]);
    EXPECT_FALSE(verdicts["ongegrond"]);
    for (const auto& c : p.ended_in)
        EXPECT_TRUE(c.count == 0 || !c.count) << c.key;
    ASSERT_EQ(p.per_month.size(), 3u);
    EXPECT_FALSE(p.per_month[0].count);  // April's 8, hidden beside May's 1
    EXPECT_FALSE(p.per_month[1].count);
    EXPECT_EQ(p.per_month[2].count, 0);
    const auto& resolution = *std::find_if(p.timeliness.begin(), p.timeliness.end(),
                                           [](const auto& t) { return t.deadline == "resolution"; });
    EXPECT_EQ(resolution.share_on_time, 1.0);  // 8 whose due day came
    EXPECT_EQ(resolution.median_days, 7.5);
    EXPECT_FALSE(resolution.p90_days);  // of 8: the longest, one person's case
    const auto& acknowledgement = *std::find_if(p.timeliness.begin(), p.timeliness.end(), [](const auto& t) {
        return t.deadline == "acknowledgement";
    });
    EXPECT_FALSE(acknowledgement.share_on_time);  // none
}

TEST_F(ReportFigures, WhereCasesEndedGivesNoHiddenCountOfTheOpenAway) {
    // 20 received, 2 still open: hidden with the closed 18; that the 18 ended as 12 + 6 would give
    // 20 - 18 = 2 away, so one of those is hidden; the final stages are not listed as reached.
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    for (int i = 0; i < 20; ++i) {
        auto c = complaint(make_day(2027, 4, 1 + i));
        if (i < 18) {
            c.closed = true;
            c.ended_in = i < 12 ? "afgehandeld" : "ingetrokken";
            c.stages_reached.push_back(c.ended_in);
        }
        counter.add(c);
    }
    const auto p = report::publish(counter.result());
    EXPECT_EQ(p.received, 20);
    EXPECT_FALSE(p.closed);
    EXPECT_FALSE(p.open);
    int64_t shown_sum = 0;
    size_t hidden = 0;
    for (const auto& c : p.ended_in) {
        shown_sum += c.count.value_or(0);
        hidden += c.count ? 0 : 1;
    }
    EXPECT_GE(hidden, 1u);
    EXPECT_LT(shown_sum, 18);
    for (const auto& stage : p.stages_reached)
        EXPECT_NE(stage.key, "ingetrokken");
}

TEST_F(ReportFigures, AShareOnTimeIsPublishedOnlyWhenNeitherOfItsPartsIsSmall) {
    const auto share_of = [&](int on_time, int late) {
        report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
        for (int i = 0; i < on_time + late; ++i) {
            auto c = complaint(make_day(2027, 5, 3));
            c.deadlines.push_back(
                {"resolution", i < on_time ? report::DeadlineOutcome::on_time : report::DeadlineOutcome::late,
                 3});
            counter.add(c);
        }
        const auto p = report::publish(counter.result());
        return std::find_if(p.timeliness.begin(), p.timeliness.end(),
                            [](const auto& t) { return t.deadline == "resolution"; })
            ->share_on_time;
    };
    EXPECT_FALSE(share_of(5, 1));  // 83% of 6 would say that one was late
    EXPECT_EQ(share_of(6, 0), 1.0);
    EXPECT_EQ(share_of(5, 5), 0.5);
}

}  // namespace

// What the register keeps of a case for the reports (tally.hpp): its tallies as a line, read back
// as they were, whatever its values hold; a deadline not met is read as of the report's day.
TEST_F(ReportFigures, ACasesTalliesSurviveTheirLineWhateverTheValuesHold) {
    auto c = complaint(make_day(2027, 5, 12));
    c.unit = "a|b;c:d%e\nf";  // every separator of the line, a percent sign and a line break
    c.analysis = {{"verdict", "deels gegrond"}, {"cause", ""}, {"outcome", report::kRecorded}};
    c.stages_reached = {"ontvangen", "in_behandeling"};
    c.levels_reached = {"afdeling"};
    c.deadlines.push_back({"acknowledgement", report::DeadlineOutcome::on_time, 3, std::nullopt});
    c.deadlines.push_back(
        {"resolution", report::DeadlineOutcome::running, std::nullopt, make_day(2027, 5, 26)});
    const auto keys = report::tally_keys(c);
    const auto line = report::tally_line(keys);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const auto read = report::keys_of_line(line);
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, keys);
    std::map<std::string, std::string> by_dimension;
    for (const auto& key : keys) {
        EXPECT_EQ(key.month, "2027-05");
        by_dimension[key.dimension] += key.value;
    }
    EXPECT_EQ(by_dimension["unit"], "a|b;c:d%e\nf");
    EXPECT_EQ(by_dimension["verdict"], "deels gegrond");
    EXPECT_EQ(by_dimension.count("cause"), 0u);  // nothing recorded is not tallied
    EXPECT_EQ(by_dimension["deadline:acknowledgement"], report::kOnTime);
    EXPECT_EQ(by_dimension["days:acknowledgement"], "3");
    EXPECT_EQ(by_dimension["deadline:resolution"], "due:2027-05-26");

    for (const char* damaged : {"", "2|2027-05|kind:complaint", "1|2027-13|kind:complaint", "1|2027-05|kind",
                                "1|2027-05|kind:a%4", "1|2027-05|kind:a%zz", "1|2027-05|:x", "1|2027-05"})
        EXPECT_FALSE(report::keys_of_line(damaged)) << damaged;
    EXPECT_EQ(report::keys_of_line("1||"), std::vector<report::TallyKey>{});

    // The deadline due on 26 May is running on that day and overdue from the day after.
    for (const auto& [as_of, overdue] :
         {std::pair{make_day(2027, 5, 26), 0}, std::pair{make_day(2027, 5, 27), 1}}) {
        report::FigureCounter counter(procedure(), q2(), as_of);
        for (const auto& key : *read)
            counter.add(report::Tally{key, 2});
        const auto f = counter.result();
        EXPECT_EQ(f.received, 2);
        EXPECT_EQ(f.deadline("resolution")->overdue, 2 * overdue);
        EXPECT_EQ(f.deadline("resolution")->running, 2 * (1 - overdue));
        EXPECT_EQ(f.deadline("acknowledgement")->median_days, 3.0);
        EXPECT_EQ(count(*f.breakdown("cause"), report::kNotRecorded).count, 2);  // received less recorded
        EXPECT_EQ(count(*f.breakdown("outcome"), report::kRecorded).count, 2);
    }
}

// A case written again changes the register's tallies by the difference only, and a value no case
// has any more leaves no row behind.
TEST_F(ReportFigures, ACaseWrittenAgainChangesTheTalliesByTheDifference) {
    auto before = complaint(make_day(2027, 4, 2));
    before.analysis = {{"verdict", "onbekend oordeel"}};
    auto after = before;
    after.analysis = {{"verdict", "gegrond"}};
    after.closed = true;
    after.ended_in = "afgehandeld";
    const auto difference = report::tally_difference(report::tally_keys(before), report::tally_keys(after));
    std::map<std::string, int64_t> change;
    for (const auto& tally : difference)
        change[tally.key.dimension + "=" + tally.key.value] += tally.count;
    EXPECT_EQ(change, (std::map<std::string, int64_t>{{"closed=", 1},
                                                      {"ended=afgehandeld", 1},
                                                      {"verdict=gegrond", 1},
                                                      {"verdict=onbekend oordeel", -1}}));
    EXPECT_TRUE(report::tally_difference(report::tally_keys(after), report::tally_keys(after)).empty());

    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    for (const auto& key : report::tally_keys(before))
        counter.add(report::Tally{key, 1});
    for (const auto& tally : difference)
        counter.add(tally);
    const auto f = counter.result();
    EXPECT_EQ(f.received, 1);
    EXPECT_EQ(f.closed, 1);
    EXPECT_EQ(f.open, 0);
    for (const auto& c : f.breakdown("verdict")->counts)
        EXPECT_NE(c.key, "onbekend oordeel");  // its count went back to zero
    EXPECT_EQ(count(*f.breakdown("verdict"), "gegrond").count, 1);
}

// An issued report is kept as its JSON; the version to publish of an issued period is made from
// the figures read back from it, which must be the figures that were written.
TEST_F(ReportFigures, TheFiguresOfAnIssuedReportReadBackAsTheyWereWritten) {
    report::Report r;
    r.reporting = procedure().reporting.front();
    r.key = "2027-Q2";
    r.period = q2();
    r.previous_key = "2027-Q1";
    r.previous_period = procedure::previous_period(r.reporting, r.period);
    report::FigureCounter counter(procedure(), q2(), make_day(2027, 7, 1));
    for (int i = 0; i < 30; ++i) {
        auto c = complaint(make_day(2027, 4 + i % 3, 1 + i));
        c.channel = i % 4 == 0 ? "letter" : "web";
        c.analysis = {{"verdict", i % 5 == 0 ? "" : "gegrond"}, {"outcome", i % 2 ? report::kRecorded : ""}};
        if (i % 7 == 0)
            c.analysis["verdict"] = "een oordeel van vroeger";
        c.closed = i % 3 == 0;
        if (c.closed) {
            c.ended_in = "afgehandeld";
            c.stages_reached.push_back("afgehandeld");
            c.levels_reached = {"afdeling"};
        }
        c.admissible = i != 4;
        c.inadmissible_by = i == 4 ? "lapse" : "";
        c.merged = i == 29;
        c.deadlines.push_back(
            {"resolution", i % 2 ? report::DeadlineOutcome::on_time : report::DeadlineOutcome::late, i % 9});
        counter.add(c);
    }
    r.figures = counter.result();
    r.previous = report::FigureCounter(procedure(), r.previous_period, make_day(2027, 7, 1)).result();
    r.measures = {3, 2, 1, 1, 1, 0};
    const auto written = render::report_json(r, procedure());
    report::Report read;
    ASSERT_TRUE(render::read_frozen_figures(nlohmann::ordered_json::parse(written.dump()), read));
    EXPECT_EQ(read.figures, r.figures);
    EXPECT_EQ(read.previous, r.previous);
    EXPECT_EQ(read.measures, r.measures);
    EXPECT_EQ(read.figures.lapsed, 1);
    EXPECT_EQ(read.figures.merged, 1);

    auto damaged = written;
    damaged["figures"].erase("timeliness");
    report::Report untouched;
    untouched.figures.received = 7;
    EXPECT_FALSE(render::read_frozen_figures(damaged, untouched));
    EXPECT_EQ(untouched.figures.received, 7);
    EXPECT_FALSE(render::read_frozen_figures(nlohmann::ordered_json::parse("[1, 2]"), untouched));
}
