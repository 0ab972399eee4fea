#pragma once
// `meldpunt serve`, `org create`, `user create`, `audit verify`: setting up and running the register.
#include <CLI/CLI.hpp>

namespace meldpunt::cli {

void add_server_commands(CLI::App& app, int& exit_code);

}  // namespace meldpunt::cli
