// Messages that leave: the outbox delivered to a real SMTP server (aiosmtpd), read back as it
// arrived; the relay down and back; an address the relay refuses. On both backends. And a relay
// that requires STARTTLS and AUTH: the message crosses encrypted, a password never in the clear.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <algorithm>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/mail_settings.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/mime_reader.hpp"
#include "support/smtp_server.hpp"
#include "support/test_server.hpp"
#include "workers/delivery.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;

class DeliveryTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        meldpunt::testing::smtp_server().start_if_stopped();
        meldpunt::testing::smtp_server().clear();
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        sweeper_->set_public_url("https://klachten.focus.nl");
        sender_ = std::make_unique<mail::SmtpSender>(meldpunt::testing::smtp_server().url());
        deliverer_ = std::make_unique<workers::Deliverer>(
            server_->store(), *sender_, workers::DeliverySettings{"klachten@focus.nl", "Focus Klachten"});
    }

    // A phone complaint of Monday 18 January 2027, swept the next morning: its same-day report to
    // the manager has passed.
    std::string queue_a_notice() {
        const std::string reference =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_, "2027-01-18T10:00:00+01:00");
        EXPECT_GE(sweeper_->sweep(at("2027-01-19T08:00:00+01:00")).queued, 1);
        return reference;
    }

    std::vector<storage::Delivery> outbox(const std::string& reference) {
        std::vector<storage::Delivery> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.outbox.of_case("focus", reference); });
        return out;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::Sweeper> sweeper_;
    std::unique_ptr<mail::SmtpSender> sender_;
    std::unique_ptr<workers::Deliverer> deliverer_;
};

TEST_P(DeliveryTest, ANoticeArrivesAsAnEMailWithItsHeadersAndTheLinkToTheCase) {
    const std::string reference = queue_a_notice();
    const auto report = deliverer_->deliver(at("2027-01-19T08:00:05+01:00"));
    EXPECT_EQ(report.sent, 1);
    auto& smtp = meldpunt::testing::smtp_server();
    ASSERT_EQ(smtp.wait_for(1, 5), 1u);
    const std::string mail = smtp.messages().front();
    const auto queued = outbox(reference);
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].status, "sent");
    EXPECT_EQ(meldpunt::testing::header_of(mail, "Message-Id"), queued[0].message_id);
    EXPECT_EQ(meldpunt::testing::header_of(mail, "From"), "Focus Klachten <klachten@focus.nl>");
    EXPECT_NE(meldpunt::testing::header_of(mail, "To").find("anna@focus.nl"), std::string::npos);
    EXPECT_NE(meldpunt::testing::header_of(mail, "Subject").find(reference), std::string::npos);
    EXPECT_EQ(meldpunt::testing::header_of(mail, "Auto-Submitted"), "auto-generated");
    // Text, and the same words as HTML for readers that prefer it; a notice carries no letter.
    EXPECT_EQ(meldpunt::testing::header_of(mail, "Content-Type").rfind("multipart/alternative", 0), 0u)
        << mail;
    const auto parts = meldpunt::testing::mime_parts(mail);
    ASSERT_EQ(parts.size(), 2u) << mail;
    EXPECT_EQ(parts[0].content_type, "text/plain");
    EXPECT_EQ(parts[1].content_type, "text/html");
    const std::string text = meldpunt::testing::body_text(mail);
    EXPECT_NE(text.find("https://klachten.focus.nl/werk/zaken/" + reference), std::string::npos) << text;
    EXPECT_NE(parts[1].content.find("<a href=\"https://klachten.focus.nl/werk/zaken/" + reference + "\">"),
              std::string::npos)
        << parts[1].content;
    EXPECT_NE(text.find("maandag 18 januari 2027"), std::string::npos) << text;
    // Nothing is sent twice.
    EXPECT_EQ(deliverer_->deliver(at("2027-01-19T09:00:00+01:00")).sent, 0);
}

TEST_P(DeliveryTest, WhileTheRelayIsDownMessagesWaitAndArriveWhenItReturns) {
    const std::string reference = queue_a_notice();
    auto& smtp = meldpunt::testing::smtp_server();
    smtp.stop();
    const auto first = at("2027-01-19T08:00:05+01:00");
    EXPECT_EQ(deliverer_->deliver(first).retrying, 1);
    auto queued = outbox(reference);
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].status, "queued");
    EXPECT_FALSE(queued[0].last_error.empty());
    EXPECT_EQ(queued[0].next_attempt_at, first.time_since_epoch().count() + 60);
    // Not before the minute is up; then the second try fails too, and waits twice as long.
    EXPECT_EQ(deliverer_->deliver(first + std::chrono::seconds{30}).retrying, 0);
    EXPECT_EQ(deliverer_->deliver(first + std::chrono::seconds{60}).retrying, 1);
    EXPECT_EQ(outbox(reference)[0].next_attempt_at, first.time_since_epoch().count() + 60 + 120);
    smtp.start();
    EXPECT_EQ(deliverer_->deliver(first + std::chrono::seconds{180}).sent, 1);
    EXPECT_EQ(smtp.wait_for(1, 5), 1u);
    queued = outbox(reference);
    EXPECT_EQ(queued[0].status, "sent");
    EXPECT_EQ(queued[0].attempts, 3);
}

