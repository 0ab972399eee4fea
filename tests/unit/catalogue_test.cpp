// Message catalogues: both languages have the same keys, and placeholders render.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string_view>

#include "messages/catalogue.hpp"

namespace meldpunt::messages {
std::string_view catalogue_text_nl();
std::string_view catalogue_text_en();
}  // namespace meldpunt::messages

namespace {

using namespace meldpunt::messages;

// The catalogues are compiled in as pieces (no compiler need take a string literal over 64 KiB): put
// together, each is its file, byte for byte.
TEST(Catalogue, CompiledInAsTheFilesAre) {
    for (const auto& [file, text] :
         {std::pair{"nl.toml", catalogue_text_nl()}, std::pair{"en.toml", catalogue_text_en()}}) {
        std::stringstream on_disk;
        on_disk << std::ifstream(std::string(MELDPUNT_POLICY_DIR) + "/../messages/" + file, std::ios::binary)
                       .rdbuf();
        ASSERT_GT(on_disk.str().size(), 60000u) << file;
        EXPECT_TRUE(text == on_disk.str()) << file;
    }
}

TEST(Catalogue, DutchAndEnglishHaveTheSameKeys) {
    const auto nl = parse_catalogue(catalogue_text_nl());
    const auto en = parse_catalogue(catalogue_text_en());
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
