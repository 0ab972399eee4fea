#pragma once
// What a received message holds, read with GMime as a mail reader would: every leaf part with its
// type, file name and decoded content (quoted-printable and base64 undone).
#include <string>
#include <vector>

namespace meldpunt::testing {

struct MimePart {
    std::string content_type;  // "text/plain", "application/pdf"
    std::string filename;      // for an attachment
    std::string disposition;   // "attachment", "inline" or ""
    std::string content;       // decoded bytes
};

// The leaf parts of `raw` (RFC 5322) in order; one part for a single-part message.
std::vector<MimePart> mime_parts(const std::string& raw);

// The first part of type `content_type`, or an empty part (content_type "") when there is none.
MimePart part_of_type(const std::string& raw, const std::string& content_type);

}  // namespace meldpunt::testing
