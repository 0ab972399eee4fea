#pragma once
// The registry of rule kinds a procedure file may use. A file names a kind and supplies its
// parameters; the validator checks both against this table when the file is loaded, so an
// unknown or half-configured rule is an error at load time, never a surprise at run time.
#include <string_view>
#include <vector>

namespace meldpunt::rules {

struct RuleKind {
    std::string_view id;
    std::string_view summary;  // English, for docs and diagnostics
    bool needs_period = false;
    bool needs_stage = false;
    bool needs_action = false;
    bool needs_field = false;
    bool needs_letter = false;
    bool needs_kind_to = false;
};

// handler_not_subject    the handler is never a person the case is about (003 §Werkwijze 1)
// lapse                  the right to complain lapses `period` after the event became known; the case
//                        is registered as inadmissible in `stage` (002 §Uitgangspunten 7)
// anonymous_is_signal    an anonymous complaint becomes kind `kind_to` (002 §Toepassingsgebied)
// unreachable_ends_case  `action` only after the complainant has been unreachable for `period`
//                        since the complaint was filed (002 §Uitgangspunten 8)
// confirm_in_writing     `action` with `field` = `equals` requires `letter` (002 §Uitgangspunten 6)
// shared_documents_only  documents cited in `field` must be visible to both parties (002 §Interne
//                        klachtenafhandeling)
// extension_before_due   `action` (an extension) only before the deadline it extends has passed,
//                        announced by the action's letter
// handler_required       `action` only once a handler is assigned (000 §Procedure 3: the
//                        acknowledgement gives the handler's contact details)
// retention              the dossier is kept `period` after the case is closed (004 §Artikel 5)
const std::vector<RuleKind>& rule_kinds();

const RuleKind* find_rule_kind(std::string_view id);

}  // namespace meldpunt::rules
