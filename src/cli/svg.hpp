#pragma once
// Rendering Graphviz DOT text to SVG with the Graphviz library (libgvc).
#include <optional>
#include <string>

namespace meldpunt::cli {

// nullopt when Graphviz cannot lay out the graph.
std::optional<std::string> render_svg(const std::string& dot);

}  // namespace meldpunt::cli