TEST_P(DeliveryTest, AnAddressTheRelayRefusesIsNotDeliveredWithTheReason) {
    server_->create_user("focus", "refused.manager@focus.nl", "manager");
    const std::string reference = queue_a_notice();
    const auto report = deliverer_->deliver(at("2027-01-19T08:00:05+01:00"));
    EXPECT_EQ(report.sent, 1);
    EXPECT_EQ(report.failed, 1);
    for (const auto& d : outbox(reference)) {
        if (d.recipient == "refused.manager@focus.nl") {
            EXPECT_EQ(d.status, "failed");
            // The relay's own words (tests/support/smtp_sink.py), not only which command failed.
            EXPECT_EQ(d.last_error.rfind("550 5.1.1 No such mailbox here", 0), 0u) << d.last_error;
        } else {
            EXPECT_EQ(d.status, "sent");
        }
    }
    EXPECT_EQ(meldpunt::testing::smtp_server().wait_for(1, 5), 1u);
}

// An organisation that set its own sender sends from it (From: and the envelope); the others from
// the server's address.
TEST_P(DeliveryTest, AnOrganisationsOwnSenderIsUsedForItsMail) {
    service::MailSettings mail(server_->store());
    ASSERT_TRUE(mail.set_sender("focus", "klachten@focus-coaching.nl", "Focus Klachtenbehandeling",
                                "beheer@focus.nl", at("2027-01-18T09:00:00+01:00"))
                    .ok());
    queue_a_notice();
    EXPECT_EQ(deliverer_->deliver(at("2027-01-19T08:00:05+01:00")).sent, 1);
    auto& smtp = meldpunt::testing::smtp_server();
    ASSERT_EQ(smtp.wait_for(1, 5), 1u);
    const std::string sent = smtp.messages().front();
    EXPECT_EQ(meldpunt::testing::header_of(sent, "From"),
              "Focus Klachtenbehandeling <klachten@focus-coaching.nl>");
    EXPECT_EQ(meldpunt::testing::header_of(sent, "Return-Path"), "<klachten@focus-coaching.nl>");
    // Back to the server's.
    ASSERT_TRUE(mail.set_sender("focus", "", "", "beheer@focus.nl", at("2027-01-19T09:00:00+01:00")).ok());
    EXPECT_EQ(mail.sender("focus").mail_from, "");
    // What is no address, or a name without one, is refused and changes nothing.
    EXPECT_FALSE(mail.set_sender("focus", "klachten@focus.nl\r\nBcc: x@y.nl", "", "beheer@focus.nl",
                                 at("2027-01-19T09:00:00+01:00"))
                     .ok());
    EXPECT_FALSE(
        mail.set_sender("focus", "", "Alleen een naam", "beheer@focus.nl", at("2027-01-19T09:00:00+01:00"))
            .ok());
    EXPECT_FALSE(
        mail.set_sender("elders", "a@b.nl", "", "beheer@focus.nl", at("2027-01-19T09:00:00+01:00")).ok());
}

