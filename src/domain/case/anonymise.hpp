#pragma once
// A case with everything that could name a person taken out (issue 15; 004 art. 5: kept two years,
// then destroyed or anonymised; GDPR art. 5(1)(e)). What stays is what the reports count and the
// register needs to show that the case existed: its reference, kind, channel, unit, stage,
// admissibility, the values of fields counted by value (a cause, a verdict, yes or no), whether it
// was merged and into which case, and its dates coarsened to the first of their month. Names,
// contact details, the people it was about, the handler, free text, deadlines, documents, letters
// and the timeline are gone; the storage layer destroys what the dossier kept beside the case.
#include "domain/case/case.hpp"
#include "domain/procedure/procedure.hpp"

namespace meldpunt::cases {

// The first day of the month `day` falls in.
Day first_of_month(Day day);

// `c` anonymised on `on` under `procedure` (the version the case ran under; a field it no longer
// knows is dropped, as free text would be).
Case anonymised(const Case& c, const procedure::Procedure& procedure, Day on);

}  // namespace meldpunt::cases
