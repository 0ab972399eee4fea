// Improvement measures (domain/measure): who proposes and decides (002 §Registratie 4: a unit's
// manager for that unit, the director across units), the steps and what each needs, and the
// reminders before and after the due day in working days. Also the [measures] section of a
// procedure file and its checks.
#include <gtest/gtest.h>

#include "domain/calendar/day.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/measure/measure.hpp"
#include "domain/report/measure_figures.hpp"
#include "loading/procedure_loader.hpp"
#include "service/links.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;
using measure::Status;
using measure::Step;

class Measures : public ::testing::Test {
  protected:
    void SetUp() override {
        loaded_ = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/mos.toml").loaded;
        ASSERT_TRUE(loaded_);
        ASSERT_TRUE(loaded_->procedure.measures);
    }
    const procedure::MeasurePolicy& policy() const { return *loaded_->procedure.measures; }

    static measure::Draft draft(std::string unit) {
        measure::Draft d;
        d.title = "Terugbelafspraken vastleggen in het cliëntdossier";
        d.reason = "Drie klachten over niet teruggebeld worden";
        d.cases = {"MOS-2027-0001", "MOS-2027-0004"};
        d.unit = std::move(unit);
        return d;
    }
    measure::Measure proposed(std::string unit) const {
        measure::Measure m;
        EXPECT_FALSE(measure::propose(policy(), coordinator_, draft(std::move(unit)), 100, m));
        return m;
    }

    std::unique_ptr<loading::LoadedProcedure> loaded_;
    const measure::Actor coordinator_{"secretaris@mos.example", {"coordinator"}};
    const measure::Actor manager_{"leiding@mos.example", {"manager"}};
    const measure::Actor director_{"directeur@mos.example", {"director"}};
    const measure::Actor owner_{"uitvoerder@mos.example", {"employee"}};
};

TEST_F(Measures, TheProceduresSayWhoDecides) {
    EXPECT_EQ(policy().decide, std::vector<std::string>{"manager"});
    EXPECT_EQ(policy().deciders(true), std::vector<std::string>{"director"});
    EXPECT_EQ(policy().deciders(false), std::vector<std::string>{"manager"});
    for (const char* name : {"mensen-met-een-missie", "gelukwerkt", "focus", "een-loket-mk"}) {
        auto other = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/" + name + ".toml");
        ASSERT_TRUE(other.loaded) << name;
        ASSERT_TRUE(other.loaded->procedure.measures) << name;
        EXPECT_FALSE(other.loaded->procedure.measures->decide.empty()) << name;
        EXPECT_TRUE(other.loaded->procedure.measures->remind_before) << name;
    }
}

TEST_F(Measures, AProposalNeedsARoleThatMayProposeAndATitle) {
    measure::Measure m;
    EXPECT_EQ(measure::propose(policy(), owner_, draft("wonen"), 100, m)->code, "measure_not_permitted");
    auto untitled = draft("wonen");
    untitled.title.clear();
    EXPECT_EQ(measure::propose(policy(), coordinator_, untitled, 100, m)->code, "missing_title");
    ASSERT_FALSE(measure::propose(policy(), manager_, draft("wonen"), 100, m));
    EXPECT_EQ(m.status, Status::proposed);
    ASSERT_EQ(m.history.size(), 1u);
    EXPECT_EQ(m.proposal().by, manager_.id);
    EXPECT_EQ(m.proposal().what, "proposed");
}

TEST_F(Measures, AManagerDecidesForTheirUnitAndTheDirectorAcrossUnits) {
    auto in_unit = proposed("wonen");
    auto across = proposed("");
    EXPECT_TRUE(measure::may_decide(policy(), manager_, in_unit));
    EXPECT_FALSE(measure::may_decide(policy(), director_, in_unit));
    EXPECT_FALSE(measure::may_decide(policy(), manager_, across));
    EXPECT_TRUE(measure::may_decide(policy(), director_, across));
    EXPECT_EQ(measure::take_step(policy(), manager_, Step::decide, "", 200, across)->code,
              "measure_not_permitted");
    EXPECT_EQ(measure::steps_open_to(policy(), coordinator_, in_unit), std::vector<Step>{});
    EXPECT_EQ(measure::steps_open_to(policy(), manager_, in_unit),
              (std::vector<Step>{Step::decide, Step::drop}));
}

