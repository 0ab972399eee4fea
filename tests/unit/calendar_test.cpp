// The working-day calendar against independently known dates. Test names say which date and why.
#include <gtest/gtest.h>

#include "domain/calendar/due_date.hpp"
#include "domain/calendar/easter.hpp"
#include "domain/calendar/instant.hpp"
#include "loading/procedure_loader.hpp"

namespace {

using namespace meldpunt::calendar;

WorkingCalendar amsterdam(HolidayPolicy policy = {}) {
    return *meldpunt::loading::make_calendar(policy, "Europe/Amsterdam");
}

Day d(int y, unsigned m, unsigned dd) {
    return make_day(y, m, dd);
}

std::string due(const WorkingCalendar& cal, Day start, const char* period,
                const std::vector<Pause>& pauses = {}) {
    auto result = compute_due(cal, start, *parse_period(period), pauses);
    return result.due ? format_day(*result.due) : "paused";
}

TEST(Easter, KnownEasterSundays) {
    // Published dates of Easter Sunday (Gregorian).
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2024})}, d(2024, 3, 31));
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2025})}, d(2025, 4, 20));
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2026})}, d(2026, 4, 5));
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2027})}, d(2027, 3, 28));
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2028})}, d(2028, 4, 16));
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2038})}, d(2038, 4, 25));  // latest possible
    EXPECT_EQ(Day{easter_sunday(std::chrono::year{2285})}, d(2285, 3, 22));  // earliest possible
}

TEST(Holidays, Hemelvaart2016_May5_staysADayOffWhenBevrijdingsdagIsOmitted) {
    // In 2016 Hemelvaartsdag fell on 5 May; a procedure that leaves out Bevrijdingsdag outside
    // lustrum years must not lose Hemelvaart with it.
    HolidayPolicy policy;
    policy.omissions.push_back({"bevrijdingsdag", 5});
    const auto off = day_off(policy, d(2016, 5, 5));
    ASSERT_TRUE(off.has_value());
    EXPECT_EQ(off->name, "Hemelvaartsdag");
    EXPECT_FALSE(day_off(policy, d(2017, 5, 5)).has_value());  // a Friday, Bevrijdingsdag omitted
}

TEST(Holidays, GoodFriday2027_March26_isNotAWorkingDay) {
    const auto cal = amsterdam();
    EXPECT_FALSE(cal.is_working_day(d(2027, 3, 26)));
    EXPECT_EQ(cal.day_off(d(2027, 3, 26))->name, "Goede Vrijdag");
}

TEST(Holidays, EasterMonday2027_March29_isNotAWorkingDay) {
    EXPECT_FALSE(amsterdam().is_working_day(d(2027, 3, 29)));
}

TEST(Holidays, Koningsdag2027_Tuesday_isNotAWorkingDay) {
    EXPECT_EQ(amsterdam().day_off(d(2027, 4, 27))->kind, DayOffKind::holiday);
}

TEST(Holidays, Koningsdag2025_27AprilIsSunday_celebratedSaturday26April) {
    const auto cal = amsterdam();
    EXPECT_EQ(cal.day_off(d(2025, 4, 26))->name, "Koningsdag");
    EXPECT_EQ(cal.day_off(d(2025, 4, 27))->kind, DayOffKind::sunday);
}

TEST(Holidays, Bevrijdingsdag2026_Tuesday_isNotAWorkingDayEveryYear) {
    EXPECT_FALSE(amsterdam().is_working_day(d(2026, 5, 5)));
    EXPECT_FALSE(amsterdam().is_working_day(d(2027, 5, 5)));
}

TEST(Holidays, Hemelvaart2027_May6_andDecreedFridayMay7) {
    const auto cal = amsterdam();
    EXPECT_EQ(cal.day_off(d(2027, 5, 6))->name, "Hemelvaartsdag");
    EXPECT_EQ(cal.day_off(d(2027, 5, 7))->kind, DayOffKind::decree);
}

TEST(Holidays, WhitMonday2027_May17_isNotAWorkingDay) {
    EXPECT_EQ(amsterdam().day_off(d(2027, 5, 17))->name, "Tweede Pinksterdag");
}

