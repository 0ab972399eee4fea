#pragma once
// `meldpunt procedure check|show|deadlines`: thin handlers over the procedure language.
#include <CLI/CLI.hpp>

namespace meldpunt::cli {

void add_procedure_commands(CLI::App& app, int& exit_code);

}  // namespace meldpunt::cli
