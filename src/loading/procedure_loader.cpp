#include "loading/procedure_loader.hpp"

#include <date/tz.h>

#include "loading/bounded_read.hpp"
#include "procedure_file/parser.hpp"
#include "procedure_file/validator.hpp"

namespace meldpunt::loading {

std::optional<calendar::WorkingCalendar> make_calendar(const calendar::HolidayPolicy& policy,
                                                       const std::string& zone_name) {
    try {
        return calendar::WorkingCalendar(policy, date::locate_zone(zone_name));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

LoadResult load_procedure_text(const std::string& text, procedure_file::SizeBounds bounds) {
    if (text.size() > kMaxProcedureBytes)
        return LoadResult{nullptr, {{0, "too_large", {std::to_string(kMaxProcedureBytes / (1024 * 1024))}}}};
    LoadResult result;
    auto parsed = procedure_file::parse_procedure(text);
    if (!parsed.procedure) {
        result.diagnostics = std::move(parsed.diagnostics);
        return result;
    }
    result.diagnostics = procedure_file::validate_procedure(*parsed.procedure, bounds);
    auto calendar = make_calendar(parsed.procedure->calendar.holidays, parsed.procedure->calendar.timezone);
    if (!calendar)
        result.diagnostics.push_back({0, "unknown_timezone", {parsed.procedure->calendar.timezone}});
    if (result.diagnostics.empty())
        result.loaded =
            std::make_unique<LoadedProcedure>(LoadedProcedure{std::move(*parsed.procedure), *calendar});
    return result;
}

LoadResult load_procedure_file(const std::string& path) {
    auto text = read_at_most(path, kMaxProcedureBytes);
    if (!text)
        return LoadResult{nullptr, {{0, "cannot_read", {path}}}};
    return load_procedure_text(*text);
}

std::string format_diagnostic(const std::string& path, const procedure_file::Diagnostic& d,
                              const messages::Catalogue& catalogue) {
    const std::string where = d.line > 0 ? path + ":" + std::to_string(d.line) : path;
    return where + ": " + catalogue.text("diagnostic." + d.code, d.args);
}

}  // namespace meldpunt::loading
