#include "render/svg.hpp"

#include <graphviz/gvc.h>

#include <mutex>

namespace meldpunt::render {

std::optional<std::string> render_svg(const std::string& dot) {
    static std::mutex graphviz;
    std::lock_guard lock(graphviz);
    GVC_t* context = gvContext();
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
    gvFreeContext(context);
    return svg;
}

}  // namespace meldpunt::render
