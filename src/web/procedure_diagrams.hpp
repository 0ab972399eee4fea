#pragma once
// The SVG diagram of each procedure version, per language, drawn once, in the background (issue
// 15: a large procedure's diagram was laid out on a request thread on its first visit, under
// Graphviz's one lock, and stalled the server). A version's diagrams are queued when it goes in
// force (and at start for the versions in force); a visit before its diagram is drawn queues it
// and gets "not yet" at once. One thread draws, with `dot` as a child process stopped after the
// time limit (render/dot_process.hpp); a diagram that cannot be drawn in time stays undrawn (the
// page says so) and is not tried again; one whose `dot` could not be started is queued again by
// the next visit. An entry keeps its procedure alive, so a key is never
// reused for another one. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::web {

class ProcedureDiagrams {
  public:
    explicit ProcedureDiagrams(std::chrono::milliseconds limit = std::chrono::seconds(10),
                               std::string dot_program = "dot");
    ~ProcedureDiagrams();
    ProcedureDiagrams(const ProcedureDiagrams&) = delete;
    ProcedureDiagrams& operator=(const ProcedureDiagrams&) = delete;

    struct Diagram {
        bool drawn = false;  // false: queued or being drawn
        std::string svg;     // the <svg> element (without the XML prologue); empty: could not be drawn
    };
    // The diagram as far as it is; queues it when it was not yet.
    Diagram svg(const std::shared_ptr<const loading::LoadedProcedure>& procedure,
                const messages::Catalogue& catalogue);
    // Queues the diagram in the catalogue's language, unless it is known already.
    void prepare(const std::shared_ptr<const loading::LoadedProcedure>& procedure,
                 const messages::Catalogue& catalogue);

  private:
    using Key = std::pair<const loading::LoadedProcedure*, messages::Language>;
    struct Entry {
        std::shared_ptr<const loading::LoadedProcedure> procedure;
        std::optional<std::string> svg;  // nullopt: not drawn yet
    };
    struct Job {
        Key key;
        std::string dot;
    };

    void draw_queued();

    const std::chrono::milliseconds limit_;
    const std::string dot_program_;
    std::mutex mutex_;
    std::condition_variable queued_;
    bool stopping_ = false;
    std::map<Key, Entry> entries_;
    std::deque<Job> jobs_;
    std::thread drawer_;  // last: started when everything it uses is there
};

}  // namespace meldpunt::web
