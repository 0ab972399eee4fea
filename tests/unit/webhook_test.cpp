// Webhooks out (issue 16): the signature is HMAC-SHA256 as RFC 4231 defines it, an address is
// checked before anything is sent, what an answer means for a delivery, and a private address is
// refused unless the server's operator allows it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "webhook/http_post.hpp"
#include "webhook/signature.hpp"
#include "workers/webhook_delivery.hpp"

namespace {

using meldpunt::webhook::PostResult;

TEST(WebhookSignature, IsHmacSha256AsRfc4231Defines) {
    // RFC 4231, test cases 2 and 6 (a key longer than the block: hashed first).
    EXPECT_EQ(meldpunt::webhook::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(meldpunt::webhook::hmac_sha256_hex(std::string(131, '\xaa'),
                                                 "Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(WebhookSignature, SignsTheMomentAndTheBody) {
    const std::string header = meldpunt::webhook::signature_header("geheim", 1767225600, R"({"a":1})");
    EXPECT_EQ(header,
              "t=1767225600,v1=" + meldpunt::webhook::hmac_sha256_hex("geheim", R"(1767225600.{"a":1})"));
    EXPECT_NE(header, meldpunt::webhook::signature_header("geheim", 1767225601, R"({"a":1})"));
    EXPECT_NE(header, meldpunt::webhook::signature_header("geheim", 1767225600, R"({"a":2})"));
}

TEST(WebhookSignature, SecretsAreNewEachTime) {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
        const auto secret = meldpunt::webhook::new_secret();
        EXPECT_EQ(secret.size(), 64u);
        EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos);
        seen.insert(secret);
    }
    EXPECT_EQ(seen.size(), 20u);
}

TEST(WebhookPost, AnAddressIsHttpOrHttpsWithAHostAndNoLogin) {
    using meldpunt::webhook::is_webhook_url;
    EXPECT_TRUE(is_webhook_url("https://erp.example.nl/hooks/meldpunt?token=abc"));
    EXPECT_TRUE(is_webhook_url("http://10.0.0.5:8080/in"));
    EXPECT_FALSE(is_webhook_url("file:///etc/passwd"));
    EXPECT_FALSE(is_webhook_url("gopher://example.nl/"));
    EXPECT_FALSE(is_webhook_url("https://user:pw@example.nl/"));
    EXPECT_FALSE(is_webhook_url("https:///pad"));
    EXPECT_FALSE(is_webhook_url("https://example.nl/a b"));
    EXPECT_FALSE(is_webhook_url("https://example.nl/\n"));
    EXPECT_FALSE(is_webhook_url("https://example.nl/" + std::string(2000, 'a')));
    EXPECT_FALSE(is_webhook_url(""));
}

TEST(WebhookPost, WhatAnAnswerMeansForTheDelivery) {
    using meldpunt::webhook::kind_of_status;
    EXPECT_EQ(kind_of_status(200), PostResult::Kind::delivered);
    EXPECT_EQ(kind_of_status(204), PostResult::Kind::delivered);
    EXPECT_EQ(kind_of_status(301), PostResult::Kind::temporary);  // no redirect is followed
    EXPECT_EQ(kind_of_status(400), PostResult::Kind::permanent);
    EXPECT_EQ(kind_of_status(410), PostResult::Kind::permanent);
    EXPECT_EQ(kind_of_status(408), PostResult::Kind::temporary);
    EXPECT_EQ(kind_of_status(429), PostResult::Kind::temporary);
    EXPECT_EQ(kind_of_status(500), PostResult::Kind::temporary);
    EXPECT_EQ(kind_of_status(503), PostResult::Kind::temporary);
}

TEST(WebhookPost, APrivateAddressIsRefusedUnlessAllowed) {
    meldpunt::webhook::PostLimits limits;
    // The discard port: nothing listens there on a test machine.
    const meldpunt::webhook::HttpPost request{"http://127.0.0.1:9/in", {}, "{}"};
    const auto refused = meldpunt::webhook::post(request, limits);
    EXPECT_EQ(refused.kind, PostResult::Kind::permanent);
    EXPECT_NE(refused.error.find("private network"), std::string::npos) << refused.error;
    limits.private_networks = true;
    const auto tried = meldpunt::webhook::post(request, limits);
    EXPECT_EQ(tried.kind, PostResult::Kind::temporary);  // connection refused: try again later
    EXPECT_EQ(tried.error.find("private network"), std::string::npos) << tried.error;
}

TEST(WebhookPost, NoDisguiseOfAPrivateAddressGetsThrough) {
    const meldpunt::webhook::PostLimits limits;
    for (const char* url :
         {"http://0.0.0.0:9/", "http://10.1.2.3:9/", "http://100.64.0.1:9/", "http://169.254.169.254:9/",
          "http://172.16.0.1:9/", "http://192.168.1.1:9/", "http://224.0.0.1:9/", "http://[::1]:9/",
          "http://[::ffff:127.0.0.1]:9/", "http://[64:ff9b::7f00:1]:9/", "http://[2002:c0a8:101::1]:9/",
          "http://[fd00::1]:9/", "http://[fe80::1]:9/"}) {
        const auto refused = meldpunt::webhook::post({url, {}, "{}"}, limits);
        EXPECT_EQ(refused.kind, PostResult::Kind::permanent) << url;
        EXPECT_NE(refused.error.find("private network"), std::string::npos) << url << ": " << refused.error;
    }
}

TEST(WebhookPost, GoesStraightToTheReceiverWhateverProxyTheEnvironmentNames) {
    // A proxy would hide the receiver's address from the check: none is used.
    setenv("http_proxy", "http://192.0.2.1:3128", 1);
    meldpunt::webhook::PostLimits limits;
    limits.private_networks = true;
    limits.connect = std::chrono::milliseconds{2000};
    const auto tried = meldpunt::webhook::post({"http://127.0.0.1:9/in", {}, "{}"}, limits);
    unsetenv("http_proxy");
    EXPECT_EQ(tried.kind, PostResult::Kind::temporary);
    EXPECT_NE(tried.error.find("onnect"), std::string::npos)
        << tried.error;  // refused at once, not via the proxy
}

TEST(WebhookPost, TheAnswersReferenceIsOneShortLine) {
    using meldpunt::workers::answered_reference;
    EXPECT_EQ(answered_reference(R"({"reference": " ES-2027-17 "})"), "ES-2027-17");
    EXPECT_EQ(answered_reference(R"({"reference": 17})"), "");
    EXPECT_EQ(answered_reference(R"({"received": true})"), "");
    EXPECT_EQ(answered_reference("not json"), "");
    EXPECT_EQ(answered_reference(R"({"reference": "a\nb"})"), "");
    EXPECT_EQ(answered_reference(R"({"reference": ")" + std::string(101, 'x') + "\"}"), "");
}

}  // namespace
