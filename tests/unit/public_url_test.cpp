// The server's public address, as given to `serve --public-url`.
#include <gtest/gtest.h>

#include "support/public_url.hpp"

namespace {

using meldpunt::support::normalise_public_url;

TEST(PublicUrl, AcceptsHttpAndHttpsAddressesWithoutTheTrailingSlash) {
    EXPECT_EQ(normalise_public_url("https://klachten.example.nl/"), "https://klachten.example.nl");
    EXPECT_EQ(normalise_public_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    EXPECT_EQ(normalise_public_url("https://example.nl/meldpunt//"), "https://example.nl/meldpunt");
    EXPECT_EQ(normalise_public_url("http://[::1]:8080"), "http://[::1]:8080");
    EXPECT_EQ(normalise_public_url("HTTPS://Klachten.Example.nl/Meldpunt"),
              "https://klachten.example.nl/Meldpunt");
    EXPECT_EQ(normalise_public_url("https://example.nl/team@mos/%C3%A9"),
              "https://example.nl/team@mos/%C3%A9");
}

TEST(PublicUrl, RefusesWhatCannotBeALinkInALetter) {
    for (const char* bad : {"",
                            "klachten.example.nl",
                            "ftp://example.nl",
                            "javascript:alert(1)",
                            "https://",
                            "https:///pad",
                            "https://example.nl/?a=1",
                            "https://example.nl/#x",
                            "https://user@example.nl",
                            "https://exa mple.nl",
                            "https://example.nl/\n",
                            "https://:8080",
                            "https://example.nl:",
                            "https://example.nl/\"><script>",
                            "https://example.nl:abc",
                            "https://example.nl:99999",
                            "https://example.nl:0",
                            "https://a:b:c",
                            "https://[::1",
                            "https://example.nl/it's",
                            "https://example.nl/{x}",
                            "https://example.nl/100%",
                            "https://exämple.nl",
                            "https://-example.nl",
                            "https://example.nl/\u202e"})
        EXPECT_FALSE(normalise_public_url(bad)) << bad;
}

}  // namespace