TEST_F(Measures, DecidingNeedsAnOwnerAndADueDay) {
    auto m = proposed("wonen");
    EXPECT_EQ(measure::take_step(policy(), manager_, Step::decide, "", 200, m)->code, "missing_owner");
    m.draft.owner = owner_.id;
    EXPECT_EQ(measure::take_step(policy(), manager_, Step::decide, "", 200, m)->code, "missing_due");
    m.draft.due = make_day(2027, 6, 30);
    ASSERT_FALSE(measure::take_step(policy(), manager_, Step::decide, "", 200, m));
    EXPECT_EQ(m.status, Status::decided);
    EXPECT_EQ(m.decided_by, manager_.id);
    EXPECT_EQ(m.decided_at, 200);
    EXPECT_EQ(measure::take_step(policy(), manager_, Step::decide, "", 201, m)->code,
              "measure_not_in_status");
}

TEST_F(Measures, TheOwnerCarriesItOutAndShowsTheEvidence) {
    auto m = proposed("wonen");
    m.draft.owner = owner_.id;
    m.draft.due = make_day(2027, 6, 30);
    ASSERT_FALSE(measure::take_step(policy(), manager_, Step::decide, "", 200, m));
    EXPECT_EQ(measure::steps_open_to(policy(), owner_, m), (std::vector<Step>{Step::start, Step::complete}));
    EXPECT_EQ(measure::take_step(policy(), owner_, Step::drop, "geen tijd", 300, m)->code,
              "measure_not_permitted");
    EXPECT_EQ(measure::take_step(policy(), coordinator_, Step::start, "", 300, m)->code,
              "measure_not_permitted");
    ASSERT_FALSE(measure::take_step(policy(), owner_, Step::start, "", 300, m));
    EXPECT_EQ(m.status, Status::in_progress);
    EXPECT_EQ(measure::take_step(policy(), owner_, Step::complete, "", 400, m)->code, "missing_evidence");
    ASSERT_FALSE(
        measure::take_step(policy(), owner_, Step::complete, "Werkinstructie WI-12 aangepast", 400, m));
    EXPECT_EQ(m.status, Status::done);
    EXPECT_EQ(m.outcome, "Werkinstructie WI-12 aangepast");
    EXPECT_EQ(m.closed_at, 400);
    EXPECT_FALSE(measure::is_open(m.status));
    EXPECT_TRUE(measure::steps_open_to(policy(), manager_, m).empty());
    EXPECT_FALSE(measure::may_edit(policy(), manager_, m));
    EXPECT_EQ(measure::edit(policy(), manager_, manager_, draft("wonen"), 500, m)->code,
              "measure_not_in_status");
    ASSERT_EQ(m.history.size(), 4u);
    EXPECT_EQ(m.history.back().what, "done");
}

TEST_F(Measures, GivingUpNeedsTheReason) {
    auto m = proposed("wonen");
    EXPECT_EQ(measure::take_step(policy(), manager_, Step::drop, "", 200, m)->code, "missing_reason");
    ASSERT_FALSE(measure::take_step(policy(), manager_, Step::drop, "Valt onder het nieuwe beleid", 200, m));
    EXPECT_EQ(m.status, Status::not_done);
    EXPECT_EQ(m.outcome, "Valt onder het nieuwe beleid");
}

