#pragma once
// A problem found in a procedure file: where (line) and what (a message code with arguments,
// rendered in Dutch or English from the message catalogue).
#include <string>
#include <vector>

namespace meldpunt::procedure_file {

struct Diagnostic {
    int line = 0;      // 1-based; 0 when the problem has no single place
    std::string code;  // catalogue key below "diagnostic.", e.g. "unknown_stage"
    std::vector<std::string> args;
};

}  // namespace meldpunt::procedure_file