TEST(Holidays, ChristmasAndNewYear2026) {
    const auto cal = amsterdam();
    EXPECT_FALSE(cal.is_working_day(d(2026, 12, 25)));
    EXPECT_FALSE(cal.is_working_day(d(2026, 12, 26)));  // Saturday and Tweede Kerstdag
    EXPECT_TRUE(cal.is_working_day(d(2026, 12, 28)));
    EXPECT_FALSE(cal.is_working_day(d(2027, 1, 1)));
}

TEST(Holidays, DecreeDisabledByPolicy_Friday2027May7IsAWorkingDay) {
    HolidayPolicy policy;
    policy.include_decreed_days = false;
    EXPECT_TRUE(amsterdam(policy).is_working_day(d(2027, 5, 7)));
}

TEST(Holidays, FifthOfMayOnlyInLustrumYears) {
    HolidayPolicy policy;
    policy.omissions.push_back({"bevrijdingsdag", 5});
    const auto cal = amsterdam(policy);
    EXPECT_TRUE(cal.is_working_day(d(2026, 5, 5)));   // Tuesday, not a lustrum year
    EXPECT_FALSE(cal.is_working_day(d(2030, 5, 5)));  // Sunday anyway, but a holiday
    EXPECT_EQ(cal.day_off(d(2030, 5, 5))->kind, DayOffKind::holiday);
    EXPECT_TRUE(cal.is_working_day(d(2027, 5, 5)) == true);
}

TEST(Holidays, YearlyClosureBetweenChristmasAndNewYearWrapsTheYear) {
    HolidayPolicy policy;
    policy.closures.push_back({12, 27, 1, 2, "Kantoor gesloten"});
    const auto cal = amsterdam(policy);
    EXPECT_EQ(cal.day_off(d(2027, 12, 28))->kind, DayOffKind::closure);
    EXPECT_FALSE(cal.is_working_day(d(2027, 12, 31)));
    EXPECT_TRUE(cal.is_working_day(d(2027, 12, 24)));
    EXPECT_TRUE(cal.is_working_day(d(2028, 1, 3)));
}

TEST(Holidays, Koninginnedag2006_30AprilIsSunday_celebratedSaturday29April) {
    EXPECT_EQ(amsterdam().day_off(d(2006, 4, 29))->name, "Koningsdag");
    EXPECT_EQ(amsterdam().day_off(d(2006, 4, 30))->kind, DayOffKind::sunday);
}

TEST(Holidays, Koninginnedag2013_Tuesday30April_andKoningsdag2014_Saturday26April) {
    EXPECT_EQ(amsterdam().day_off(d(2013, 4, 30))->kind, DayOffKind::holiday);
    EXPECT_TRUE(amsterdam().is_working_day(d(2013, 4, 26)));  // a Friday, not yet Koningsdag
    EXPECT_EQ(amsterdam().day_off(d(2014, 4, 26))->name, "Koningsdag");
    EXPECT_TRUE(amsterdam().is_working_day(d(2014, 4, 30)));
}

TEST(LocalDay, LateEveningUtcIsNextDayInAmsterdam_2027Jan07_2330Z_isFriday8January) {
    const auto cal = amsterdam();
    const auto instant = parse_instant("2027-01-07T23:30Z", cal);
    ASSERT_TRUE(instant);
    EXPECT_EQ(cal.local_day(*instant), d(2027, 1, 8));
}

TEST(LocalDay, SummerTime_2027Jul01_2230Z_isJuly2) {
    const auto cal = amsterdam();
    EXPECT_EQ(cal.local_day(*parse_instant("2027-07-01T22:30:00Z", cal)), d(2027, 7, 2));
    EXPECT_EQ(cal.local_day(*parse_instant("2027-07-01T21:30:00Z", cal)), d(2027, 7, 1));
}

TEST(LocalDay, DaylightSavingStart2027Mar28_0230LocalDoesNotExistButStillThatDay) {
    const auto cal = amsterdam();
    const auto instant = parse_instant("2027-03-28T02:30:00", cal);
    ASSERT_TRUE(instant);
    EXPECT_EQ(cal.local_day(*instant), d(2027, 3, 28));
}

