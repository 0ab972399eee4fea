#pragma once
// A minimal blocking HTTP/1.1 client for the tests (Boost.Beast), one connection per request.
#include <map>
#include <string>
#include <vector>

namespace meldpunt::testing {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::vector<std::string> set_cookies;        // every Set-Cookie header, in order
    std::string body;
};

HttpResult http_request(int port, const std::string& method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers = {},
                        const std::string& body = "");

// Sends raw bytes and returns the raw reply (for malformed-request tests); empty when the server
// closed the connection without answering.
std::string raw_request(int port, const std::string& bytes);

}  // namespace meldpunt::testing
