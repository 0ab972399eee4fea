#pragma once
// The Content-Disposition of a download with its file name as people wrote it ("Beëindiging
// 2027-000001.pdf", a complainant's "verslag van de coach.docx"): RFC 6266 with the name twice,
// as plain ASCII for old clients (anything else, quotes and control characters become '_') and
// UTF-8 percent-encoded (RFC 8187) for every current browser. Nothing in the name can end the
// header or add a parameter.
#include <string>

namespace meldpunt::web {

// `disposition` is "attachment" or "inline".
std::string content_disposition(const std::string& disposition, const std::string& file_name);

}  // namespace meldpunt::web
