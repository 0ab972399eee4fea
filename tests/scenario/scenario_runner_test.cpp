// The scenario runner itself: wrong expectations must fail, at the line that states them.
#include <gtest/gtest.h>

#include <set>

#include "scenario/scenario.hpp"

namespace {

std::set<int> failing_lines(const char* file) {
    std::set<int> lines;
    for (const auto& f :
         meldpunt::testing::run_scenario(std::string(MELDPUNT_FIXTURE_DIR) + "/" + file, MELDPUNT_POLICY_DIR))
        lines.insert(f.line);
    return lines;
}

TEST(ScenarioRunner, ReportsEveryFalseExpectationAtItsLine) {
    // Lines 7-11: stage, due, status, letters, started are all wrong; 14: the assign was applied,
    // not refused; 17: the second assign is refused (the stage moved on) and nothing expects it;
    // 18: the contact was refused (invalid choice), not ok.
    EXPECT_EQ(failing_lines("wrong-expectations.test"), (std::set<int>{7, 8, 9, 10, 11, 14, 17, 18}));
}

TEST(ScenarioRunner, AnUnacknowledgedRefusalFails) {
    EXPECT_EQ(failing_lines("unacknowledged-refusal.test"), (std::set<int>{7}));
}

TEST(ScenarioRunner, AMissingFileFails) {
    EXPECT_FALSE(failing_lines("no-such-file.test").empty());
}

}  // namespace
