#pragma once
// Graphviz's `dot` as a child process with a time limit (issue 15: a procedure whose diagram took
// long to lay out held a request thread and, through Graphviz's lock, every other diagram). The
// child is killed when the limit passes; the caller never waits longer than the limit.
#include <chrono>
#include <optional>
#include <string>

namespace meldpunt::render {

struct DotOutcome {
    std::optional<std::string> svg;  // nullopt: not drawn
    bool timed_out = false;
    bool started = true;  // false: `dot` could not be started (no descriptors, no such program)
};

// Runs `dot -Tsvg` (the program `dot_program`, found on PATH when it has no slash) on `dot`.
DotOutcome run_dot(const std::string& dot, std::chrono::milliseconds limit,
                   const std::string& dot_program = "dot");

}  // namespace meldpunt::render