TEST(LocalDay, DaylightSavingEnd2027Oct31_2330Z_isNovember1) {
    const auto cal = amsterdam();
    // After the change back to UTC+1: 23:30Z is 00:30 on 1 November.
    EXPECT_EQ(cal.local_day(*parse_instant("2027-10-31T23:30:00Z", cal)), d(2027, 11, 1));
    // Before the change (UTC+2 until 01:00Z on 31 October): 22:30Z on 30 October is 00:30 on the 31st.
    EXPECT_EQ(cal.local_day(*parse_instant("2027-10-30T22:30:00Z", cal)), d(2027, 10, 31));
}

TEST(Instant, RejectsMalformedText) {
    const auto cal = amsterdam();
    for (const char* bad :
         {"", "2027", "2027-02-29", "2027-13-01", "2027-01-07T25:00", "2027-01-07T10:00+25:00", "07-01-2027",
          "2027-01-07T10:00:00Zjunk", "2027-01-07X10:00", "2027-01-07T10:0"}) {
        EXPECT_FALSE(parse_instant(bad, cal)) << bad;
    }
    EXPECT_TRUE(parse_instant("2028-02-29T12:00:00.123+01:00", cal));  // leap day, fractional seconds
}

TEST(Period, ParsesDutchAndEnglish) {
    EXPECT_EQ(*parse_period("5 werkdagen"), (Period{PeriodUnit::working_days, 5}));
    EXPECT_EQ(*parse_period("1 Werkdag"), (Period{PeriodUnit::working_days, 1}));
    EXPECT_EQ(*parse_period("2 weken"), (Period{PeriodUnit::weeks, 2}));
    EXPECT_EQ(*parse_period("6  maanden"), (Period{PeriodUnit::months, 6}));
    EXPECT_EQ(*parse_period("2 jaar"), (Period{PeriodUnit::years, 2}));
    EXPECT_EQ(*parse_period("10 working days"), (Period{PeriodUnit::working_days, 10}));
    EXPECT_EQ(parse_period("volgende werkdag")->unit, PeriodUnit::next_working_day);
    EXPECT_EQ(parse_period("same day")->unit, PeriodUnit::same_day);
    for (const char* bad :
         {"", "5", "werkdagen", "0 werkdagen", "-1 weken", "5 fortnights", "99999 dagen", "5werkdagen"}) {
        EXPECT_FALSE(parse_period(bad)) << bad;
    }
}

TEST(DueDate, FiveWorkingDaysFromWednesdaySkipsTheWeekend) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 13), "5 werkdagen"), "2027-01-20");
}

TEST(DueDate, TwoWorkingDaysFromMaundyThursday2027_skipsGoodFridayAndEasterMonday) {
    EXPECT_EQ(due(amsterdam(), d(2027, 3, 25), "2 werkdagen"), "2027-03-31");
}

TEST(DueDate, NextWorkingDayAfterFridayBeforeWhitMonday2027_isTuesdayMay18) {
    EXPECT_EQ(due(amsterdam(), d(2027, 5, 14), "volgende werkdag"), "2027-05-18");
}

TEST(DueDate, OneWeekAfterThursdayIsNextThursday) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 14), "1 week"), "2027-01-21");
}

TEST(DueDate, TwoWeeksEndingOnKoningsdag2027_movesToWednesday28April) {
    EXPECT_EQ(due(amsterdam(), d(2027, 4, 13), "2 weken"), "2027-04-28");
}

TEST(DueDate, OneMonthFrom31JanuaryInLeapYear2028_clampsTo29February) {
    EXPECT_EQ(due(amsterdam(), d(2028, 1, 31), "1 maand"), "2028-02-29");
}

TEST(DueDate, OneMonthFrom31January2027_clampsTo28FebruaryASunday_movesToMonday1March) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 31), "1 maand"), "2027-03-01");
}

TEST(DueDate, FourWeeksOverChristmas2026_endsOnFriday1January2027_movesToMonday4January) {
    EXPECT_EQ(due(amsterdam(), d(2026, 12, 4), "4 weken"), "2027-01-04");
}

