// meldpunt: the command line of Meldpunt.
#include <CLI/CLI.hpp>

#include "cli/mail_commands.hpp"
#include "cli/procedure_commands.hpp"
#include "cli/server_commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Meldpunt: klachten- en vragenbehandeling volgens de eigen procedure van een organisatie"};
    app.require_subcommand(1);
    int exit_code = 0;
    meldpunt::cli::add_procedure_commands(app, exit_code);
    meldpunt::cli::add_server_commands(app, exit_code);
    meldpunt::cli::add_mail_commands(app, exit_code);
    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
