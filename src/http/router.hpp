#pragma once
// Routing declared in one place: method + path pattern ("/api/v1/orgs/{org}/cases/{reference}")
// with the route's properties (who may call it, what body it takes, whether it reads one snapshot)
// to a handler. The edges' binders (http/api.cpp, web/routes.cpp) act on the properties before the
// handler runs, and the server reads a route's body kind before it reads the body. A handler gets
// the request and the path parameters and returns a response; it parses, calls a service and
// formats, nothing more (no business rules in HTTP code).
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

// A body produced a piece at a time, for answers too large to hold (the register of 10^6 cases as
// CSV): each call appends the next piece to `piece` and answers whether more follow. Called on a
// worker thread, one call at a time, after the status and headers went out; it may read the store.
// Should it throw, the connection is closed before the last piece, so the client sees a broken
// download rather than a short one.
using BodyStream = std::function<bool(std::string& piece)>;

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    BodyStream stream;  // when set, the body (sent in chunks), instead of `body`
};

using Params = std::map<std::string, std::string>;
using Handler = std::function<Response(const Request&, const Params&)>;

// Who may call a route. The binder refuses everyone else before the handler runs.
enum class Auth {
    none,
    api_token,      // a bearer token (401 without one)
    staff_session,  // a member of staff's web session (to the login page without one)
    administrator,  // a staff session with the administrator role (403 for other staff)
    portal_link,    // a complainant's portal link, the path's {org}/{token} (404 for any other)
};

// What a route's request body is. The binder parses it (JSON; a form with its CSRF token checked)
// before the handler runs.
enum class Body {
    none,
    json,
    form,   // application/x-www-form-urlencoded or multipart, without files
    files,  // may carry files: a multipart form, or a document's bytes (API): the large limit
};

struct Route {
    std::string method;
    std::string pattern;
    Auth auth = Auth::none;
    Body body = Body::none;
    // The handler only reads: its authentication and its answer come from one read transaction.
    bool one_snapshot = false;
};

class Router {
  public:
    void add(Route route, Handler handler);

    struct Match {
        const Handler* handler = nullptr;
        const Route* route = nullptr;
        Params params;
        std::string pattern;       // for metrics: the route, not the concrete path
        bool path_exists = false;  // some route has this path (with another method): 405
    };
    Match match(const std::string& method, const std::string& path) const;
    // Whether the route for `method` and `target` (path and query as received) takes files: only
    // those requests may send a body over the small limit.
    bool accepts_files(const std::string& method, const std::string& target) const;
    // The patterns routed for `method`, in the order they were added.
    std::vector<std::string> patterns(const std::string& method) const;

    // The answer for a path outside /api/ that no route has (the web's page "does not exist", in
    // the reader's language); without one, and under /api/, the server answers JSON.
    void set_page_not_found(Handler handler) { page_not_found_ = std::move(handler); }
    const Handler* page_not_found(const std::string& path) const {
        return page_not_found_ && path.rfind("/api/", 0) != 0 && path != "/api" ? &page_not_found_ : nullptr;
    }

  private:
    struct Entry {
        Route route;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Entry> routes_;
    Handler page_not_found_;
};

// Percent-decoding; nullopt for malformed escapes.
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space);

// Splits "path?a=1&b=2" into the decoded path and query; nullopt when malformed.
bool split_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace meldpunt::http
