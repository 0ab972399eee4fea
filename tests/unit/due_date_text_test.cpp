// Deadlines explained in words.
#include <gtest/gtest.h>

#include "loading/procedure_loader.hpp"
#include "render/due_date_text.hpp"

namespace {

using namespace meldpunt;
using calendar::make_day;

TEST(DueDateText, PausedDaysReadAsOneRangeAndTheMoveIsExplained) {
    const auto cal = *loading::make_calendar({}, "Europe/Amsterdam");
    const messages::Catalogue nl(messages::Language::nl);
    // 4 weeks from Thursday 14 January 2027, paused 1-15 February: 11 February + 14 days = Thursday 25
    // February.
    const auto due = calendar::compute_due(cal, make_day(2027, 1, 14), *calendar::parse_period("4 weken"),
                                           {{make_day(2027, 2, 1), make_day(2027, 2, 15)}});
    EXPECT_EQ(render::explanation_text(due, nl),
              "Gestart op donderdag 14 januari 2027; die dag telt niet mee. Niet meegeteld: dinsdag 2 "
              "februari 2027 "
              "tot en met maandag 15 februari 2027 (termijn stond stil). Uiterste datum: donderdag 25 "
              "februari 2027.");
}

// Focus's "dezelfde dag" on a Saturday: the day itself, and the reader is told it is no working day.
TEST(DueDateText, TheSameDaySaysSoWhenItIsNoWorkingDay) {
    const auto cal = *loading::make_calendar({}, "Europe/Amsterdam");
    const messages::Catalogue nl(messages::Language::nl);
    const auto due =
        calendar::compute_due(cal, make_day(2027, 1, 16), *calendar::parse_period("dezelfde dag"));
    EXPECT_EQ(render::explanation_text(due, nl),
              "Gestart op zaterdag 16 januari 2027; de termijn eindigt op die dag zelf. Uiterste datum: "
              "zaterdag 16 januari 2027. Let op: dat is geen werkdag.");
}

TEST(DueDateText, HeldDeadlineHasNoDueDate) {
    const auto cal = *loading::make_calendar({}, "Europe/Amsterdam");
    const messages::Catalogue en(messages::Language::en);
    const auto due =
        calendar::compute_due(cal, make_day(2027, 1, 14), *calendar::parse_period("5 working days"),
                              {{make_day(2027, 1, 15), std::nullopt}});
    EXPECT_EQ(
        render::explanation_text(due, en),
        "Started on Thursday 14 January 2027; that day is not counted. The clock is stopped; there is no due "
        "date yet.");
}

TEST(DueDateText, ExtensionIsNamed) {
    const auto cal = *loading::make_calendar({}, "Europe/Amsterdam");
    const messages::Catalogue nl(messages::Language::nl);
    const auto due = calendar::compute_due(cal, make_day(2027, 1, 14), *calendar::parse_period("4 weken"), {},
                                           {*calendar::parse_period("2 weken")});
    EXPECT_EQ(
        render::explanation_text(due, nl),
        "Gestart op donderdag 14 januari 2027; die dag telt niet mee. Verlengd met 2 weken. Uiterste datum: "
        "donderdag 25 februari 2027.");
}

TEST(DueDateText, AMoveForArticle2OrAnExtensionIsNotCalledADayOff) {
    const auto cal = *loading::make_calendar({}, "Europe/Amsterdam");
    const messages::Catalogue en(messages::Language::en);
    // 3 days from Friday 15 January 2027 end on Monday 18, a working day; art. 2 moves it to Tuesday.
    const auto art2 = calendar::compute_due(cal, make_day(2027, 1, 15), *calendar::parse_period("3 dagen"));
    ASSERT_TRUE(art2.extended_to_two_working_days);
    EXPECT_EQ(render::explanation_text(art2, en).find("not a working day"), std::string::npos);
    const auto extended = calendar::compute_due(cal, make_day(2027, 1, 4), *calendar::parse_period("4 weken"),
                                                {}, {*calendar::parse_period("5 werkdagen")});
    EXPECT_EQ(render::explanation_text(extended, en).find("not a working day"), std::string::npos);
    // A period that does end on a day off still says so: 2 weeks from Saturday 2 January 2027 end on
    // Saturday 16 January.
    const auto weekend = calendar::compute_due(cal, make_day(2027, 1, 2), *calendar::parse_period("2 weken"));
    EXPECT_NE(render::explanation_text(weekend, en).find("not a working day"), std::string::npos);
}

}  // namespace
