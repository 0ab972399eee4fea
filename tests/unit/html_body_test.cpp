// The HTML alternative of a message: the text's words, escaped, in paragraphs, addresses as links.
#include <gtest/gtest.h>

#include "mail/html_body.hpp"

namespace {

using meldpunt::mail::html_from_text;

TEST(HtmlBody, ParagraphsLineBreaksAndTheLanguage) {
    const std::string html = html_from_text("Beste Joëlle,\n\nRegel één\nregel twee\n\n\nGroet");
    EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos) << html;
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("<p>Beste Joëlle,</p>\n<p>Regel één<br>\nregel twee</p>\n<p>Groet</p>"),
              std::string::npos)
        << html;
}

TEST(HtmlBody, EveryCharacterThatMeansSomethingInHtmlIsEscaped) {
    const std::string html = html_from_text("<script>alert('x')</script> & \"zo\"");
    EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;zo&quot;"),
              std::string::npos)
        << html;
}

TEST(HtmlBody, WebAddressesBecomeLinksWithoutTheSentencesPunctuation) {
    const std::string html = html_from_text(
        "Volg uw zaak: https://klachten.example.nl/focus/portaal/ab12?x=1&y=2.\n(zie http://x.nl/a)");
    EXPECT_NE(html.find("<a href=\"https://klachten.example.nl/focus/portaal/ab12?x=1&amp;y=2\">"
                        "https://klachten.example.nl/focus/portaal/ab12?x=1&amp;y=2</a>."),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("(zie <a href=\"http://x.nl/a\">http://x.nl/a</a>)"), std::string::npos) << html;
}

TEST(HtmlBody, NothingButAnAddressIsALink) {
    // A quote cannot end an attribute: the address stops before it.
    const std::string html =
        html_from_text("https://\" onclick=\"x https://a.nl/\"onmouseover=1 javascript:alert(1)");
    EXPECT_EQ(html.find("<a href=\"https://\""), std::string::npos) << html;
    EXPECT_NE(html.find("<a href=\"https://a.nl/\">https://a.nl/</a>&quot;onmouseover=1"), std::string::npos)
        << html;
    EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
}

}  // namespace
