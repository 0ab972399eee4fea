// Mail as it arrives (mail/incoming_message, mail/html_text), read from a corpus of messages
// written for these tests in the shapes real mail programs send (tests/mail_corpus/): charsets,
// transfer encodings, HTML-only bodies, inline images, forwards, bounces, auto-replies and
// hostile headers.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mail/html_text.hpp"
#include "mail/imap_mailbox.hpp"
#include "mail/incoming_message.hpp"
#include "support/mail_corpus.hpp"
#include "support/text.hpp"

namespace {

using meldpunt::mail::Automatic;
using meldpunt::mail::IncomingMessage;
using meldpunt::mail::read_incoming;
using meldpunt::mail::text_from_html;

const auto corpus = meldpunt::testing::mail_corpus;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(IncomingMessage, ThunderbirdQuotedPrintableUtf8) {
    const auto m = read_incoming(corpus("thunderbird-utf8-qp.eml"));
    EXPECT_EQ(m.message_id, "5b1c2d3e-thunderbird@example.org");
    EXPECT_EQ(m.from.name, "Joëlle de Vries");
    EXPECT_EQ(m.from.address, "j.devries@example.org");  // lower case, for matching
    EXPECT_EQ(m.subject, "Klacht over de begeleiding van mijn zoon – geen reactie");
    EXPECT_EQ(m.recipients, std::vector<std::string>{"klachten@gelukwerkt.example"});
    EXPECT_TRUE(contains(m.text, "nooit een reactie gekregen. Dat vind ik onacceptabel – graag")) << m.text;
    EXPECT_TRUE(contains(m.text, "Joëlle de Vries"));
    EXPECT_EQ(m.automatic, Automatic::no);
    ASSERT_TRUE(m.date && m.received);
    // Received by the organisation's server at 10:15:02 CET; written at 10:14:55.
    EXPECT_EQ(m.received->time_since_epoch().count(), 1796116502);
    EXPECT_EQ(m.date->time_since_epoch().count(), 1796116495);
    EXPECT_TRUE(m.files.empty());
}

TEST(IncomingMessage, OutlookLatin1LabelIsReadAsWindows1252AndTheAttachmentKeepsItsName) {
    const auto m = read_incoming(corpus("outlook-windows-1252.eml"));
    EXPECT_EQ(m.from.name, "Piët Bakker");
    // The plain alternative is the text; its € and curly quotes are windows-1252 bytes labelled
    // ISO-8859-1, as Outlook writes them.
    EXPECT_TRUE(contains(m.text, "De factuur van € 125,- klopt niet. U schreef “gratis” intake.")) << m.text;
    EXPECT_FALSE(contains(m.text, "MsoNormal"));
    ASSERT_EQ(m.files.size(), 1u);
    EXPECT_EQ(m.files[0].content_type, "application/pdf");
    EXPECT_EQ(m.files[0].filename, "Factuur november €.pdf");
    EXPECT_EQ(m.files[0].data.rfind("%PDF-1.4", 0), 0u);
    EXPECT_FALSE(m.files[0].inline_part);
}

TEST(IncomingMessage, AppleMailTextAroundAnInlineImage) {
    const auto m = read_incoming(corpus("apple-mail-inline-image.eml"));
    EXPECT_TRUE(contains(m.text, "Zie de foto:\n\nIk verwacht een vergoeding.")) << m.text;
    ASSERT_EQ(m.files.size(), 1u);
    EXPECT_EQ(m.files[0].filename, "IMG_0042.png");
    EXPECT_EQ(m.files[0].content_type, "image/png");
    EXPECT_TRUE(m.files[0].inline_part);
    EXPECT_EQ(m.files[0].data.substr(1, 3), "PNG");
}

TEST(IncomingMessage, HtmlOnlyBecomesTextWithoutScriptsStylesOrHiddenLinks) {
    const auto m = read_incoming(corpus("html-only-windows-1252.eml"));
    EXPECT_TRUE(contains(
        m.text, "Goedemiddag,\n\nIk wacht al zes weken op antwoord – de afspraak van 10\u00a0november"))
        << m.text;
    EXPECT_TRUE(contains(m.text, "is niet nagekomen.\nKosten: €\u00a040 & reiskosten.")) << m.text;
    EXPECT_TRUE(contains(m.text, "- eerste punt\n\n- tweede punt")) << m.text;
    EXPECT_TRUE(contains(m.text, "Zie deze foto <https://example.net/foto> en dit.")) << m.text;
    EXPECT_TRUE(contains(m.text, "[handtekening]"));
    EXPECT_TRUE(contains(m.text, "Groet, Kees"));
    for (const char* gone : {"alert", "color:red", "ignored title", "commentaar", "evil", "<p", "javascript"})
        EXPECT_FALSE(contains(m.text, gone)) << gone << " in " << m.text;
}

TEST(IncomingMessage, AForwardedMessageKeepsItsSenderTextAndFiles) {
    const auto m = read_incoming(corpus("forwarded-as-attachment.eml"));
    EXPECT_TRUE(contains(m.text, "Daar ben ik het niet mee eens.")) << m.text;
    EXPECT_TRUE(contains(m.text, "From: Manager Thuiszorg <manager@example.org>")) << m.text;
    EXPECT_TRUE(contains(m.text, "Subject: Re: uw klacht"));
    EXPECT_TRUE(contains(m.text, "Wij kunnen niets voor u doen."));
    ASSERT_EQ(m.files.size(), 1u);
    EXPECT_EQ(m.files[0].filename, "verslag.pdf");
    EXPECT_EQ(m.automatic, Automatic::no);
}

TEST(IncomingMessage, ADeliveryStatusNotificationNamesTheMessageAndTheReason) {
    const auto m = read_incoming(corpus("bounce-postfix-dsn.eml"));
    EXPECT_EQ(m.automatic, Automatic::delivery);
    EXPECT_EQ(m.undelivered_message_id, "0123456789abcdef0123456789abcdef01234567@meldpunt");
    EXPECT_TRUE(m.undelivered_permanently);
    EXPECT_EQ(m.undelivered_reason,
              "5.1.1 550 5.1.1 <nobody@example.invalid>: Recipient address rejected: User unknown in virtual "
              "mailbox table");
}

TEST(IncomingMessage, AutoRepliesAreRecognisedByTheirHeaders) {
    const auto rfc3834 = read_incoming(corpus("auto-reply-rfc3834.eml"));
    EXPECT_EQ(rfc3834.automatic, Automatic::reply);
    EXPECT_EQ(rfc3834.automatic_reason, "Auto-Submitted: auto-replied");
    EXPECT_EQ(rfc3834.answers, std::vector<std::string>{"0123456789abcdef0123456789abcdef01234567@meldpunt"});
    const auto exchange = read_incoming(corpus("exchange-out-of-office.eml"));
    EXPECT_EQ(exchange.automatic, Automatic::reply);
    // A person's own message about the same subject is no auto-reply.
    EXPECT_EQ(read_incoming(corpus("thunderbird-utf8-qp.eml")).automatic, Automatic::no);
}

TEST(IncomingMessage, AReplyNamesWhatItAnswersNewestFirstAndThePlainAlternative) {
    const auto m = read_incoming(corpus("reply-gmail.eml"));
    EXPECT_EQ(m.answers, (std::vector<std::string>{"aaaa000000000000000000000000000000000000@meldpunt",
                                                   "first@meldpunt"}));
    EXPECT_EQ(m.recipients, std::vector<std::string>{"klachten+token@gelukwerkt.example"});
    EXPECT_TRUE(contains(m.text, "Dank u, ik kom graag op 10 december.\n\nOp wo 2 dec")) << m.text;
    EXPECT_FALSE(contains(m.text, "<div"));
}

TEST(IncomingMessage, RawLatin1HeadersWithoutMime) {
    const auto m = read_incoming(corpus("raw-latin1-headers.eml"));
    EXPECT_EQ(m.from.name, "René Müller");
    EXPECT_EQ(m.subject, "Café bezoek één keer");
    EXPECT_EQ(m.text, "Klacht zonder MIME-kop, één regel.");
}

TEST(IncomingMessage, HostileHeadersAndBodiesComeOutAsCleanText) {
    const auto m = read_incoming(corpus("hostile-headers.eml"));
    EXPECT_TRUE(meldpunt::support::valid_text(m.subject));
    EXPECT_FALSE(contains(m.subject, "\n"));
    EXPECT_TRUE(meldpunt::support::valid_text(m.text, true));
    EXPECT_TRUE(meldpunt::support::valid_text(m.from.name));
    EXPECT_EQ(m.from.address, "evil@example.com");  // the first of the two
    EXPECT_FALSE(contains(m.text, "document.cookie"));
    EXPECT_FALSE(contains(m.text, "evil.example"));
    EXPECT_TRUE(contains(m.text, "Body")) << m.text;
    EXPECT_FALSE(m.date.has_value());
    for (const auto& id : m.answers)
        EXPECT_TRUE(meldpunt::support::valid_text(id));
    ASSERT_EQ(m.files.size(), 1u);
    // The name is kept as written; the dossier refuses a name with a path (CaseService::check_upload).
    EXPECT_TRUE(meldpunt::support::valid_text(m.files[0].filename));
}

TEST(IncomingMessage, BytesThatAreNoMessageAreRefused) {
    EXPECT_THROW(read_incoming(corpus("not-a-message.eml")), meldpunt::mail::MalformedMessage);
    EXPECT_THROW(read_incoming(""), meldpunt::mail::MalformedMessage);
    EXPECT_THROW(read_incoming("\r\n\r\n"), meldpunt::mail::MalformedMessage);
}

TEST(IncomingMessage, NestingBeyondAnyMailProgramIsMalformed) {
    std::string raw =
        "From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n";
    for (int i = 0; i < 40; ++i)
        raw += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" +
               std::to_string(i + 1) + "\n\n";
    raw += "--b40\nContent-Type: text/plain\n\ndiep\n";
    EXPECT_THROW(read_incoming(raw), meldpunt::mail::MalformedMessage);
}

TEST(IncomingMessage, AForwardedBounceIsWhatAPersonForwardedNotAReport) {
    const std::string raw =
        "From: Petra <petra@example.org>\nTo: klachten@focus.example\nSubject: Fwd: Undelivered\n"
        "Message-ID: <fwd-bounce@example.org>\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
        "Content-Type: text/plain; charset=utf-8\n\nDeze foutmelding kreeg ik.\n--outer\n"
        "Content-Type: message/rfc822\n\n" +
        corpus("bounce-postfix-dsn.eml") + "\n--outer--\n";
    const auto m = read_incoming(raw);
    EXPECT_EQ(m.automatic, Automatic::no);
    EXPECT_TRUE(m.undelivered_message_id.empty());
    EXPECT_TRUE(contains(m.text, "Deze foutmelding kreeg ik.")) << m.text;
}

TEST(IncomingMessage, TheReportNamesTheRecipientItCouldNotReach) {
    const auto m = read_incoming(corpus("bounce-postfix-dsn.eml"));
    EXPECT_EQ(m.undelivered_recipient, "nobody@example.invalid");
    EXPECT_EQ(m.undelivered_original_recipient, "nobody@example.invalid");
}

TEST(IncomingMessage, MailingListsAreAnsweredByNobody) {
    EXPECT_EQ(read_incoming(
                  "From: lijst@example.org\nList-Id: <nieuws.example.org>\nSubject: Nieuwsbrief\n\nNieuws.")
                  .automatic,
              Automatic::reply);
    EXPECT_EQ(
        read_incoming("From: lijst@example.org\nPrecedence: list\nSubject: Nieuwsbrief\n\nNieuws.").automatic,
        Automatic::reply);
}

TEST(ImapMailbox, OnlyAFolderOnAHostIsAMailboxAddress) {
    using meldpunt::mail::is_imap_url;
    EXPECT_TRUE(is_imap_url("imaps://mail.example.nl/INBOX"));
    EXPECT_TRUE(is_imap_url("imap://127.0.0.1:1143/INBOX"));
    EXPECT_TRUE(is_imap_url("imaps://[::1]:993/Klachten/Nieuw"));
    for (const char* bad : {"imaps://mail.example.nl", "imaps://mail.example.nl/", "imaps:///INBOX",
                            "imaps://mail.example.nl/INBOX?NEW", "imaps://mail.example.nl/INBOX;UID=1",
                            "imaps://mail.example.nl/INBOX#x", "imaps://user:pw@mail.example.nl/INBOX",
                            "http://mail.example.nl/INBOX", "imaps://mail.example.nl/IN BOX",
                            "imaps://mail.example.nl/INBOX\r\nA1 LOGOUT"})
        EXPECT_FALSE(is_imap_url(bad)) << bad;
}

TEST(IncomingMessage, ForwardsNestedBeyondAnyMailProgramAreMalformed) {
    std::string raw = "From: a@example.org\nSubject: diep\n\nbinnenste";
    for (int i = 0; i < 30; ++i)
        raw = "From: a@example.org\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n" + raw;
    EXPECT_THROW(read_incoming(raw), meldpunt::mail::MalformedMessage);
}

TEST(IncomingMessage, ValidUtf8IsUtf8WhateverTheLabelAndADamagedByteStaysOneCharacter) {
    const auto labelled_latin1 = read_incoming(
        "From: a@example.org\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n\nCrème "
        "brûlée");
    EXPECT_EQ(labelled_latin1.text, "Crème brûlée");
    const auto damaged = read_incoming(
        "From: a@example.org\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nCrème \xff "
        "brûlée");
    EXPECT_EQ(damaged.text, "Crème \uFFFD brûlée");
}

TEST(IncomingMessage, MailSentInBulkByAFormIsStillAPersonsMessage) {
    const auto m = read_incoming(
        "From: noreply@forms.example\nReply-To: Ans <ans@example.org>\nPrecedence: bulk\n"
        "Subject: Contactformulier\n\nMijn klacht.");
    EXPECT_EQ(m.automatic, Automatic::no);
    ASSERT_TRUE(m.reply_to);
    EXPECT_EQ(m.reply_to->address, "ans@example.org");
}

TEST(HtmlText, EntitiesBlocksAndLinks) {
    EXPECT_EQ(text_from_html("<p>a&amp;b</p><p>c<br>d</p>"), "a&b\n\nc\nd");
    EXPECT_EQ(text_from_html("<a href=\"https://x.nl\">https://x.nl</a>"), "https://x.nl");
    EXPECT_EQ(text_from_html("<a href=\"mailto:a@b.nl\">mail</a>"), "mail <a@b.nl>");
    EXPECT_EQ(text_from_html("<pre>a\n  b</pre>"), "a\n  b");
    EXPECT_EQ(text_from_html("<table><tr><td>1</td><td>2</td></tr></table>"), "1 2");
    EXPECT_EQ(text_from_html("a < b &amp; c > d &&"), "a < b & c > d &&");
    EXPECT_EQ(text_from_html(""), "");
}

}  // namespace
