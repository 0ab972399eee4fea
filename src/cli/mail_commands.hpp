#pragma once
// `meldpunt mail receive` (one message on standard input, as a mail system's pipe delivers it) and
// `meldpunt mail address` (the address an organisation's mail arrives at).
#include <CLI/CLI.hpp>

namespace meldpunt::cli {

void add_mail_commands(CLI::App& app, int& exit_code);

}  // namespace meldpunt::cli
