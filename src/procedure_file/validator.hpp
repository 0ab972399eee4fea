#pragma once
// Semantic checks of a parsed procedure: everything referenced exists, every stage can be
// reached and left, every deadline can start and end, every letter can be written, every rule
// is known and configured. See the invariants in domain/procedure/procedure.hpp.
#include <vector>

#include "domain/procedure/channels.hpp"
#include "domain/procedure/procedure.hpp"
#include "procedure_file/diagnostic.hpp"

namespace meldpunt::procedure_file {

// Whether the bounds of a procedure's size apply (issue 15): to every file given now, not to a
// version stored before they existed, which must keep loading for the cases that run under it.
enum class SizeBounds { checked, unchecked };

std::vector<Diagnostic> validate_procedure(const procedure::Procedure& procedure,
                                           SizeBounds bounds = SizeBounds::checked);

// Channels an intake can come through (domain/procedure/channels.hpp).
using procedure::known_channels;

// Placeholders a letter template may use besides {{deadline.<id>}} and {{field.<id>}}.
const std::vector<std::string>& letter_placeholders();

}  // namespace meldpunt::procedure_file
