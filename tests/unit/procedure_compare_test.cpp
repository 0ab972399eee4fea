// How a new version of a procedure differs from the one in force, in the regulation's words
// (issue 12: an administrator reads the difference before a version goes live).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "loading/procedure_loader.hpp"
#include "messages/catalogue.hpp"
#include "procedure_file/compare.hpp"

namespace {

using namespace meldpunt;
using procedure_file::ArticleChange;
using procedure_file::ChapterChanges;

std::string policy(const std::string& name) {
    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/" + name + ".toml");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

procedure::Procedure loaded(const std::string& text) {
    auto result = loading::load_procedure_text(text);
    EXPECT_TRUE(result.loaded);
    return result.loaded ? result.loaded->procedure : procedure::Procedure{};
}

const ChapterChanges* chapter(const std::vector<ChapterChanges>& changes, const std::string& heading) {
    for (const auto& c : changes)
        if (c.heading == heading)
            return &c;
    return nullptr;
}

const messages::Catalogue& dutch() {
    static const messages::Catalogue catalogue(messages::Language::nl);
    return catalogue;
}

TEST(ProcedureCompare, AVersionThatReadsTheSameHasNoDifferences) {
    const auto focus = loaded(policy("focus"));
    EXPECT_TRUE(procedure_file::compare_procedures(focus, focus, dutch()).empty());
}

TEST(ProcedureCompare, EachChangeIsNamedInTheRegulationsWordsUnderItsChapter) {
    const std::string before = policy("focus");
    std::string after =
        replaced(before, "id = \"contact\"\nname = \"Contact met de klager\"\nperiod = \"2 werkdagen\"",
                 "id = \"contact\"\nname = \"Contact met de klager\"\nperiod = \"3 werkdagen\"");
    after = replaced(after, "heeft niet geleid tot\nde gewenste afhandeling.",
                     "heeft niet geleid tot\neen oplossing.");
    after = replaced(
        after, "[[assumption]]\ntext = \"Aanname 2:",
        "[[assumption]]\ntext = \"Aanname 3: brieven gaan per e-mail.\"\nsource = \"003 (zwijgt)\"\n\n"
        "[[assumption]]\ntext = \"Aanname 2:");
    const auto changes = procedure_file::compare_procedures(loaded(before), loaded(after), dutch());
    ASSERT_EQ(changes.size(), 3u);

    const auto* deadlines = chapter(changes, "Termijnen");
    ASSERT_NE(deadlines, nullptr);
    ASSERT_EQ(deadlines->changes.size(), 1u);
    const ArticleChange& contact = deadlines->changes[0];
    EXPECT_EQ(contact.what, ArticleChange::What::changed);
    EXPECT_NE(contact.before.find("Contact met de klager: binnen 2 werkdagen na ontvangst."),
              std::string::npos)
        << contact.before;
    EXPECT_NE(contact.after.find("Contact met de klager: binnen 3 werkdagen na ontvangst."),
              std::string::npos)
        << contact.after;

    // A letter's wording is not in the regulation's text, and still shown when it changes.
    const auto* letters = chapter(changes, "Brieven");
    ASSERT_NE(letters, nullptr);
    ASSERT_EQ(letters->changes.size(), 1u);
    EXPECT_EQ(letters->changes[0].before, letters->changes[0].after);
    EXPECT_NE(letters->changes[0].detail_before.find("de gewenste afhandeling"), std::string::npos);
    EXPECT_NE(letters->changes[0].detail_after.find("een oplossing"), std::string::npos);

    const auto* assumptions = chapter(changes, "Aannames waar de gepubliceerde tekst zwijgt");
    ASSERT_NE(assumptions, nullptr);
    ASSERT_EQ(assumptions->changes.size(), 1u);
    EXPECT_EQ(assumptions->changes[0].what, ArticleChange::What::added);
    EXPECT_EQ(assumptions->changes[0].after, "Aanname 3: brieven gaan per e-mail. [003 (zwijgt)]");
}

// An action is printed under each stage it starts from: a stage added to its start is a change of
// the action, told with the stages it is possible from, not lost as a second printing.
TEST(ProcedureCompare, AStageAddedToWhereAnActionStartsIsAChange) {
    const std::string before = policy("focus");
    const std::string after =
        replaced(before, "name = \"Klachtenformulier vastleggen\"\nfrom = [\"afgehandeld\"]",
                 "name = \"Klachtenformulier vastleggen\"\nfrom = [\"in_behandeling\", "
                 "\"afgehandeld\"]");
    const auto changes = procedure_file::compare_procedures(loaded(before), loaded(after), dutch());
    ASSERT_EQ(changes.size(), 1u);
    ASSERT_EQ(changes[0].changes.size(), 1u);
    const ArticleChange& record = changes[0].changes[0];
    EXPECT_EQ(record.what, ArticleChange::What::changed);
    EXPECT_NE(record.before.find("(Mogelijk vanuit: Afgehandeld.)"), std::string::npos) << record.before;
    EXPECT_NE(record.after.find("(Mogelijk vanuit: In behandeling, Afgehandeld.)"), std::string::npos)
        << record.after;
}

// Another organisation's file differs everywhere; the comparison still reads, from the general
// part (name and organisation) to what is dropped and what is new.
TEST(ProcedureCompare, WhatIsDroppedAndWhatIsNewAreToldApart) {
    const auto changes =
        procedure_file::compare_procedures(loaded(policy("focus")), loaded(policy("mos")), dutch());
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(changes.front().heading, "Algemeen");
    bool organisation = false;
    for (const auto& c : changes.front().changes)
        organisation = organisation || (c.before == "Organisatie: Focus" &&
                                        c.after == "Organisatie: M.O.S. (met Oink! en Iduna)");
    EXPECT_TRUE(organisation);
    const auto* stages = chapter(changes, "Verloop van de behandeling");
    ASSERT_NE(stages, nullptr);
    int removed = 0, added = 0;
    for (const auto& c : stages->changes) {
        removed += c.what == ArticleChange::What::removed && c.after.empty() ? 1 : 0;
        added += c.what == ArticleChange::What::added && c.before.empty() ? 1 : 0;
    }
    EXPECT_GT(removed, 0);
    EXPECT_GT(added, 0);
}

}  // namespace
