// The client address behind a reverse proxy: the last X-Forwarded-For entry, and only a real address.
#include <gtest/gtest.h>

#include "http/forwarded.hpp"

using meldpunt::http::forwarded_client;

TEST(ForwardedClient, IsTheAddressTheNearestProxyAppended) {
    EXPECT_EQ(forwarded_client("203.0.113.7"), "203.0.113.7");
    // Entries before the last came from the client itself and could say anything.
    EXPECT_EQ(forwarded_client("10.0.0.1, 198.51.100.4"), "198.51.100.4");
    EXPECT_EQ(forwarded_client("1.2.3.4,  2001:db8::1 "), "2001:db8::1");
}

TEST(ForwardedClient, RefusesWhatIsNoAddress) {
    EXPECT_EQ(forwarded_client(""), std::nullopt);
    EXPECT_EQ(forwarded_client("198.51.100.4, "), std::nullopt);
    EXPECT_EQ(forwarded_client("unknown"), std::nullopt);
    EXPECT_EQ(forwarded_client("198.51.100.4:8080"), std::nullopt);
    EXPECT_EQ(forwarded_client(std::string(5000, '1')), std::nullopt);
}
