#include "cli/procedure_commands.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/language.hpp"
#include "domain/calendar/instant.hpp"
#include "domain/engine/engine.hpp"
#include "loading/procedure_loader.hpp"
#include "procedure_file/describe.hpp"
#include "render/deadline_json.hpp"
#include "render/svg.hpp"

namespace meldpunt::cli {

namespace {

struct Options {
    std::vector<std::string> files;
    std::string file;
    std::string format = "text";
    std::string received;
    std::string kind = "complaint";
    std::string lang;
};

// Loads one file, printing its diagnostics; null when it is not a valid procedure.
std::unique_ptr<loading::LoadedProcedure> load_or_report(const std::string& path,
                                                         const messages::Catalogue& catalogue) {
    auto result = loading::load_procedure_file(path);
    for (const auto& d : result.diagnostics)
        std::cerr << loading::format_diagnostic(path, d, catalogue) << "\n";
    return std::move(result.loaded);
}

int check(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    int failures = 0;
    for (const auto& path : o.files) {
        if (load_or_report(path, catalogue)) {
            std::cout << path << ": " << catalogue.text("cli.valid") << "\n";
        } else {
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

int show(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    auto loaded = load_or_report(o.file, catalogue);
    if (!loaded)
        return 1;
    if (o.format == "text") {
        std::cout << procedure_file::describe_as_text(loaded->procedure, catalogue);
        return 0;
    }
    const std::string dot = procedure_file::describe_as_dot(loaded->procedure, catalogue);
    if (o.format == "dot") {
        std::cout << dot;
        return 0;
    }
    auto svg = render::render_svg(dot);
    if (!svg) {
        std::cerr << catalogue.text("cli.svg_failed") << "\n";
        return 1;
    }
    std::cout << *svg;
    return 0;
}

int deadlines(const Options& o) {
    const messages::Catalogue catalogue(choose_language(o.lang));
    auto loaded = load_or_report(o.file, catalogue);
    if (!loaded)
        return 1;
    const auto received = calendar::parse_instant(o.received, loaded->calendar);
    if (!received) {
        std::cerr << catalogue.text("cli.bad_instant", {o.received}) << "\n";
        return 2;
    }
    const procedure::Kind* kind = loaded->procedure.kind(o.kind);
    if (!kind) {
        std::cerr << catalogue.text("refusal.unknown_kind", {o.kind}) << "\n";
        return 2;
    }
    const cases::Engine engine(loaded->procedure, loaded->calendar);
    cases::IntakeRequest request;
    request.kind = o.kind;
    request.channel = kind->channels.empty() ? "letter" : kind->channels.front();
    request.received_at = *received;
    auto result = engine.intake(request);
    auto* c = result.success();
    if (!c) {
        std::cerr << catalogue.text("cli.intake_refused") << "\n";
        return 1;
    }
    render::Json out = render::Json::array();
    for (const auto& view : engine.deadlines(*c, c->received_on)) {
        out.push_back(render::deadline_json(loaded->procedure, view, catalogue));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace

void add_procedure_commands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<Options>();
    CLI::App* procedure = app.add_subcommand("procedure", "Procedure files: check, show, deadlines");
    procedure->require_subcommand(1);

    CLI::App* check_cmd =
        procedure->add_subcommand("check", "Validate procedure files; exit 0 only when all are valid");
    check_cmd->add_option("files", options->files, "Procedure files")->required();
    check_cmd->add_option("--lang", options->lang, "Language of messages: nl or en");
    check_cmd->callback([options, &exit_code] { exit_code = check(*options); });

    CLI::App* show_cmd = procedure->add_subcommand("show", "The procedure as a regulation text or a diagram");
    show_cmd->add_option("file", options->file, "Procedure file")->required();
    show_cmd->add_option("--format", options->format, "text, dot or svg")
        ->check(CLI::IsMember({"text", "dot", "svg"}));
    show_cmd->add_option("--lang", options->lang, "Language: nl or en");
    show_cmd->callback([options, &exit_code] { exit_code = show(*options); });

    CLI::App* deadlines_cmd =
        procedure->add_subcommand("deadlines", "Deadlines that start at intake, as JSON");
    deadlines_cmd->add_option("file", options->file, "Procedure file")->required();
    deadlines_cmd->add_option("--received", options->received, "Moment of receipt, ISO 8601")->required();
    deadlines_cmd->add_option("--kind", options->kind, "Kind of case (default: complaint)");
    deadlines_cmd->add_option("--lang", options->lang, "Language of descriptions: nl or en");
    deadlines_cmd->callback([options, &exit_code] { exit_code = deadlines(*options); });
}

}  // namespace meldpunt::cli
