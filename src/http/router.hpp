#pragma once
// Routing declared in one place: method + path pattern ("/api/v1/orgs/{org}/cases/{reference}")
// to a handler. A handler gets the request and the path parameters and returns a response; it
// parses, calls a service and formats, nothing more (no business rules in HTTP code).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meldpunt::http {

struct Request {
    std::string method;
    std::string target;  // path and query as received
    std::string path;    // decoded path, without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string remote;  // the client's address, e.g. for login throttling

    std::string header(const std::string& lower_case_name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using Params = std::map<std::string, std::string>;
using Handler = std::function<Response(const Request&, const Params&)>;

class Router {
  public:
    void add(const std::string& method, const std::string& pattern, Handler handler);

    struct Match {
        const Handler* handler = nullptr;
        Params params;
        std::string pattern;       // for metrics: the route, not the concrete path
        bool path_exists = false;  // some route has this path (with another method): 405
    };
    Match match(const std::string& method, const std::string& path) const;
    // The patterns routed for `method`, in the order they were added.
    std::vector<std::string> patterns(const std::string& method) const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

// Percent-decoding; nullopt for malformed escapes.
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space);

// Splits "path?a=1&b=2" into the decoded path and query; nullopt when malformed.
bool split_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace meldpunt::http
