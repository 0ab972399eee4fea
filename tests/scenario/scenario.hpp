#pragma once
// Declarative case-lifecycle scenarios (tests/scenarios/**/*.test), in the spirit of
// sqllogictest: dated steps on one case and the expected state after each.
//
// File format (one statement per line; '#' starts a comment; values with spaces in "quotes"):
//   # name: focus/handler-is-subject          header comments, shown in failures
//   procedure focus                           policies/focus.toml
//   intake received=ISO kind=K channel=C [event=DAY] [unit=U] [about=a,b] [reported_about=TEXT]
//          [anonymous=true] [as=ROLE:PERSON]   (the person who registers it; default a coordinator)
//   action NAME at=ISO as=ROLE[+ROLE][:PERSON] [field=value ...]
//   document ID visibility=internal|shared at=ISO as=...
//   review DAY                                mark passed deadlines overdue (escalations)
//   expect ok | refused CODE [SUBJECT]
//   expect stage S | kind K | handler P | unit U | admissible true|false [REASON]
//   expect about A,B | none                   the people the case is about
//   expect representative NAME/RELATION | none
//   expect deadline NAME [due=DAY|paused] [status=S] [on=DAY]
//   expect no-deadline NAME
//   expect skipped NAME DAY REASON            the deadline's explanation passes over DAY for REASON
//   expect letters A,B | none                 letters the last step required (exactly)
//   expect started|met|stopped A,B | none     deadlines the last step started/met/stopped (exactly)
//   expect escalation NAME [notify=a,b] [escalate=R] | expect escalations none
//   expect actions A,B as=ROLE[:PERSON]       the actions the actor may take now (exactly)
//   expect closed-on DAY | retain-until DAY
//   expect report-period FIRST LAST          the reporting period the case's receipt is counted in
//   expect visible yes|no as=ROLE:PERSON     whether the person sees the case (page and register);
//   expect documents-seen A,B|none as=...    the documents they are shown. Both are the service's
//                                            confidentiality, checked only in the run through it.
// A step that is refused must be followed by `expect refused`; anything else fails the scenario.
#include <string>
#include <vector>

namespace meldpunt::testing {

struct ScenarioFailure {
    int line;
    std::string message;
};

class ServiceMirror;

// The scenario files below `dir` (*.test), sorted.
std::vector<std::string> scenario_files(const std::string& dir);

// Runs the scenario in `path`, loading procedures from `policies_dir`. Returns every failure
// (empty: the scenario passed). With a `mirror`, every step is also taken through the service on
// its database and must come out the same (service_mirror.hpp).
std::vector<ScenarioFailure> run_scenario(const std::string& path, const std::string& policies_dir,
                                          ServiceMirror* mirror = nullptr);

}  // namespace meldpunt::testing