// "De ontvanger meldt de klacht dezelfde dag" (003 §Werkwijze 1): the day itself, also when it is
// not a working day, and the explanation says so.
TEST(DueDate, SameDayIsTheDayItselfAndSaysWhenThatIsNoWorkingDay) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 16), "dezelfde dag"), "2027-01-16");
    const auto saturday = compute_due(amsterdam(), d(2027, 1, 16), *parse_period("dezelfde dag"));
    EXPECT_TRUE(saturday.due_is_day_off);
    EXPECT_TRUE(saturday.skipped.empty());
    const auto thursday = compute_due(amsterdam(), d(2027, 1, 14), *parse_period("dezelfde dag"));
    EXPECT_EQ(thursday.due, d(2027, 1, 14));
    EXPECT_FALSE(thursday.due_is_day_off);
    // Extended by a week from that Saturday: a working day, and no longer said to be a day off.
    const auto extended = compute_due(amsterdam(), d(2027, 1, 16), *parse_period("dezelfde dag"), {},
                                      {*parse_period("5 werkdagen")});
    EXPECT_EQ(extended.due, d(2027, 1, 22));
    EXPECT_FALSE(extended.due_is_day_off);
}

TEST(DueDate, PauseOfTwoWorkingDaysShiftsAWorkingDayDeadlineByTwo) {
    // Received Monday 11 January; paused Tuesday 12, resumed Thursday 14: Wed 13 and Thu 14 do not count.
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 11), "5 werkdagen"), "2027-01-18");
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 11), "5 werkdagen", {{d(2027, 1, 12), d(2027, 1, 14)}}),
              "2027-01-20");
}

TEST(DueDate, PauseAndResumeTheSameDayCostsNothing) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 11), "5 werkdagen", {{d(2027, 1, 12), d(2027, 1, 12)}}),
              "2027-01-18");
}

TEST(DueDate, OpenPauseHoldsTheDeadline) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 11), "5 werkdagen", {{d(2027, 1, 12), std::nullopt}}), "paused");
}

TEST(DueDate, OpenPauseAfterTheDueDayDoesNotHoldIt) {
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 11), "2 werkdagen", {{d(2027, 1, 20), std::nullopt}}),
              "2027-01-13");
}

TEST(DueDate, PauseExtendsACalendarPeriodDayForDay) {
    // 2 weeks from Thursday 14 January is Thursday 28; a pause of 3 calendar days (15..17 not counted) →
    // Sunday 31 → Monday 1 February.
    EXPECT_EQ(due(amsterdam(), d(2027, 1, 14), "2 weken", {{d(2027, 1, 14), d(2027, 1, 17)}}), "2027-02-01");
}

TEST(DueDate, ExtensionCountsFromTheOriginalDueDay) {
    const auto result =
        compute_due(amsterdam(), d(2027, 1, 4), *parse_period("4 weken"), {}, {*parse_period("4 weken")});
    EXPECT_EQ(format_day(*result.due), "2027-03-01");
}

TEST(DueDate, AtwArticle2_ThreeDaysOverEaster2027_mustContainTwoWorkingDays) {
    // 25 March + 3 days = Sunday 28 → Tweede Paasdag 29 → Tuesday 30; only one working day (30 March)
    // lies in the period, so it runs on to Wednesday 31 March.
    const auto result = compute_due(amsterdam(), d(2027, 3, 25), *parse_period("3 dagen"));
    EXPECT_EQ(format_day(*result.due), "2027-03-31");
    EXPECT_TRUE(result.extended_to_two_working_days);
    EXPECT_FALSE(
        compute_due(amsterdam(), d(2027, 1, 14), *parse_period("3 dagen")).extended_to_two_working_days);
}

