#pragma once
// A procedure as people read it: a regulation text a coordinator could publish, and a diagram.
// Pure functions; the diagram is Graphviz DOT text (rendering it to SVG is the caller's job).
#include <optional>
#include <string>
#include <vector>

#include "domain/procedure/procedure.hpp"
#include "messages/catalogue.hpp"

namespace meldpunt::procedure_file {

// One paragraph of the regulation: what it is about, the same in every version of a procedure that
// has it ("deadline:contact", "action:record"; an action is printed under each stage it starts
// from, with the same key); its text; its level (1: an action under such a stage); and what the
// text does not print but a reader comparing versions must see (a letter's wording).
struct Article {
    std::string key;
    std::string text;
    int level = 0;
    std::string detail;
    std::string under;  // level 1: the stage it is printed under (an action starts from each such stage)
};

struct Chapter {
    std::string heading;
    std::string intro;  // a paragraph before the articles, may be empty
    std::vector<Article> articles;
};

// A procedure as a regulation: its title, the lines under it, the introduction in the
// organisation's words, and the chapters (what is handled, who does what, the stages, the
// deadlines, the letters, the rules, working days, reports, assumptions).
struct Regulation {
    std::string title;
    std::vector<std::string> preamble;
    std::string introduction;
    std::vector<Chapter> chapters;
};

Regulation describe(const procedure::Procedure& procedure, const messages::Catalogue& catalogue);

// Where an article is printed: its chapter and its number within the chapter, both from 1 (the
// steps under an article are part of it, not numbered): "artikel 6.2".
struct ArticlePlace {
    int chapter = 0;
    int article = 0;
};
std::optional<ArticlePlace> place_of(const Regulation& regulation, const std::string& key);
// The key of the article that states `rule` (Article::key).
std::string rule_article_key(const procedure::Rule& rule);
// The regulation as plain text, chapters numbered.

std::string describe_as_text(const procedure::Procedure& procedure, const messages::Catalogue& catalogue);

// One deadline as a sentence: "Afhandeling: binnen 4 weken na ontvangst."
std::string describe_deadline(const procedure::Procedure& procedure, const procedure::Deadline& deadline,
                              const messages::Catalogue& catalogue);

std::string describe_as_dot(const procedure::Procedure& procedure, const messages::Catalogue& catalogue);

}  // namespace meldpunt::procedure_file
