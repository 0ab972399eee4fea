#pragma once
#include <string>

#include "messages/catalogue.hpp"

namespace meldpunt::cli {

// --lang when given, else LC_ALL/LC_MESSAGES/LANG, else Dutch.
messages::Language choose_language(const std::string& option);

}  // namespace meldpunt::cli
