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

TEST(ClientGroup, IsTheAddressOrItsSlash64) {
    using meldpunt::http::client_group;
    EXPECT_EQ(client_group("198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(client_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
    EXPECT_EQ(client_group("2001:db8:1:2::1"), client_group("2001:db8:1:2:ffff::9"));
    EXPECT_NE(client_group("2001:db8:1:2::1"), client_group("2001:db8:1:3::1"));
    EXPECT_EQ(client_group("::ffff:198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(client_group(""), "");
}
