// What a review asks for: reminders before a due day, notices when it passed, escalations after a
// while, each with a stable key, in order, and when to look again.
#include <gtest/gtest.h>

#include "letter_intake.hpp"

#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "procedure_file/describe.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

const char* const kAlerts = R"([procedure]
id = "t"
name = "Test"
organisation = "Test"

[[kind]]
id = "complaint"
name = "Klacht"
initial_stage = "open"

[[role]]
id = "coordinator"
name = "Coördinator"

[[role]]
id = "director"
name = "Directeur"

[[stage]]
id = "open"
name = "Open"

[[stage]]
id = "closed"
name = "Gesloten"
final = true

[[action]]
id = "answer"
name = "Beantwoorden"
from = ["open"]
to = "closed"
roles = ["coordinator"]
meets = ["answer"]

[[action]]
id = "extend"
name = "Verlengen"
from = ["open"]
roles = ["coordinator"]
extends = ["answer"]
extension = "5 werkdagen"
letters = ["verlenging"]

[[letter]]
id = "verlenging"
name = "Verlenging"
to = ["complainant"]
template = "Wij hebben meer tijd nodig."

[[deadline]]
id = "answer"
name = "Antwoord"
period = "10 werkdagen"
remind_before = "2 werkdagen"
notify = ["coordinator"]
escalate_to = "director"
escalate_after = "3 werkdagen"
)";

struct Review : ::testing::Test {
    void SetUp() override {
        auto result = loading::load_procedure_text(kAlerts);
        ASSERT_TRUE(result.loaded) << (result.diagnostics.empty()
                                           ? ""
                                           : result.diagnostics.front().code + " " +
                                                 std::to_string(result.diagnostics.front().line));
        loaded = std::move(result.loaded);
        engine.emplace(loaded->procedure, loaded->calendar);
        // Thursday 14 January 2027: 10 working days later is Thursday 28 January.
        const auto received = *calendar::parse_instant("2027-01-14T10:00:00+01:00", loaded->calendar);
        c = engine->intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    }
    std::vector<std::string> keys(calendar::Day today) const {
        std::vector<std::string> out;
        for (const auto& e : engine->review(c, today))
            out.push_back(e.key);
        return out;
    }

    std::unique_ptr<loading::LoadedProcedure> loaded;
    std::optional<cases::Engine> engine;
    const cases::Actor coordinator{"c@test.nl", {"coordinator"}};
    cases::Case c;
};

TEST_F(Review, RemindsTwoWorkingDaysBeforeTheDueDayAndNotBefore) {
    EXPECT_TRUE(keys(make_day(2027, 1, 25)).empty());
    EXPECT_EQ(engine->next_review(c, make_day(2027, 1, 25)), make_day(2027, 1, 26));
    const auto due = engine->review(c, make_day(2027, 1, 26));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].kind, cases::EffectKind::reminder);
    EXPECT_EQ(due[0].key, "reminder:answer:2027-01-28");
    EXPECT_EQ(due[0].roles, std::vector<std::string>{"handler"});
    EXPECT_EQ(engine->next_review(c, make_day(2027, 1, 26)), make_day(2027, 1, 29));
}

TEST_F(Review, TellsTheDayAfterTheDueDayAndEscalatesThreeWorkingDaysAfterIt) {
    EXPECT_EQ(keys(make_day(2027, 1, 29)),
              (std::vector<std::string>{"reminder:answer:2027-01-28", "overdue:answer:2027-01-28"}));
    // Friday 29 January, Monday 1 and Tuesday 2 February: the third working day after the due day.
    EXPECT_EQ(engine->next_review(c, make_day(2027, 1, 29)), make_day(2027, 2, 2));
    const auto due = engine->review(c, make_day(2027, 2, 2));
    ASSERT_EQ(due.size(), 3u);
    EXPECT_EQ(due[2].kind, cases::EffectKind::escalation);
    EXPECT_EQ(due[2].escalate_to, "director");
    EXPECT_EQ(due[1].roles, std::vector<std::string>{"coordinator"});
    EXPECT_FALSE(engine->next_review(c, make_day(2027, 2, 2)));
}

TEST_F(Review, AfterAWeekAwayEverythingSinceComesInTheOrderItBecameDue) {
    EXPECT_EQ(keys(make_day(2027, 3, 1)),
              (std::vector<std::string>{"reminder:answer:2027-01-28", "overdue:answer:2027-01-28",
                                        "escalation:answer:2027-01-28"}));
    // The same day reviewed again asks for the same, so the caller's record of keys decides.
    EXPECT_EQ(keys(make_day(2027, 3, 1)).size(), 3u);
}

