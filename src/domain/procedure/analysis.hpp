#pragma once
// What a field means for the analysis of complaints (issue 13): every seed ends with complaints
// counted and analysed by cause, nature, verdict and outcome (000 §Procedure 6, 001 §Procedure 10,
// 002 §Registratie 3, 003, 004 art. 5), each procedure with its own field names. A procedure file
// marks its fields with these meanings (`analysis = "cause"` on a `[[field]]`), so that the register's
// export and the reports read each case's analysis the same way for every organisation.
#include <array>
#include <string_view>

namespace meldpunt::procedure {

// In the order the export's columns and the reports show them.
inline constexpr std::array<std::string_view, 7> kAnalysisMeanings = {
    "cause",         // why it happened
    "nature",        // incident or structural
    "verdict",       // well-founded, partly, unfounded
    "outcome",       // what was done or agreed
    "compensation",  // what the complainant was offered
    "satisfaction",  // how satisfied the complainant was
    "evaluation",    // what the organisation learnt from it
};

inline bool is_analysis_meaning(std::string_view meaning) {
    for (const auto known : kAnalysisMeanings)
        if (known == meaning)
            return true;
    return false;
}

}  // namespace meldpunt::procedure
