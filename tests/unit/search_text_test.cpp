// How search words become each database's query, and which typed text is a reference.
#include <gtest/gtest.h>

#include "storage/search_text.hpp"

namespace storage = meldpunt::storage;

TEST(SearchText, EveryWordIsRequiredAndMayBeginALongerOne) {
    const auto words = storage::search_words("  medicat  \"Jansen\" ");
    EXPECT_EQ(words, (std::vector<std::string>{"medicat", "Jansen"}));
    EXPECT_EQ(storage::tsquery_prefix_query(words), "'medicat':* & 'Jansen':*");
    // FTS5: the index's terms that begin with the word, any of them; the word as a prefix when they
    // are not known.
    EXPECT_EQ(storage::fts5_word_query("medicat", std::vector<std::string>{"medicatie", "medicaties"}),
              "(\"medicatie\" OR \"medicaties\")");
    EXPECT_EQ(storage::fts5_word_query("médicat", std::nullopt), "\"médicat\"*");
}

TEST(SearchText, AWordStoredAsTypedHasItsTermsLookedUp) {
    EXPECT_EQ(storage::plain_term("Jansen"), "jansen");
    EXPECT_EQ(storage::plain_term("2027"), "2027");
    EXPECT_FALSE(storage::plain_term("café"));            // the tokenizer folds the accent
    EXPECT_FALSE(storage::plain_term("jan@example.nl"));  // several terms
    EXPECT_EQ(storage::after_prefix("klant"), "klanu");
    EXPECT_EQ(storage::after_prefix("z9"), "z:");
    EXPECT_LT(std::string("klant"), storage::after_term("klant"));
    EXPECT_LT(storage::after_term("klant"), std::string("klanta"));
}

TEST(SearchText, NoCharacterIsQuerySyntax) {
    // Quotes and backslashes end a word; what is left is quoted in both query languages.
    const auto words = storage::search_words("o'brien \\\"); DROP TABLE cases; --");
    EXPECT_EQ(words, (std::vector<std::string>{"o", "brien", "DROP", "TABLE", "cases;"}));
    for (const auto& word : words) {
        EXPECT_EQ(word.find('"'), std::string::npos);
        EXPECT_EQ(word.find('\''), std::string::npos);
    }
    // A "word" of punctuation alone is none: nothing to find.
    EXPECT_TRUE(storage::search_words(" -- ; ''").empty());
    EXPECT_EQ(storage::search_words("café"), (std::vector<std::string>{"café"}));
}

TEST(SearchText, AReferenceOrItsNumberIsAReference) {
    const std::vector<int64_t> years{2026, 2027};
    EXPECT_EQ(storage::reference_candidates("2027-000123", years), (std::vector<std::string>{"2027-000123"}));
    EXPECT_EQ(storage::reference_candidates(" 2027-123 ", years), (std::vector<std::string>{"2027-000123"}));
    EXPECT_EQ(storage::reference_candidates("123", years),
              (std::vector<std::string>{"2026-000123", "2027-000123"}));
    EXPECT_EQ(storage::reference_candidates("0001234567", years),
              (std::vector<std::string>{"2026-1234567", "2027-1234567"}));
    EXPECT_TRUE(storage::reference_candidates("123", {}).empty());
    for (const char* text : {"jansen", "12a", "27-000123", "2027-", "2027-12-01", "", "99999999999999999999"})
        EXPECT_TRUE(storage::reference_candidates(text, years).empty()) << text;
}

TEST(SearchText, ACaseIsFoundByTheNamesAndAddressesOfItsParties) {
    meldpunt::cases::Case c;
    c.complainant.name = "Petra de Vries";
    c.complainant.email = "petra@example.nl";
    c.representative = meldpunt::cases::Representative{"Jan de Vries", "partner", "jan@example.nl", ""};
    EXPECT_EQ(storage::parties_text(c), "Petra de Vries\npetra@example.nl\nJan de Vries\njan@example.nl");
    meldpunt::cases::Case anonymous;
    EXPECT_EQ(storage::parties_text(anonymous), "");
}
