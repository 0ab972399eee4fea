#include "render/svg.hpp"

#include <graphviz/gvc.h>

#include <mutex>

namespace meldpunt::render {

// One Graphviz context for the life of the process, used under one lock: Graphviz is not
// thread-safe, and its text layout (the pango plugin) keeps pointers to font names that the
// context owns, so a context freed after each diagram would leave the next one reading freed
// memory.
std::optional<std::string> render_svg(const std::string& dot) {
    static std::mutex graphviz;
    std::lock_guard lock(graphviz);
    static GVC_t* const context = gvContext();
    if (!context)
        return std::nullopt;
    std::optional<std::string> svg;
    if (Agraph_t* graph = agmemread(dot.c_str())) {
        if (gvLayout(context, graph, "dot") == 0) {
            char* data = nullptr;
            unsigned int length = 0;
            if (gvRenderData(context, graph, "svg", &data, &length) == 0 && data)
                svg = std::string(data, length);
            gvFreeRenderData(data);
            gvFreeLayout(context, graph);
        }
        agclose(graph);
    }
    return svg;
}

}  // namespace meldpunt::render
