#pragma once
// Reads a procedure file (TOML, see docs/procedure-language.md) into a Procedure.
//
// Never throws and never crashes on any input: malformed TOML, wrong types, unknown keys and
// out-of-range values all become Diagnostics with the line they are on. The result holds a
// procedure only when there were no diagnostics; semantic checks (references, reachability)
// are validate_procedure's job.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "procedure_file/diagnostic.hpp"

namespace meldpunt::procedure_file {

struct ParseResult {
    std::optional<procedure::Procedure> procedure;
    std::vector<Diagnostic> diagnostics;
};

ParseResult parse_procedure(std::string_view text);

}  // namespace meldpunt::procedure_file
