#include "webhook/http_post.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace meldpunt::webhook {

namespace {

struct Reading {
    std::string* answer;
    size_t limit;
};

size_t keep_answer(char* data, size_t size, size_t count, void* user) {
    auto* reading = static_cast<Reading*>(user);
    const size_t n = size * count;
    const size_t room = reading->limit - std::min(reading->limit, reading->answer->size());
    reading->answer->append(data, std::min(n, room));
    return n;  // the rest is read and dropped: a long answer is no failure
}

// Addresses no organisation's receiver has: this host and its networks (RFC 1918, RFC 6598, link
// local), and what is not a host (multicast, reserved, benchmarking, the IETF's own block).
bool private_v4(const in_addr& a) {
    const uint32_t ip = ntohl(a.s_addr);
    const auto in = [ip](uint32_t net, int bits) { return (ip >> (32 - bits)) == (net >> (32 - bits)); };
    return in(0x00000000, 8) || in(0x0a000000, 8) || in(0x7f000000, 8) || in(0xa9fe0000, 16) ||
           in(0xac100000, 12) || in(0xc0a80000, 16) || in(0x64400000, 10) || in(0xc0000000, 24) ||
           in(0xc6120000, 15) || in(0xe0000000, 4) || in(0xf0000000, 4);
}

in_addr v4_at(const in6_addr& a, int offset) {
    in_addr v4;
    std::memcpy(&v4, a.s6_addr + offset, 4);
    return v4;
}

bool private_v6(const in6_addr& a) {
    const auto* b = a.s6_addr;
    // IPv4 inside IPv6: mapped (::ffff:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96), 6to4
    // (2002::/16): the IPv4 address decides.
    if (IN6_IS_ADDR_V4MAPPED(&a) || (IN6_IS_ADDR_V4COMPAT(&a)))
        return private_v4(v4_at(a, 12));
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
        std::all_of(b + 4, b + 12, [](uint8_t x) { return x == 0; }))
        return private_v4(v4_at(a, 12));
    if (b[0] == 0x20 && b[1] == 0x02)
        return private_v4(v4_at(a, 2));
    return IN6_IS_ADDR_LOOPBACK(&a) || IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LINKLOCAL(&a) ||
           IN6_IS_ADDR_SITELOCAL(&a) || IN6_IS_ADDR_MULTICAST(&a) || (b[0] & 0xfe) == 0xfc;
}

// libcurl asks for each socket with the address it resolved: refusing here refuses the address
// actually connected to, whatever name led to it.
curl_socket_t open_public_only(void* refused, curlsocktype, curl_sockaddr* address) {
    bool is_private = true;
    if (address->family == AF_INET)
        is_private = private_v4(reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr);
    else if (address->family == AF_INET6)
        is_private = private_v6(reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr);
    if (is_private) {
        *static_cast<bool*>(refused) = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

struct CurlFree {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

}  // namespace

PostResult::Kind kind_of_status(long status) {
    if (status >= 200 && status < 300)
        return PostResult::Kind::delivered;
    if (status == 408 || status == 425 || status == 429 || status >= 500 || status < 400)
        return PostResult::Kind::temporary;
    return PostResult::Kind::permanent;
}

bool is_webhook_url(const std::string& url) {
    if (url.size() > 2000)
        return false;
    for (char c : url)
        if (c <= 0x20 || c >= 0x7f)
            return false;
    const size_t start = starts_with(url, "https://") ? 8 : starts_with(url, "http://") ? 7 : 0;
    if (start == 0)
        return false;
    const std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
    return !authority.empty() && authority.find('@') == std::string::npos && authority[0] != ':';
}

PostResult post(const HttpPost& request, const PostLimits& limits) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    PostResult result;
    if (!is_webhook_url(request.url)) {
        result.kind = PostResult::Kind::permanent;
        result.error = "not an http(s) address";
        return result;
    }
    std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
    if (!curl) {
        result.error = "libcurl could not start";
        return result;
    }
    std::unique_ptr<curl_slist, CurlFree> headers;
    for (const auto& [name, value] : request.headers)
        headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
    // No "Expect: 100-continue" round trip before the body.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));
    Reading reading{&result.answer, limits.answer_bytes};
    bool refused_address = false;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    // Straight to the receiver, whatever proxy the environment names: the address check below
    // must see the receiver's address, not a proxy's.
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total.count()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_answer);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reading);
    if (!limits.private_networks) {
        curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_public_only);
        curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &refused_address);
    }
    const CURLcode code = curl_easy_perform(c);
    // A refused address counts only when no other address of the host took the post.
    if (refused_address && code != CURLE_OK) {
        result.kind = PostResult::Kind::permanent;
        result.error = "the address is in a private network, which this server may not reach";
        return result;
    }
    if (code != CURLE_OK) {
        result.kind = code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT
                          ? PostResult::Kind::permanent
                          : PostResult::Kind::temporary;
        result.error = curl_easy_strerror(code);
        return result;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
    result.kind = kind_of_status(result.status);
    if (result.kind != PostResult::Kind::delivered)
        result.error = "HTTP " + std::to_string(result.status);
    return result;
}

}  // namespace meldpunt::webhook
