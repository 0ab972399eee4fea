#pragma once
// What changes when a new version of a procedure replaces the one in force, in the words of the
// regulation (describe.hpp): per chapter, the articles added, removed and changed, each with its
// text before and after. An administrator reads it before a version goes live (issue 12: a new
// version is shown as a preview with a readable difference, and activated only on confirmation).
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::procedure_file {

struct ArticleChange {
    enum class What { added, removed, changed };
    What what = What::changed;
    std::string before, after;  // the article's text in each version (one is empty when added or removed)
    std::string detail_before, detail_after;  // a letter's wording, when it changed
};

struct ChapterChanges {
    std::string heading;
    std::vector<ArticleChange> changes;
};

// The chapters in which `next` differs from `in_force`, in the regulation's order: first the
// general part (name, organisation, introduction, letterhead, who sees a case), then each chapter.
// Empty when the two read the same.
std::vector<ChapterChanges> compare_procedures(const procedure::Procedure& in_force,
                                               const procedure::Procedure& next,
                                               const messages::Catalogue& catalogue);

}  // namespace meldpunt::procedure_file
