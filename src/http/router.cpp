#include "http/router.hpp"

#include "support/text.hpp"

namespace meldpunt::http {

namespace {
std::vector<std::string> segments_of(std::string_view path) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        out.emplace_back(path.substr(start, end - start));
        start = end;
    }
    return out;
}
}  // namespace

std::string Request::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

void Router::add(Route route, Handler handler) {
    auto segments = segments_of(route.pattern);
    routes_.push_back({std::move(route), std::move(segments), std::move(handler)});
}

std::vector<std::string> Router::patterns(const std::string& method) const {
    std::vector<std::string> out;
    for (const auto& entry : routes_)
        if (entry.route.method == method)
            out.push_back(entry.route.pattern);
    return out;
}

bool Router::accepts_files(const std::string& method, const std::string& target) const {
    std::string path;
    std::map<std::string, std::string> query;
    if (!split_target(target, path, query))
        return false;
    const Match found = match(method, path);
    return found.route && found.route->body == Body::files;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    const auto segments = segments_of(path);
    for (const auto& entry : routes_) {
        if (entry.segments.size() != segments.size())
            continue;
        Params params;
        bool ok = true;
        for (size_t i = 0; i < segments.size() && ok; ++i) {
            const std::string& want = entry.segments[i];
            if (want.size() > 2 && want.front() == '{' && want.back() == '}')
                params[want.substr(1, want.size() - 2)] = segments[i];
            else
                ok = want == segments[i];
        }
        if (!ok)
            continue;
        result.path_exists = true;
        if (entry.route.method == method) {
            result.handler = &entry.handler;
            result.route = &entry.route;
            result.params = std::move(params);
            result.pattern = entry.route.pattern;
            return result;
        }
    }
    return result;
}

std::optional<std::string> url_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            auto hex = [](char h) -> int {
                if (h >= '0' && h <= '9')
                    return h - '0';
                if (h >= 'a' && h <= 'f')
                    return h - 'a' + 10;
                if (h >= 'A' && h <= 'F')
                    return h - 'A' + 10;
                return -1;
            };
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

bool split_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query) {
    const auto q = target.find('?');
    auto decoded = url_decode(std::string_view(target).substr(0, q), false);
    if (!decoded || decoded->empty() || decoded->front() != '/')
        return false;
    if (!support::valid_text(*decoded))
        return false;
    path = *decoded;
    if (q == std::string::npos)
        return true;
    std::string_view rest = std::string_view(target).substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        auto key = url_decode(pair.substr(0, eq), true);
        auto value = url_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (!key || !value || !support::valid_text(*key) || !support::valid_text(*value))
            return false;
        if (!key->empty())
            query[*key] = *value;
        if (amp == std::string_view::npos)
            break;
        rest.remove_prefix(amp + 1);
    }
    return true;
}

}  // namespace meldpunt::http
