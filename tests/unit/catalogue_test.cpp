// Message catalogues: both languages have the same keys, and placeholders render.
#include <gtest/gtest.h>

#include "messages/catalogue.hpp"

namespace meldpunt::messages {
extern const char* const kCatalogueNl;
extern const char* const kCatalogueEn;
}  // namespace meldpunt::messages

namespace {

using namespace meldpunt::messages;

TEST(Catalogue, DutchAndEnglishHaveTheSameKeys) {
    const auto nl = parse_catalogue(kCatalogueNl);
    const auto en = parse_catalogue(kCatalogueEn);
    ASSERT_GT(nl.size(), 50u);
    for (const auto& [key, text] : nl)
        EXPECT_TRUE(en.count(key)) << "missing in en.toml: " << key;
    for (const auto& [key, text] : en)
        EXPECT_TRUE(nl.count(key)) << "missing in nl.toml: " << key;
}

TEST(Catalogue, RendersArgumentsAndFallsBackToTheKey) {
    const Catalogue nl(Language::nl);
    EXPECT_EQ(nl.text("diagnostic.unknown_stage", {"limbo"}), "onbekende fase 'limbo'");
    EXPECT_EQ(nl.text("diagnostic.unknown_placeholder", {"brief", "x"}),
              "brief 'brief': onbekend invulveld '{{x}}'");
    EXPECT_EQ(nl.text("no.such.key"), "no.such.key");
    EXPECT_EQ(Catalogue(Language::en).text("diagnostic.unknown_stage", {"limbo"}), "unknown stage 'limbo'");
}

TEST(Catalogue, LanguageFromLocale) {
    EXPECT_EQ(language_from("en_GB.UTF-8"), Language::en);
    EXPECT_EQ(language_from("nl_NL.UTF-8"), Language::nl);
    EXPECT_EQ(language_from("fr"), Language::nl);
}

}  // namespace
