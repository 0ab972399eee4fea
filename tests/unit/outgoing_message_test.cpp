// An e-mail as composed for sending: encoded where it must be, CRLF throughout, parts in order.
#include <gtest/gtest.h>

#include "mail/outgoing_message.hpp"

namespace {

using namespace meldpunt;

mail::OutgoingMessage a_message() {
    mail::OutgoingMessage m;
    m.from = {"Stichting M.O.S.", "klachten@mos.nl"};
    m.to = {"Joëlle Coördinator", "joelle@mos.nl"};
    m.subject = "Klacht over de coördinatie van de zorg";
    m.text = "Beste Joëlle,\n\nDe termijn loopt af op maandag 18 januari 2027.\n";
    m.message_id = "<abc123@meldpunt>";
    m.date = std::chrono::sys_seconds{std::chrono::seconds{1800000000}};
    return m;
}

TEST(OutgoingMessage, NonAsciiTextIsEncodedAndEveryLineEndsInCrlf) {
    const std::string raw = mail::compose(a_message());
    EXPECT_NE(raw.find("=?UTF-8?Q?co=C3=B6rdinatie?="), std::string::npos) << raw;
    EXPECT_EQ(raw.find("coördinatie"), std::string::npos);  // never raw 8-bit in a header or QP body
    EXPECT_NE(raw.find("charset=utf-8"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
    EXPECT_NE(raw.find("Jo=C3=ABlle"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Message-Id: <abc123@meldpunt>"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Auto-Submitted: auto-generated"), std::string::npos);
    for (size_t i = raw.find('\n'); i != std::string::npos; i = raw.find('\n', i + 1))
        ASSERT_EQ(raw[i - 1], '\r') << "bare LF at " << i;
}

TEST(OutgoingMessage, HtmlIsAnAlternativeAndAnAttachmentComesAfterTheText) {
    auto m = a_message();
    m.html = "<p>Beste Jo&euml;lle,</p>";
    m.attachments.push_back(
        {"brief-2027-000001.pdf", "application/pdf", std::string("%PDF-1.7\n\x01\x02", 11)});
    const std::string raw = mail::compose(m);
    const auto mixed = raw.find("multipart/mixed");
    const auto alternative = raw.find("multipart/alternative");
    const auto pdf = raw.find("application/pdf");
    ASSERT_NE(mixed, std::string::npos) << raw;
    ASSERT_NE(alternative, std::string::npos);
    ASSERT_NE(pdf, std::string::npos);
    EXPECT_LT(mixed, alternative);
    EXPECT_LT(alternative, pdf);
    EXPECT_NE(raw.find("filename=brief-2027-000001.pdf"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Content-Transfer-Encoding: base64", pdf), std::string::npos);
}

}  // namespace
