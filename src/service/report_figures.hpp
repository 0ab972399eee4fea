#pragma once
// The figures the register counts each case under for the reports (issue 13): written with the case
// as its tallies (domain/report/tally.hpp), summed by the register, and read back a period at a
// time. Cases written before the register kept them are counted from their state until the sweep
// has filled theirs in.
#include <chrono>
#include <string>
#include <vector>

#include "domain/report/figures.hpp"
#include "loading/procedure_loader.hpp"
#include "service/procedure_registry.hpp"
#include "storage/store.hpp"

namespace meldpunt::service {

// The line of tallies `c` counts under by `today`, under `procedure`, the version it runs under.
std::string figures_line(const loading::LoadedProcedure& procedure, const cases::Case& c,
                         calendar::Day today);

// Counts the cases of `org` received from `first` to `last` (whole months: reporting periods begin
// on the first of one) into each counter (a counter counts what falls in its period): the
// register's tallies, and each case without figures yet from its state, a page at a time.
void count_received(storage::Tx& tx, ProcedureRegistry& procedures, const std::string& org,
                    const calendar::WorkingCalendar& calendar, calendar::Day first, calendar::Day last,
                    calendar::Day today, const std::vector<report::FigureCounter*>& counters);

// Fills in the figures of up to `limit` cases of any organisation written before the register kept
// them, after `after` (which it moves past them), apart from the requests' writes: the lines are
// worked out in a read snapshot, the write only sets them. Returns how many cases it looked at (0:
// none are left after `after`); a case written meanwhile, or whose procedure version cannot be
// loaded, is passed over.
int fill_in_figures(storage::Store& store, ProcedureRegistry& procedures, std::chrono::sys_seconds now,
                    storage::Cases::FiguresCursor& after, int limit, int64_t* filled = nullptr);

}  // namespace meldpunt::service