TEST_F(Review, AMetDeadlineAsksForNothingMore) {
    const auto at = *calendar::parse_instant("2027-01-27T10:00:00+01:00", loaded->calendar);
    ASSERT_TRUE(engine->apply(c, {"answer", at, coordinator, {}}).ok());
    EXPECT_TRUE(keys(make_day(2027, 3, 1)).empty());
    EXPECT_FALSE(engine->next_review(c, make_day(2027, 1, 27)));
}

TEST_F(Review, AnExtensionMovesTheDueDayAndItsAlertsGetNewKeys) {
    const auto at = *calendar::parse_instant("2027-01-26T10:00:00+01:00", loaded->calendar);
    ASSERT_TRUE(engine->apply(c, {"extend", at, coordinator, {}}).ok());
    // Five working days after 28 January: Thursday 4 February.
    EXPECT_EQ(keys(make_day(2027, 2, 2)), std::vector<std::string>{"reminder:answer:2027-02-04"});
}

TEST_F(Review, ADeadlineOfAFridayIsToldOnMondayMorning) {
    // Received Friday 15 January 2027: ten working days later is Friday 29 January.
    const auto received = *calendar::parse_instant("2027-01-15T10:00:00+01:00", loaded->calendar);
    c = engine->intake(meldpunt::testing::letter_intake(received, coordinator)).value();
    EXPECT_EQ(keys(make_day(2027, 1, 31)), std::vector<std::string>{"reminder:answer:2027-01-29"});
    EXPECT_EQ(engine->next_review(c, make_day(2027, 1, 29)), make_day(2027, 2, 1));
    const auto due = engine->review(c, make_day(2027, 2, 1));
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[1].key, "overdue:answer:2027-01-29");
    EXPECT_EQ(due[1].on, make_day(2027, 2, 1));
}

TEST(ReviewValidation, AReminderCountsBackInWorkingDaysAndAnEscalationNeedsARole) {
    std::string text = kAlerts;
    text.replace(text.find("remind_before = \"2 werkdagen\""), 29, "remind_before = \"2 weken\"");
    text.replace(text.find("escalate_to = \"director\"\n"), 25, "");
    auto result = loading::load_procedure_text(text);
    EXPECT_FALSE(result.loaded);
    std::vector<std::string> codes;
    for (const auto& d : result.diagnostics)
        codes.push_back(d.code);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "reminder_not_in_working_days"), codes.end());
    EXPECT_NE(std::find(codes.begin(), codes.end(), "escalate_after_without_role"), codes.end());
}

// The codes a procedure text is refused with.
std::vector<std::string> refusals(const std::string& text) {
    auto result = loading::load_procedure_text(text);
    EXPECT_FALSE(result.loaded);
    std::vector<std::string> codes;
    for (const auto& d : result.diagnostics)
        codes.push_back(d.code);
    return codes;
}

TEST(ReviewValidation, WhoIsRemindedNeedsWhenAndAnEscalationWaitsADuration) {
    std::string without_when = kAlerts;
    without_when.replace(without_when.find("remind_before = \"2 werkdagen\""), 29, "remind = [\"director\"]");
    EXPECT_EQ(refusals(without_when), std::vector<std::string>{"remind_without_period"});
    std::string next_day = kAlerts;
    next_day.replace(next_day.find("escalate_after = \"3 werkdagen\""), 30,
                     "escalate_after = \"volgende werkdag\"");
    EXPECT_EQ(refusals(next_day), std::vector<std::string>{"escalate_after_not_a_duration"});
}

// The procedure page says when the handler is reminded and when the case goes to the director.
TEST(ReviewDescription, TheProcedureSaysWhoIsRemindedAndWhenItEscalates) {
    auto result = loading::load_procedure_text(kAlerts);
    ASSERT_TRUE(result.loaded);
    const std::string text = procedure_file::describe_as_text(result.loaded->procedure,
                                                              messages::Catalogue(messages::Language::nl));
    EXPECT_NE(text.find("2 werkdagen voor het einde van de termijn krijgt de behandelaar een herinnering."),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find("3 werkdagen na het einde van de termijn gaat de verantwoordelijkheid naar Directeur."),
        std::string::npos)
        << text;
}

}  // namespace
