#pragma once
// Rendering Graphviz DOT text to SVG with the Graphviz library (libgvc). Thread-safe (Graphviz is
// not: calls are serialised).
#include <optional>
#include <string>

namespace meldpunt::render {

// nullopt when Graphviz cannot lay out the graph.
std::optional<std::string> render_svg(const std::string& dot);

}  // namespace meldpunt::render
