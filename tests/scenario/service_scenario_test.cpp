// Every scenario a second time through the service layer, on a real SQLite file and on the
// throw-away PostgreSQL server: one test per backend, so that the server starts once.
#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "scenario/service_mirror.hpp"
#include "service/crypto.hpp"
#include "support/backends.hpp"

namespace {

using meldpunt::testing::ServiceMirror;

class ThroughTheService : public ::testing::TestWithParam<std::string> {};

TEST_P(ThroughTheService, EveryScenarioComesOutAsInTheEngine) {
    meldpunt::service::init_crypto();
    auto store = meldpunt::storage::Store::open(meldpunt::testing::fresh_database(GetParam()));
    ServiceMirror mirror(*store);
    const auto files = meldpunt::testing::scenario_files(MELDPUNT_SCENARIO_DIR);
    ASSERT_GE(files.size(), 50u);
    int passed = 0;
    for (const auto& file : files) {
        const auto failures = meldpunt::testing::run_scenario(file, MELDPUNT_POLICY_DIR, &mirror);
        for (const auto& f : failures)
            ADD_FAILURE() << file << ":" << f.line << ": " << f.message;
        passed += failures.empty();
    }
    EXPECT_EQ(passed, static_cast<int>(files.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, ThroughTheService, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