// A relay that refuses in words outside ASCII: the reason is kept, readable and safe to store.
TEST_P(DeliveryTest, ARefusalInOtherCharactersIsKeptAsPlainText) {
    server_->create_user("focus", "refusedaccent.manager@focus.nl", "manager");
    const std::string reference = queue_a_notice();
    EXPECT_EQ(deliverer_->deliver(at("2027-01-19T08:00:05+01:00")).failed, 1);
    for (const auto& d : outbox(reference)) {
        if (d.recipient != "refusedaccent.manager@focus.nl")
            continue;
        EXPECT_EQ(d.status, "failed");
        EXPECT_EQ(d.last_error.rfind("550 5.1.1 Geen postbus ", 0), 0u) << d.last_error;
        EXPECT_NE(d.last_error.find(" hier"), std::string::npos) << d.last_error;
        EXPECT_TRUE(std::all_of(d.last_error.begin(), d.last_error.end(), [](char c) {
            return c >= 0x20 && c < 0x7f;
        })) << d.last_error;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DeliveryTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

// A relay as providers run them: STARTTLS required, with a certificate of its own, and AUTH. What
// crosses is the SMTP session, the same on both databases, so these run on SQLite.
class SecureRelayTest : public DeliveryTest {
  protected:
    void SetUp() override {
        DeliveryTest::SetUp();
        meldpunt::testing::secure_smtp_server().clear();
    }

    // One delivery pass through `relay`, with the notice of queue_a_notice waiting; the outbox row.
    storage::Delivery deliver_through(const mail::SmtpRelay& relay) {
        const std::string reference = queue_a_notice();
        mail::SmtpSender sender(relay);
        workers::Deliverer deliverer(server_->store(), sender,
                                     workers::DeliverySettings{"klachten@focus.nl", "Focus Klachten"});
        deliverer.deliver(at("2027-01-19T08:00:05+01:00"));
        const auto rows = outbox(reference);
        EXPECT_EQ(rows.size(), 1u);
        return rows.empty() ? storage::Delivery{} : rows.front();
    }
};

TEST_P(SecureRelayTest, AMessageCrossesEncryptedAndLoggedIn) {
    auto& relay = meldpunt::testing::secure_smtp_server();
    const auto& login = meldpunt::testing::kSecureRelayLogin;
    const auto row = deliver_through({relay.url_with_login(login.user, login.password), relay.ca_file()});
    EXPECT_EQ(row.status, "sent") << row.last_error;
    ASSERT_EQ(relay.wait_for(1, 5), 1u);
    EXPECT_EQ(meldpunt::testing::header_of(relay.messages().front(), "X-Sink-Session"),
              "tls=yes; user=" + login.user);
}

TEST_P(SecureRelayTest, AWrongPasswordWaitsWithTheRelaysAnswer) {
    auto& relay = meldpunt::testing::secure_smtp_server();
    const auto row = deliver_through(
        {relay.url_with_login(meldpunt::testing::kSecureRelayLogin.user, "fout"), relay.ca_file()});
    EXPECT_EQ(row.status, "queued");  // the relay's configuration is mended, then it goes
    EXPECT_NE(row.last_error.find("535"), std::string::npos) << row.last_error;
    EXPECT_EQ(relay.wait_for(1, 0.5), 0u);
}

// Without the relay's certificate among the authorities, nothing is sent to whoever answers there.
TEST_P(SecureRelayTest, ARelayWhoseCertificateIsNotTrustedGetsNothing) {
    auto& relay = meldpunt::testing::secure_smtp_server();
    const auto& login = meldpunt::testing::kSecureRelayLogin;
    const auto row = deliver_through({relay.url_with_login(login.user, login.password), ""});
    EXPECT_EQ(row.status, "queued");
    EXPECT_NE(row.last_error.find("certificate"), std::string::npos) << row.last_error;
    EXPECT_EQ(relay.wait_for(1, 0.5), 0u);
}

// A relay that offers no STARTTLS never sees the password, nor a message that was to go encrypted.
TEST_P(SecureRelayTest, APasswordIsNeverSentInTheClear) {
    auto& plain = meldpunt::testing::smtp_server();
    auto row = deliver_through({plain.url_with_login("meldpunt", "geheim"), ""});
    EXPECT_EQ(row.status, "queued");
    EXPECT_FALSE(row.last_error.empty());
    EXPECT_EQ(row.last_error.find("geheim"), std::string::npos) << row.last_error;
    // A user without a password logs in too (libcurl asks the relay how): also never in the clear.
    row = deliver_through({"smtp://meldpunt@127.0.0.1:" + std::to_string(plain.port()), ""});
    EXPECT_EQ(row.status, "queued");
    EXPECT_EQ(plain.wait_for(1, 0.5), 0u);
}

TEST_P(SecureRelayTest, RequiredStartTlsIsRequired) {
    auto& plain = meldpunt::testing::smtp_server();
    const auto row = deliver_through({"smtp+starttls://127.0.0.1:" + std::to_string(plain.port()), ""});
    EXPECT_EQ(row.status, "queued");
    EXPECT_EQ(plain.wait_for(1, 0.5), 0u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SecureRelayTest, ::testing::Values("sqlite"),
                         meldpunt::testing::backend_name);

TEST(SmtpRelayUrl, APasswordIsNeverShown) {
    EXPECT_EQ(mail::without_password("smtp://anna:geheim@mail.example.nl:587"),
              "smtp://anna:***@mail.example.nl:587");
    EXPECT_EQ(mail::without_password("smtps://anna@mail.example.nl:465"), "smtps://anna@mail.example.nl:465");
    EXPECT_EQ(mail::without_password("smtp://mail.example.nl:25"), "smtp://mail.example.nl:25");
    EXPECT_EQ(mail::without_password("smtp://a:p@ss@mail:25/x@y"), "smtp://a:***@mail:25/x@y");
    EXPECT_EQ(mail::without_password("geen adres"), "geen adres");
}

}  // namespace
