// Procedure files are read no further than their limit: an endless file is refused, not read.
#include <gtest/gtest.h>

#include "loading/bounded_read.hpp"
#include "loading/procedure_loader.hpp"

using namespace meldpunt;

TEST(BoundedRead, StopsOneByteAfterTheLimit) {
    auto endless = loading::read_at_most("/dev/zero", 1000);
    ASSERT_TRUE(endless.has_value());
    EXPECT_EQ(endless->size(), 1001u);
    auto small = loading::read_at_most(MELDPUNT_POLICY_DIR "/focus.toml", 1 << 20);
    ASSERT_TRUE(small.has_value());
    EXPECT_GT(small->size(), 1000u);
    EXPECT_LT(small->size(), 1u << 20);
    EXPECT_FALSE(loading::read_at_most("/no/such/file.toml", 10).has_value());
}

TEST(BoundedRead, AProcedureOverTheLimitIsADiagnosticNotAnAttempt) {
    auto from_device = loading::load_procedure_file("/dev/zero");
    EXPECT_FALSE(from_device.loaded);
    ASSERT_EQ(from_device.diagnostics.size(), 1u);
    EXPECT_EQ(from_device.diagnostics[0].code, "too_large");
    auto uploaded = loading::load_procedure_text(std::string(loading::kMaxProcedureBytes + 1, '#'));
    ASSERT_EQ(uploaded.diagnostics.size(), 1u);
    EXPECT_EQ(uploaded.diagnostics[0].code, "too_large");
}
