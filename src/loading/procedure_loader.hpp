#pragma once
// Loading a procedure file from disk into something the engine can run: the validated
// procedure and its working calendar (time zone looked up in the system's zone database).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar/working_calendar.hpp"
#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"
#include "procedure_file/diagnostic.hpp"
#include "procedure_file/validator.hpp"

namespace meldpunt::loading {

struct LoadedProcedure {
    procedure::Procedure procedure;
    calendar::WorkingCalendar calendar;
};

struct LoadResult {
    std::unique_ptr<LoadedProcedure> loaded;  // null when there are diagnostics
    std::vector<procedure_file::Diagnostic> diagnostics;
};

// A regulation is a few kB; anything over this is refused unread.
inline constexpr std::size_t kMaxProcedureBytes = 4 * 1024 * 1024;

// Parses and validates `text`; never throws. Text over kMaxProcedureBytes is a diagnostic. A
// version read back from the register is loaded with SizeBounds::unchecked: it was valid when it
// was stored (validator.hpp).
LoadResult load_procedure_text(const std::string& text,
                               procedure_file::SizeBounds bounds = procedure_file::SizeBounds::checked);

// Reads `path` (no more of it than kMaxProcedureBytes + 1) and calls load_procedure_text; an
// unreadable file is a diagnostic.
LoadResult load_procedure_file(const std::string& path);

// "path:line: message" (or "path: message" without a line), in the catalogue's language.
std::string format_diagnostic(const std::string& path, const procedure_file::Diagnostic& diagnostic,
                              const messages::Catalogue& catalogue);

// The working calendar under `policy` in `zone_name`; nullopt when the zone is unknown.
std::optional<calendar::WorkingCalendar> make_calendar(const calendar::HolidayPolicy& policy,
                                                       const std::string& zone_name);

}  // namespace meldpunt::loading
