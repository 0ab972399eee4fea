#include "web/assets.hpp"

#include <map>

namespace meldpunt::web {

extern const std::map<std::string_view, std::string_view> kAssets;

std::string_view asset(std::string_view file_name) {
    auto it = kAssets.find(file_name);
    return it == kAssets.end() ? std::string_view() : it->second;
}

std::map<std::string, std::string> templates() {
    const std::string_view suffix = ".mustache";
    std::map<std::string, std::string> out;
    for (const auto& [name, content] : kAssets)
        if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
            out.emplace(std::string(name.substr(0, name.size() - suffix.size())), std::string(content));
    return out;
}

}  // namespace meldpunt::web
