// Procedure diagrams drawn in the background with a time limit (issue 15: a large procedure's
// diagram was laid out on a request thread on its first visit and stalled the server).
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "loading/procedure_loader.hpp"
#include "render/dot_process.hpp"
#include "web/procedure_diagrams.hpp"

namespace {

using namespace meldpunt;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

std::shared_ptr<const loading::LoadedProcedure> focus() {
    auto result = loading::load_procedure_file(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml");
    return std::shared_ptr<const loading::LoadedProcedure>(std::move(result.loaded));
}

// A stand-in for `dot` that takes its time: a layout that never ends in time.
std::string slow_dot() {
    const std::string path = ::testing::TempDir() + "slow-dot-" + std::to_string(getpid()) + ".sh";
    std::ofstream(path) << "#!/bin/sh\nsleep 5\n";
    ::chmod(path.c_str(), 0700);
    return path;
}

web::ProcedureDiagrams::Diagram wait_until_drawn(
    web::ProcedureDiagrams& diagrams, const std::shared_ptr<const loading::LoadedProcedure>& procedure,
    const messages::Catalogue& catalogue) {
    auto diagram = diagrams.svg(procedure, catalogue);
    for (int i = 0; i < 200 && !diagram.drawn; ++i) {
        std::this_thread::sleep_for(milliseconds(50));
        diagram = diagrams.svg(procedure, catalogue);
    }
    return diagram;
}

TEST(DotProcess, DrawsAGraphAndStopsAtItsTimeLimit) {
    auto drawn = render::run_dot("digraph { a -> b }", std::chrono::seconds(20));
    ASSERT_TRUE(drawn.svg);
    EXPECT_NE(drawn.svg->find("<svg"), std::string::npos);
    EXPECT_FALSE(drawn.timed_out);
    const auto started = Clock::now();
    auto slow = render::run_dot("digraph { a -> b }", milliseconds(300), slow_dot());
    EXPECT_TRUE(slow.timed_out);
    EXPECT_FALSE(slow.svg);
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(4));  // the child was stopped, not awaited
    // A `dot` that answers, closes its output and then lingers is not waited for past the limit.
    const std::string lingering = ::testing::TempDir() + "lingering-dot-" + std::to_string(getpid()) + ".sh";
    std::ofstream(lingering) << "#!/bin/sh\ncat >/dev/null\necho '<svg/>'\nexec >&-\nsleep 5\n";
    ::chmod(lingering.c_str(), 0700);
    const auto before = Clock::now();
    auto lingered = render::run_dot("digraph { a -> b }", milliseconds(500), lingering);
    EXPECT_TRUE(lingered.timed_out);
    EXPECT_FALSE(lingered.svg);
    EXPECT_LT(Clock::now() - before, std::chrono::seconds(3));
    auto missing = render::run_dot("digraph { a -> b }", std::chrono::seconds(5), "/nonexistent/dot");
    EXPECT_FALSE(missing.svg);
    EXPECT_FALSE(missing.timed_out);
    auto garbage = render::run_dot("this is no graph {", std::chrono::seconds(20));
    EXPECT_FALSE(garbage.svg);
}

TEST(ProcedureDiagrams, AFirstVisitDoesNotWaitForTheLayout) {
    const auto procedure = focus();
    ASSERT_TRUE(procedure);
    const messages::Catalogue nl(messages::Language::nl), en(messages::Language::en);
    web::ProcedureDiagrams diagrams;
    const auto first = diagrams.svg(procedure, nl);
    EXPECT_FALSE(first.drawn);  // queued, answered at once
    const auto drawn = wait_until_drawn(diagrams, procedure, nl);
    ASSERT_TRUE(drawn.drawn);
    EXPECT_EQ(drawn.svg.rfind("<svg", 0), 0u);  // without the XML prologue
    EXPECT_NE(drawn.svg.find("Ontvangen"), std::string::npos);
    // Prepared (as at start or activation): drawn in the other language too.
    diagrams.prepare(procedure, en);
    EXPECT_TRUE(wait_until_drawn(diagrams, procedure, en).drawn);
}

TEST(ProcedureDiagrams, ALayoutThatTakesTooLongIsGivenUpAndNeverHoldsAVisitor) {
    const auto procedure = focus();
    const messages::Catalogue nl(messages::Language::nl);
    web::ProcedureDiagrams diagrams(milliseconds(300), slow_dot());
    const auto started = Clock::now();
    EXPECT_FALSE(diagrams.svg(procedure, nl).drawn);
    EXPECT_FALSE(diagrams.svg(procedure, nl).drawn);  // while it is being drawn
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
    const auto given_up = wait_until_drawn(diagrams, procedure, nl);
    EXPECT_TRUE(given_up.drawn);
    EXPECT_TRUE(given_up.svg.empty());
}

}  // namespace
