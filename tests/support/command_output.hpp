#pragma once
// What a command writes to its standard output, for tests that read Meldpunt's files with an
// independent tool (unzip, pdftotext).
#include <cstdio>
#include <string>

namespace meldpunt::testing {

inline std::string command_output(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
            out.append(buffer, n);
        pclose(pipe);
    }
    return out;
}

}  // namespace meldpunt::testing
