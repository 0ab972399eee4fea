#pragma once
// What Meldpunt accepts as text from outside: valid UTF-8 without control characters. Paths, query
// values, header values and one-line fields allow a tab at most; multi-line fields (descriptions,
// addresses) also line breaks. Anything else is refused as bad input (400) at the edge, so that no
// database or JSON encoder ever sees it (PostgreSQL rejects invalid UTF-8 and cuts text at NUL).
#include <cstddef>
#include <string>
#include <string_view>

namespace meldpunt::support {

bool valid_text(std::string_view text, bool multiline = false);

// `text` without the spaces, tabs and line breaks it begins or ends with.
std::string trimmed(std::string_view text);

// `text` with the ASCII letters in lower case (header names, content types, e-mail addresses).
std::string ascii_lowercase(std::string_view text);

// The longest beginning of `text` of at most `max_bytes` bytes that splits no UTF-8 character.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// Appends `text` to `out` with & < > " ' written as character references: safe in HTML and XML
// (SVG) text and attribute values.
void append_markup_escaped(std::string& out, std::string_view text);

}  // namespace meldpunt::support
