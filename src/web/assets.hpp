#pragma once
// The web pages' templates (web/templates/*.mustache) and static files (web/static/), compiled into
// the program by cmake/embed_web_assets.cmake so that `meldpunt serve` needs no data files.
#include <map>
#include <string>
#include <string_view>

namespace meldpunt::web {

// The file's content, or an empty view when there is no such file.
std::string_view asset(std::string_view file_name);

// Every template, by name without ".mustache": the partials a template may include ({{> field}}).
std::map<std::string, std::string> templates();

}  // namespace meldpunt::web
