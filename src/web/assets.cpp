#include "web/assets.hpp"

#include <map>

namespace meldpunt::web {

extern const std::map<std::string_view, std::string_view> kAssets;

std::string_view asset(std::string_view file_name) {
    auto it = kAssets.find(file_name);
    return it == kAssets.end() ? std::string_view() : it->second;
}

}  // namespace meldpunt::web
