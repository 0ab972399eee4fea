#pragma once
// HTML form submissions: application/x-www-form-urlencoded and multipart/form-data (for files).
// Hostile input gives nullopt, never a crash: malformed encodings, missing boundaries, too many
// parts, a field longer than kMaxFieldBytes, text that is not clean UTF-8 (file contents and names
// excepted: the dossier checks those). The body itself is bounded by the server.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace meldpunt::web {

struct UploadedFile {
    std::string field, filename, content_type, content;
};

struct Form {
    std::map<std::string, std::string> fields;  // a repeated name keeps its last value
    // Every value of each name, in order (a group of checkboxes sends one name several times).
    std::map<std::string, std::vector<std::string>> values;
    std::vector<UploadedFile> files;  // file inputs with a file chosen

    // The field's value, or "" when absent.
    const std::string& get(const std::string& name) const;
    // Whether the form sent the field at all (an empty text input is sent, empty).
    bool has(const std::string& name) const { return fields.contains(name); }
    // Every non-empty value of the field, in order (checkboxes of one name; a select has one).
    std::vector<std::string> every(const std::string& name) const;
};

constexpr size_t kMaxFieldBytes = 64 * 1024;
constexpr size_t kMaxParts = 64;

std::optional<Form> parse_form(const http::Request& request);

}  // namespace meldpunt::web
