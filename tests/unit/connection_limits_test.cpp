// Connections counted in all and per client (http/connection_limits.hpp), and the connection cap
// sized to the descriptor limit (support/descriptor_limit.hpp).
#include <gtest/gtest.h>

#include "http/connection_limits.hpp"
#include "support/descriptor_limit.hpp"

namespace {

using meldpunt::http::ConnectionLimits;

TEST(ConnectionLimits, AClientHoldsItsShareAndTheServerItsTotal) {
    ConnectionLimits limits(5, 2);
    auto a1 = limits.admit("10.0.0.1");
    auto a2 = limits.admit("10.0.0.1");
    EXPECT_TRUE(a1 && a2);
    EXPECT_FALSE(limits.admit("10.0.0.1"));  // its share is taken
    EXPECT_EQ(limits.open_from("10.0.0.1"), 2u);
    auto b1 = limits.admit("10.0.0.2");
    auto proxied1 = limits.admit("");  // behind a proxy: counts only towards the total
    auto proxied2 = limits.admit("");
    EXPECT_TRUE(b1 && proxied1 && proxied2);
    EXPECT_EQ(limits.open(), 5u);
    EXPECT_FALSE(limits.admit("10.0.0.3"));  // the server is full
    EXPECT_TRUE(limits.under_pressure());
    {
        auto moved = std::move(a1);  // a ticket moved counts once
        EXPECT_FALSE(a1);
        EXPECT_EQ(limits.open(), 5u);
    }
    EXPECT_EQ(limits.open(), 4u);
    EXPECT_EQ(limits.open_from("10.0.0.1"), 1u);
    EXPECT_TRUE(limits.admit("10.0.0.1"));
    EXPECT_EQ(limits.open(), 4u);  // that one was given back as its ticket went
    proxied1 = {};
    proxied2 = {};
    EXPECT_EQ(limits.open(), 2u);
    EXPECT_FALSE(limits.under_pressure());
    EXPECT_EQ(limits.open_from("never"), 0u);
}

TEST(DescriptorLimit, TheConnectionCapFitsBesideWhatTheServerNeedsOtherwise) {
    using meldpunt::support::connections_that_fit;
    EXPECT_EQ(connections_that_fit(2048, 1048576), 2048u);
    EXPECT_EQ(connections_that_fit(2048, 1024), 1024u - meldpunt::support::kReservedDescriptors);
    EXPECT_EQ(connections_that_fit(2048, 64), meldpunt::support::kFewestConnections);
    const auto limit = meldpunt::support::raise_descriptor_limit(256);
    EXPECT_GE(limit.soft, std::min<size_t>(256, limit.hard));
    EXPECT_LE(limit.soft, limit.hard);
}

}  // namespace
