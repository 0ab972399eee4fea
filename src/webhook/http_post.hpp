#pragma once
// One webhook delivery sent over HTTP(S) with libcurl: a POST of a JSON body with its headers, no
// redirects followed, http and https only, bounded in time (connect 5 s, all 15 s) and in what is
// read back (64 KiB). What came of it is delivered, temporary (try again later: no connection, a
// timeout, 5xx, 408, 425, 429) or permanent (the receiver refuses it for good: 410 and the other
// 4xx, an address that is no http(s) URL or that the server may not reach).
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace meldpunt::webhook {

struct HttpPost {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct PostLimits {
    std::chrono::milliseconds connect{5000};
    std::chrono::milliseconds total{15000};
    size_t answer_bytes = 64 * 1024;  // more is read and dropped
    // Loopback, private and link-local addresses (RFC 1918, RFC 4193 ...): refused unless the
    // server's operator allows them (`serve --webhooks-to-private-networks`), so that an
    // organisation's administrator cannot make the server probe the network it stands in.
    bool private_networks = false;
};

struct PostResult {
    enum class Kind { delivered, temporary, permanent };
    Kind kind = Kind::temporary;
    long status = 0;     // the receiver's HTTP status; 0: no answer
    std::string answer;  // the receiver's body (at most answer_bytes)
    std::string error;   // why it was not delivered, in English for the log and the delivery log
};

PostResult post(const HttpPost& request, const PostLimits& limits);

// What an HTTP status means for a delivery (2xx: delivered; see above).
PostResult::Kind kind_of_status(long status);

// Whether `url` is one a subscription may name: http:// or https://, a host, no login in it, at
// most 2,000 characters, printable ASCII.
bool is_webhook_url(const std::string& url);

}  // namespace meldpunt::webhook