TEST_F(Measures, TheProposerCorrectsAProposalAndADeciderKeepsItInReach) {
    auto m = proposed("wonen");
    auto corrected = draft("wonen");
    corrected.title = "Terugbelafspraken in het dossier en in de agenda";
    EXPECT_TRUE(measure::may_edit(policy(), coordinator_, m));
    EXPECT_EQ(measure::edit(policy(), owner_, owner_, corrected, 150, m)->code, "measure_not_permitted");
    ASSERT_FALSE(measure::edit(policy(), coordinator_, coordinator_, corrected, 150, m));
    EXPECT_EQ(m.draft.title, corrected.title);
    m.draft.owner = owner_.id;
    m.draft.due = make_day(2027, 6, 30);
    ASSERT_FALSE(measure::take_step(policy(), manager_, Step::decide, "", 200, m));
    EXPECT_FALSE(measure::may_edit(policy(), coordinator_, m));  // decided: the decider's now
    // Out of the manager's reach: across units (the director's), or a unit where they hold no role.
    auto across = m.draft;
    across.unit.clear();
    const measure::Actor manager_elsewhere{manager_.id, {}};
    EXPECT_EQ(measure::edit(policy(), manager_, manager_elsewhere, across, 250, m)->code,
              "measure_not_permitted");
    auto other_unit = m.draft;
    other_unit.unit = "zorg";
    EXPECT_EQ(measure::edit(policy(), manager_, manager_elsewhere, other_unit, 250, m)->code,
              "measure_not_permitted");
    EXPECT_FALSE(measure::edit(policy(), manager_, manager_, other_unit, 250, m));  // manager there too
    // A decided measure keeps its owner and due day.
    auto ownerless = m.draft;
    ownerless.owner.clear();
    EXPECT_EQ(measure::edit(policy(), manager_, manager_, ownerless, 260, m)->code, "missing_owner");
    auto undated = m.draft;
    undated.due.reset();
    EXPECT_EQ(measure::edit(policy(), manager_, manager_, undated, 260, m)->code, "missing_due");
    auto later = m.draft;
    later.due = make_day(2027, 9, 30);
    ASSERT_FALSE(measure::edit(policy(), manager_, manager_, later, 260, m));
    EXPECT_EQ(m.draft.due, make_day(2027, 9, 30));
}

TEST_F(Measures, ThoseWhoDecideOrAreToldReadAMeasureAndAProposerTheirOwn) {
    auto in_unit = proposed("wonen");  // proposed by the coordinator
    in_unit.draft.owner = owner_.id;
    const measure::Actor other_coordinator{"tweede@mos.example", {"coordinator"}};
    const measure::Actor head_of_staff{"hoofd@mos.example", {"head_of_staff"}};  // told when overdue
    EXPECT_TRUE(measure::may_read(policy(), coordinator_, in_unit));
    EXPECT_FALSE(measure::may_read(policy(), other_coordinator, in_unit));  // proposing is no reading
    EXPECT_TRUE(measure::may_read(policy(), manager_, in_unit));
    EXPECT_FALSE(measure::may_read(policy(), measure::Actor{manager_.id, {}}, in_unit));  // another unit's
    EXPECT_TRUE(measure::may_read(policy(), head_of_staff, in_unit));
    EXPECT_TRUE(measure::may_read(policy(), owner_, in_unit));
    auto across = proposed("");
    EXPECT_TRUE(measure::may_read(policy(), director_, across));
    EXPECT_FALSE(measure::may_read(policy(), manager_, across));
}

TEST_F(Measures, TheOwnerIsRemindedInWorkingDaysAndTheOverdueNoticeComesTheWorkingDayAfter) {
    auto m = proposed("wonen");
    m.draft.owner = owner_.id;
    m.draft.due = make_day(2027, 4, 29);  // a Thursday; Tuesday 27 April is King's Day
    EXPECT_TRUE(measure::alerts_of(policy(), loaded_->calendar, m).empty());  // proposed: nothing due yet
    ASSERT_FALSE(measure::take_step(policy(), manager_, Step::decide, "", 200, m));
    const auto alerts = measure::alerts_of(policy(), loaded_->calendar, m);
    ASSERT_EQ(alerts.size(), 2u);
    EXPECT_EQ(alerts[0].kind, measure::Alert::Kind::reminder);
    // Five working days before Thursday 29 April, King's Day (Tuesday 27 April 2027) skipped: 21 April.
    EXPECT_EQ(alerts[0].on, make_day(2027, 4, 21));
    EXPECT_EQ(alerts[0].key, "reminder:2027-04-29");
    EXPECT_EQ(alerts[1].kind, measure::Alert::Kind::overdue);
    EXPECT_EQ(alerts[1].on, make_day(2027, 4, 30));
    EXPECT_EQ(measure::next_alert_after(policy(), loaded_->calendar, m, make_day(2027, 4, 21)),
              make_day(2027, 4, 30));
    EXPECT_FALSE(measure::next_alert_after(policy(), loaded_->calendar, m, make_day(2027, 4, 30)));
    EXPECT_FALSE(measure::is_overdue(m, make_day(2027, 4, 29)));
    EXPECT_TRUE(measure::is_overdue(m, make_day(2027, 4, 30)));
    ASSERT_FALSE(measure::take_step(policy(), owner_, Step::complete, "gedaan", 300, m));
    EXPECT_TRUE(measure::alerts_of(policy(), loaded_->calendar, m).empty());
    EXPECT_FALSE(measure::is_overdue(m, make_day(2027, 5, 30)));
}

