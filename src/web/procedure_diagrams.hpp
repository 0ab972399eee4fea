#pragma once
// The SVG diagram of each procedure version, per language, made once: a Graphviz layout takes
// milliseconds and Graphviz runs one at a time (app/svg.hpp), while the procedure page is public.
// An entry keeps its procedure alive, so a key is never reused for another one. Thread-safe.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::web {

class ProcedureDiagrams {
  public:
    // The <svg> element (without Graphviz's XML prologue); empty when Graphviz cannot draw it.
    std::string svg(const std::shared_ptr<const loading::LoadedProcedure>& procedure,
                    const messages::Catalogue& catalogue);

  private:
    struct Entry {
        std::shared_ptr<const loading::LoadedProcedure> procedure;
        std::string svg;
    };
    std::mutex mutex_;
    std::map<std::pair<const loading::LoadedProcedure*, messages::Language>, Entry> entries_;
};

}  // namespace meldpunt::web