TEST(DueDate, AtwArticle2_OneAndTwoDayPeriodsFromFriday15Jan2027_areNotLengthened) {
    // Art. 2 is for periods of three days or more. 1 day from Friday: Saturday 16 → Monday 18;
    // 2 days: Sunday 17 → Monday 18. Neither is a period that art. 2 lengthens.
    for (const char* period : {"1 dag", "2 dagen"}) {
        const auto result = compute_due(amsterdam(), d(2027, 1, 15), *parse_period(period));
        EXPECT_EQ(format_day(*result.due), "2027-01-18") << period;
        EXPECT_FALSE(result.extended_to_two_working_days) << period;
    }
    // A pause lengthens the period but does not bring it under art. 2: 1 day from Thursday 14,
    // paused after the 14th through Sunday 17, ends on Monday 18 (not Tuesday 19).
    const auto paused =
        compute_due(amsterdam(), d(2027, 1, 14), *parse_period("1 dag"), {{d(2027, 1, 14), d(2027, 1, 17)}});
    EXPECT_EQ(format_day(*paused.due), "2027-01-18");
    EXPECT_FALSE(paused.extended_to_two_working_days);
}

TEST(DueDate, ACalendarWithoutWorkingDaysStillTerminates) {
    HolidayPolicy closed;
    closed.closures.push_back({1, 2, 1, 1, "Dicht"});
    const auto cal = amsterdam(closed);
    const auto result = compute_due(cal, d(2027, 1, 14), *parse_period("5 werkdagen"));
    EXPECT_TRUE(result.due.has_value());
    const auto same_day = compute_due(cal, d(2027, 1, 14), *parse_period("dezelfde dag"));
    EXPECT_TRUE(same_day.due.has_value());
}

TEST(DueDate, ExplainsEverySkippedDay) {
    const auto result = compute_due(amsterdam(), d(2027, 3, 25), *parse_period("2 werkdagen"));
    ASSERT_EQ(result.skipped.size(), 4u);
    EXPECT_EQ(result.skipped[0].reason, SkipReason::holiday);
    EXPECT_EQ(result.skipped[0].name, "Goede Vrijdag");
    EXPECT_EQ(result.skipped[1].reason, SkipReason::saturday);
    EXPECT_EQ(result.skipped[2].reason, SkipReason::sunday);
    EXPECT_EQ(result.skipped[3].name, "Tweede Paasdag");
}

}  // namespace

namespace {

// The fast per-day lookup must agree with the per-year list for every day of many years.
TEST(Holidays, PerDayLookupAgreesWithTheYearList_1990to2100) {
    using namespace meldpunt::calendar;
    const HolidayPolicy policy{false, {}, {}, {}};
    for (int year = 1990; year <= 2100; ++year) {
        std::vector<Day> listed;
        for (const auto& h : statutory_holidays(year))
            listed.push_back(h.day);
        for (Day day = make_day(year, 1, 1); day <= make_day(year, 12, 31); day += std::chrono::days{1}) {
            const auto off = day_off(policy, day);
            const bool holiday = off && off->kind == DayOffKind::holiday;
            const bool in_list = std::find(listed.begin(), listed.end(), day) != listed.end();
            ASSERT_EQ(holiday, in_list) << format_day(day);
        }
    }
}

}  // namespace

namespace {

// 07:00 on the local clock is 06:00 UTC in winter and 05:00 UTC from the night the clocks go
// forward (Sunday 28 March 2027), not midnight plus seven hours.
TEST(WorkingCalendarTime, SevenOnTheLocalClockAlsoOnTheDayTheClockMoves) {
    const auto cal = amsterdam();
    const auto at_seven = [&](int month, int day) {
        const meldpunt::calendar::Day d = std::chrono::sys_days{std::chrono::year{2027} / month / day};
        return cal.at_local_time(d, std::chrono::hours{7}).time_since_epoch().count();
    };
    const int64_t march_27 = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2027} / 3 / 27}}
                                 .time_since_epoch()
                                 .count();
    EXPECT_EQ(at_seven(3, 27), march_27 + 6 * 3600);
    EXPECT_EQ(at_seven(3, 28), march_27 + 86400 + 5 * 3600);
    const meldpunt::calendar::Day d = std::chrono::sys_days{std::chrono::year{2027} / 3 / 28};
    EXPECT_EQ(cal.start_of(d).time_since_epoch().count(), march_27 + 86400 - 3600);
}

}  // namespace
