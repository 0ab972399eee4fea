// What Meldpunt accepts as text from outside: well-formed UTF-8 without control characters.
#include <gtest/gtest.h>

#include "support/text.hpp"

namespace {

using meldpunt::support::valid_text;

TEST(ValidText, WellFormedUtf8IsAccepted) {
    EXPECT_TRUE(valid_text("Klacht over café Ĳsselmeer — 😀"));
    EXPECT_TRUE(valid_text("\xed\x9f\xbf"));      // U+D7FF, just below the surrogates
    EXPECT_TRUE(valid_text("\xf4\x8f\xbf\xbf"));  // U+10FFFF, the last code point
    EXPECT_TRUE(valid_text("regel 1\r\nregel 2", true));
}

TEST(ValidText, MalformedUtf8AndControlCharactersAreRefused) {
    EXPECT_FALSE(valid_text("\xff"));
    EXPECT_FALSE(valid_text("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(valid_text("\xe0\x80\x80"));      // overlong three-byte form
    EXPECT_FALSE(valid_text("\xf0\x80\x80\x80"));  // overlong four-byte form
    EXPECT_FALSE(valid_text("\xed\xa0\x80"));      // a UTF-16 surrogate (U+D800)
    EXPECT_FALSE(valid_text("\xf4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(valid_text("\xf5\x80\x80\x80"));
    EXPECT_FALSE(valid_text("\xe2\x82"));  // cut short
    EXPECT_FALSE(valid_text(std::string_view("a\0b", 3)));
    EXPECT_FALSE(valid_text("regel 1\nregel 2"));  // a line break in a one-line field
    EXPECT_FALSE(valid_text("\x1b[31m", true));
}

}  // namespace
