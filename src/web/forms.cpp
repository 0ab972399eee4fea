#include "web/forms.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "support/text.hpp"

namespace meldpunt::web {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// The value of `name=...` among the `;`-separated parameters of a header value; quotes removed.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
    size_t pos = 0;
    while (pos <= header.size()) {
        const size_t end = std::min(header.find(';', pos), header.size());
        std::string_view item = trim(header.substr(pos, end - pos));
        const size_t eq = item.find('=');
        if (eq != std::string_view::npos && support::ascii_lowercase(trim(item.substr(0, eq))) == name) {
            std::string_view value = trim(item.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        pos = end + 1;
    }
    return std::nullopt;
}

// Names are one line, values may be several; both clean UTF-8 (app/text.hpp).
bool clean(std::string_view name, std::string_view value) {
    return support::valid_text(name) && support::valid_text(value, true);
}

std::optional<Form> parse_urlencoded(std::string_view body) {
    Form form;
    size_t pos = 0;
    size_t parts = 0;
    while (pos < body.size()) {
        const size_t end = std::min(body.find('&', pos), body.size());
        const std::string_view item = body.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty())
            continue;
        if (++parts > kMaxParts * 4)
            return std::nullopt;
        const size_t eq = item.find('=');
        auto name = http::url_decode(item.substr(0, eq), true);
        auto value = http::url_decode(eq == std::string_view::npos ? "" : item.substr(eq + 1), true);
        if (!name || !value || value->size() > kMaxFieldBytes || !clean(*name, *value))
            return std::nullopt;
        form.values[*name].push_back(*value);
        form.fields[*name] = *value;
    }
    return form;
}

std::optional<Form> parse_multipart(std::string_view body, const std::string& boundary) {
    if (boundary.empty() || boundary.size() > 200)
        return std::nullopt;
    const std::string delimiter = "--" + boundary;
    Form form;
    size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos)
        return std::nullopt;
    for (size_t parts = 0;; ++parts) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--")
            return form;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n" || parts >= kMaxParts)
            return std::nullopt;
        pos += 2;
        const size_t header_end = body.find("\r\n\r\n", pos);
        if (header_end == std::string_view::npos)
            return std::nullopt;
        const std::string_view headers = body.substr(pos, header_end - pos);
        const size_t content_start = header_end + 4;
        const size_t next = body.find("\r\n" + delimiter, content_start);
        if (next == std::string_view::npos)
            return std::nullopt;
        const std::string_view content = body.substr(content_start, next - content_start);
        std::optional<std::string> name, filename;
        std::string content_type = "text/plain";
        size_t line_start = 0;
        while (line_start <= headers.size()) {
            const size_t line_end = std::min(headers.find("\r\n", line_start), headers.size());
            const std::string_view line = headers.substr(line_start, line_end - line_start);
            const size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                const std::string header = support::ascii_lowercase(trim(line.substr(0, colon)));
                const std::string_view value = trim(line.substr(colon + 1));
                if (header == "content-disposition") {
                    name = parameter(value, "name");
                    filename = parameter(value, "filename");
                } else if (header == "content-type") {
                    content_type = support::ascii_lowercase(value.substr(0, value.find(';')));
                }
            }
            line_start = line_end + 2;
        }
        if (!name)
            return std::nullopt;
        if (filename) {
            if (!filename->empty())  // an empty file input sends a part without a file name
                form.files.push_back({*name, *filename, content_type, std::string(content)});
        } else {
            if (content.size() > kMaxFieldBytes || !clean(*name, content))
                return std::nullopt;
            form.values[*name].emplace_back(content);
            form.fields[*name] = std::string(content);
        }
        pos = next + 2;
    }
}

}  // namespace

const std::string& Form::get(const std::string& name) const {
    static const std::string none;
    auto it = fields.find(name);
    return it == fields.end() ? none : it->second;
}

std::vector<std::string> Form::every(const std::string& name) const {
    std::vector<std::string> out;
    if (auto it = values.find(name); it != values.end())
        std::copy_if(it->second.begin(), it->second.end(), std::back_inserter(out),
                     [](const std::string& value) { return !value.empty(); });
    return out;
}

std::optional<Form> parse_form(const http::Request& request) {
    const std::string type = request.header("content-type");
    const std::string media =
        support::ascii_lowercase(trim(std::string_view(type).substr(0, type.find(';'))));
    if (media == "application/x-www-form-urlencoded")
        return parse_urlencoded(request.body);
    if (media == "multipart/form-data") {
        auto boundary = parameter(type, "boundary");
        return boundary ? parse_multipart(request.body, *boundary) : std::nullopt;
    }
    if (request.body.empty())
        return Form{};
    return std::nullopt;
}

}  // namespace meldpunt::web
