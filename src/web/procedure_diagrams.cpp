#include "web/procedure_diagrams.hpp"

#include "procedure_file/describe.hpp"
#include "render/svg.hpp"

namespace meldpunt::web {

std::string ProcedureDiagrams::svg(const std::shared_ptr<const loading::LoadedProcedure>& procedure,
                                   const messages::Catalogue& catalogue) {
    const auto key = std::pair{procedure.get(), catalogue.language()};
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end())
            return it->second.svg;
    }
    std::string svg =
        render::render_svg(procedure_file::describe_as_dot(procedure->procedure, catalogue)).value_or("");
    if (auto start = svg.find("<svg"); start != std::string::npos)
        svg = svg.substr(start);
    std::lock_guard lock(mutex_);
    return entries_.emplace(key, Entry{procedure, std::move(svg)}).first->second.svg;
}

}  // namespace meldpunt::web
