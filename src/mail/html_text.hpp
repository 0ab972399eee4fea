#pragma once
// An HTML body as the plain text a person reads in it: paragraphs, line breaks and list items as
// line ends, links with their address, entities decoded; scripts, styles, comments and the head
// left out. Parsed with libxml2's forgiving HTML parser, which takes whatever a mail program or
// an attacker writes. The result is text only: Meldpunt never shows mail as HTML.
#include <string>

namespace meldpunt::mail {

// `html` in `charset` (empty: UTF-8) as UTF-8 text with at most one blank line in a row.
std::string text_from_html(const std::string& html, const std::string& charset = "");

}  // namespace meldpunt::mail
