// Runs every tests/scenarios/**/*.test file as one test case.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, Passes) {
    const auto failures = meldpunt::testing::run_scenario(GetParam(), MELDPUNT_POLICY_DIR);
    for (const auto& f : failures)
        ADD_FAILURE() << GetParam() << ":" << f.line << ": " << f.message;
    EXPECT_TRUE(failures.empty());
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    const fs::path path(info.param);
    std::string name = path.parent_path().filename().string() + "_" + path.stem().string();
    std::replace_if(
        name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(All, Scenario,
                         ::testing::ValuesIn(meldpunt::testing::scenario_files(MELDPUNT_SCENARIO_DIR)),
                         test_name);

TEST(ScenarioSuite, EverySeedProcedureHasAtLeastTenScenarios) {
    for (const char* procedure : {"mensen-met-een-missie", "gelukwerkt", "mos", "focus", "een-loket-mk"}) {
        const fs::path dir = fs::path(MELDPUNT_SCENARIO_DIR) / procedure;
        int count = 0;
        if (fs::exists(dir)) {
            for (const auto& entry : fs::directory_iterator(dir))
                count += entry.path().extension() == ".test";
        }
        EXPECT_GE(count, 10) << procedure;
    }
}

}  // namespace
