#pragma once
// A procedure as people read it: a regulation text a coordinator could publish, and a diagram.
// Pure functions; the diagram is Graphviz DOT text (rendering it to SVG is the caller's job).
#include <string>

#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::procedure_file {

std::string describe_as_text(const procedure::Procedure& procedure, const messages::Catalogue& catalogue);

// One deadline as a sentence: "Afhandeling: binnen 4 weken na ontvangst."
std::string describe_deadline(const procedure::Procedure& procedure, const procedure::Deadline& deadline,
                              const messages::Catalogue& catalogue);

std::string describe_as_dot(const procedure::Procedure& procedure, const messages::Catalogue& catalogue);

}  // namespace meldpunt::procedure_file
