#include "cli/language.hpp"

#include <cstdlib>

namespace meldpunt::cli {

messages::Language choose_language(const std::string& option) {
    if (!option.empty())
        return messages::language_from(option);
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value && std::string(value) != "C" && std::string(value) != "C.UTF-8" &&
            std::string(value) != "POSIX")
            return messages::language_from(value);
    }
    return messages::Language::nl;
}

}  // namespace meldpunt::cli
