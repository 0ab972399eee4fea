#include "web/procedure_diagrams.hpp"

#include <spdlog/spdlog.h>

#include "procedure_file/describe.hpp"
#include "render/dot_process.hpp"

namespace meldpunt::web {

ProcedureDiagrams::ProcedureDiagrams(std::chrono::milliseconds limit, std::string dot_program)
    : limit_(limit), dot_program_(std::move(dot_program)), drawer_([this] { draw_queued(); }) {}

ProcedureDiagrams::~ProcedureDiagrams() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    drawer_.join();
}

void ProcedureDiagrams::prepare(const std::shared_ptr<const loading::LoadedProcedure>& procedure,
                                const messages::Catalogue& catalogue) {
    const Key key{procedure.get(), catalogue.language()};
    {
        std::lock_guard lock(mutex_);
        if (entries_.contains(key))
            return;
    }
    // The DOT text is made here (it is quick); only the layout waits for the drawer.
    std::string dot = procedure_file::describe_as_dot(procedure->procedure, catalogue);
    {
        std::lock_guard lock(mutex_);
        if (!entries_.emplace(key, Entry{procedure, std::nullopt}).second)
            return;  // queued meanwhile by another visitor
        jobs_.push_back({key, std::move(dot)});
    }
    queued_.notify_one();
}

ProcedureDiagrams::Diagram ProcedureDiagrams::svg(
    const std::shared_ptr<const loading::LoadedProcedure>& procedure, const messages::Catalogue& catalogue) {
    const Key key{procedure.get(), catalogue.language()};
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end())
            return it->second.svg ? Diagram{true, *it->second.svg} : Diagram{};
    }
    prepare(procedure, catalogue);
    return {};
}

void ProcedureDiagrams::draw_queued() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            queued_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (stopping_)
                return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        const auto outcome = render::run_dot(job.dot, limit_, dot_program_);
        std::string svg = outcome.svg.value_or("");
        if (auto start = svg.find("<svg"); start != std::string::npos)
            svg = svg.substr(start);
        if (!outcome.svg)
            spdlog::warn(R"({{"event":"diagram_not_drawn","timed_out":{},"started":{}}})", outcome.timed_out,
                         outcome.started);
        std::lock_guard lock(mutex_);
        if (!outcome.started)
            entries_.erase(job.key);  // out of descriptors, say: the next visit queues it again
        else
            entries_[job.key].svg = std::move(svg);
    }
}

}  // namespace meldpunt::web
