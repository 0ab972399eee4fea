#pragma once
// The HTML alternative of a message Meldpunt writes as plain text: the same words, escaped, in
// paragraphs (a blank line ends one, a single line break stays one), with every web address a
// link. Mail readers that prefer HTML show it in their own font and make the portal link
// clickable; nothing in it comes from anywhere but the text.
#include <string>

namespace meldpunt::mail {

// `text` (UTF-8) as a complete HTML document in `lang` ("nl").
std::string html_from_text(const std::string& text, const std::string& lang = "nl");

}  // namespace meldpunt::mail