TEST_F(Measures, AReportCountsEachMeasureAsItStoodInThePeriod) {
    const auto noon = [&](int y, unsigned m, unsigned d) {
        return calendar::unix_seconds(loaded_->calendar.start_of(make_day(y, m, d)) + std::chrono::hours{12});
    };
    auto measure_of = [&](int64_t proposed, std::optional<int64_t> decided, std::optional<calendar::Day> due,
                          std::optional<int64_t> closed, Status status) {
        measure::Measure m;
        m.history.push_back({proposed, "a", "proposed", ""});
        m.decided_at = decided;
        m.draft.due = due;
        m.closed_at = closed;
        m.status = status;
        return m;
    };
    const std::vector<measure::Measure> measures{
        // Decided in Q1, overdue at its end, carried out in Q2.
        measure_of(noon(2027, 1, 10), noon(2027, 2, 1), make_day(2027, 3, 15), noon(2027, 5, 2),
                   Status::done),
        // Proposed and given up in Q1.
        measure_of(noon(2027, 3, 20), std::nullopt, std::nullopt, noon(2027, 3, 25), Status::not_done),
        // Proposed in Q2.
        measure_of(noon(2027, 4, 2), std::nullopt, std::nullopt, std::nullopt, Status::proposed),
        // Proposed in 2026, decided in Q1, due on Q2's last day.
        measure_of(noon(2026, 12, 1), noon(2027, 1, 5), make_day(2027, 6, 30), std::nullopt, Status::decided),
    };
    procedure::Reporting quarterly;
    quarterly.cadence = "quarterly";
    const auto q1 = report::measure_figures(measures, loaded_->calendar,
                                            *procedure::parse_period_key(quarterly, "2027-Q1"));
    EXPECT_EQ(q1, (report::MeasureFigures{2, 2, 0, 1, 2, 1}));
    const auto q2 = report::measure_figures(measures, loaded_->calendar,
                                            *procedure::parse_period_key(quarterly, "2027-Q2"));
    EXPECT_EQ(q2, (report::MeasureFigures{1, 0, 1, 0, 2, 0}));
}

TEST(MeasuresSection, ANoticeAboutAMeasureLinksToTheMeasure) {
    // A notice held for the daily overview links to what it is about (service/digest.cpp).
    EXPECT_EQ(service::staff_path_of_notice("", "measure:12:reminder:2027-04-29"), "/werk/maatregelen/12");
    EXPECT_EQ(service::staff_path_of_notice("FOCUS-2027-0001", "overdue:contact:2027-01-20"),
              "/werk/zaken/FOCUS-2027-0001");
}

TEST(MeasuresSection, IsCheckedLikeTheRestOfTheFile) {
    const std::string head = R"(
[procedure]
id = "t"
name = "T"
organisation = "T"
[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"
[[role]]
id = "boss"
name = "Baas"
[[stage]]
id = "open"
name = "Open"
final = true
)";
    auto codes = [&](const std::string& section, bool first = false) {
        std::vector<std::string> out;
        for (const auto& d :
             loading::load_procedure_text(first ? section + head : head + section).diagnostics)
            out.push_back(d.code);
        return out;
    };
    EXPECT_TRUE(codes("[measures]\ndecide = [\"boss\"]\nremind_before = \"3 werkdagen\"\n").empty());
    EXPECT_EQ(codes("[measures]\npropose = [\"boss\"]\n"),
              std::vector<std::string>{"measures_without_deciders"});
    EXPECT_EQ(codes("[measures]\ndecide = [\"chief\"]\n"), std::vector<std::string>{"unknown_role"});
    EXPECT_EQ(codes("[measures]\ndecide = [\"handler\"]\n"),
              std::vector<std::string>{"measure_role_of_a_case"});
    EXPECT_EQ(codes("[measures]\ndecide = [\"boss\"]\nremind_before = \"2 weken\"\n"),
              std::vector<std::string>{"measure_reminder_not_in_working_days"});
    EXPECT_EQ(codes("[measures]\ndecide = [\"boss\"]\nowner = \"boss\"\n"),
              std::vector<std::string>{"unknown_key"});
    EXPECT_EQ(codes("measures = 3\n", true), std::vector<std::string>{"expected_table"});
}

}  // namespace
