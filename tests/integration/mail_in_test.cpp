// Mail in (issue 14): an e-mail becomes a case with its files and the message as it arrived; a
// reply lands on its case (by the case's reply address, or by the Message-ID of a message sent to
// that very sender, never by a reference typed in a subject); a bounce marks the message it
// returns as not delivered; auto-replies and junk create nothing; what cannot be taken in waits in
// quarantine. On both backends, through the service and through `meldpunt mail receive` as a mail
// system's pipe runs it, also while the database is away.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "mail/imap_mailbox.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/crypto.hpp"
#include "service/delivery_content.hpp"
#include "service/mail_settings.hpp"
#include "service/portal_links.hpp"
#include "service/principal.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/imap_server.hpp"
#include "support/mail_corpus.hpp"
#include "support/test_server.hpp"
#include "workers/mailbox_poller.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;
using service::MailOutcome;

const auto at = meldpunt::testing::amsterdam_instant;

const auto corpus = meldpunt::testing::mail_corpus;

// A plain UTF-8 message with these header lines (each ending in CR LF) and body.
std::string plain_mail(const std::string& headers, const std::string& body) {
    return headers + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

struct Shell {
    int status = -1;
    std::string out;
};

// Runs `command` in a shell: its exit status and standard output.
Shell run(const std::string& command) {
    Shell result;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        result.out.append(buffer, n);
    const int rc = pclose(pipe);
    result.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return result;
}

class MailInTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database_ = meldpunt::testing::fresh_database(GetParam());
        server_ = std::make_unique<meldpunt::testing::TestServer>(database_);
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        server_->create_user("focus", "piet@focus.nl", "employee");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
    }

    service::MailReceipt receive(const std::string& raw, const std::string& when) {
        return cases_->receive_mail("focus", raw, at(when));
    }

    std::optional<storage::StoredCase> stored(const std::string& reference) {
        std::optional<storage::StoredCase> found;
        server_->store().read([&](storage::Tx& tx) { found = tx.cases.get("focus", reference); });
        return found;
    }

    std::vector<storage::Delivery> outbox(const std::string& reference) {
        std::vector<storage::Delivery> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.outbox.of_case("focus", reference); });
        return out;
    }

    std::vector<storage::MessageRecord> conversation(const std::string& reference) {
        std::vector<storage::MessageRecord> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.dossier.messages("focus", reference); });
        return out;
    }

    std::vector<storage::DocumentRecord> documents(const std::string& reference) {
        std::vector<storage::DocumentRecord> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.dossier.documents("focus", reference); });
        return out;
    }

    int64_t case_count() {
        int64_t count = 0;
        server_->store().read([&](storage::Tx& tx) {
            count = std::stoll(*tx.connection().query("SELECT COUNT(*) FROM cases")[0][0]);
        });
        return count;
    }

    // The delivery of the acknowledgement with the portal link the new case's complainant got.
    storage::Delivery invitation(const std::string& reference) {
        for (const auto& d : outbox(reference))
            if (d.cause == "portal:intake")
                return d;
        ADD_FAILURE() << "no invitation for " << reference;
        return {};
    }

    // Piet handles the case: the manager assigns it to him.
    void assign_to_piet(const std::string& reference) {
        auto r = meldpunt::testing::http_request(
            server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
            {{"Authorization", "Bearer " + manager_}, {"Content-Type", "application/json"}},
            json{{"action", "assign"}, {"handler", "piet@focus.nl"}}.dump());
        ASSERT_EQ(r.status, 200) << r.body;
    }

    std::string database_;
    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_;
    service::ProcedureRegistry procedures_;
    const messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
};

TEST_P(MailInTest, ANewMessageBecomesACaseWithItsFilesAndTheMessageAsItArrived) {
    const std::string raw = corpus("outlook-windows-1252.eml");
    const auto receipt = receive(raw, "2026-12-02T09:05:00+01:00");
    ASSERT_EQ(receipt.outcome, MailOutcome::new_case) << receipt.reason;
    const auto c = stored(receipt.reference);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->state.kind, "complaint");  // Focus names no kind for mail: the form's first choice
    EXPECT_EQ(c->state.channel, "email");
    EXPECT_EQ(c->subject, "Factuur november");
    EXPECT_NE(c->description.find("De factuur van € 125,- klopt niet."), std::string::npos) << c->description;
    EXPECT_EQ(c->state.complainant.name, "Piët Bakker");
    EXPECT_EQ(c->state.complainant.email, "piet.bakker@example.nl");
    // Received when Focus's server took it in (its Received header), not when it was read.
    EXPECT_EQ(c->state.received_at, at("2026-12-02T09:01:00+01:00"));

    const auto docs = documents(receipt.reference);
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0].name, "Factuur november €.pdf");
    EXPECT_EQ(docs[0].visibility, "shared");
    EXPECT_EQ(docs[1].content_type, "message/rfc822");
    EXPECT_EQ(docs[1].visibility, "internal");
    std::optional<std::pair<storage::DocumentRecord, std::string>> eml;
    server_->store().read(
        [&](storage::Tx& tx) { eml = tx.dossier.document("focus", receipt.reference, docs[1].id); });
    ASSERT_TRUE(eml);
    EXPECT_EQ(eml->second, raw);  // byte for byte

    // Acknowledged by return mail, with the portal link.
    const auto invited = invitation(receipt.reference);
    EXPECT_EQ(invited.recipient, "piet.bakker@example.nl");
    EXPECT_NE(invited.body.find(service::kPortalLinkMarker), std::string::npos);

    // The same message delivered again is the same case.
    const auto again = receive(raw, "2026-12-02T09:10:00+01:00");
    EXPECT_EQ(again.outcome, MailOutcome::duplicate);
    EXPECT_EQ(again.reference, receipt.reference);
    EXPECT_EQ(case_count(), 1);
}

TEST_P(MailInTest, AReplyToTheCasesReplyAddressLandsOnTheCaseAndTellsTheHandler) {
    service::MailSettings settings(server_->store());
    ASSERT_TRUE(
        settings.set_mail_in("focus", "klachten@focus.example", "anna@focus.nl", at("2026-12-01")).ok());
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    assign_to_piet(first.reference);

    // The acknowledgement leaves with the case's reply address.
    service::DeliveryContents contents(server_->store(), language_);
    const auto content = contents.of(invitation(first.reference), "https://klachten.focus.nl", 1796116600);
    ASSERT_EQ(content.reply_to.rfind("klachten+", 0), 0u) << content.reply_to;
    EXPECT_EQ(content.reply_to.substr(content.reply_to.size() - 14), "@focus.example") << content.reply_to;
    EXPECT_EQ(content.reply_to.size(), std::string("klachten+@focus.example").size() + 24);
    // ... the same one for every message of the case.
    EXPECT_EQ(contents.of(invitation(first.reference), "https://klachten.focus.nl", 1796116700).reply_to,
              content.reply_to);

    // The complainant answers from another address of theirs; the reply address says which case.
    const auto reply =
        receive(plain_mail("From: Joelle <joelle@thuis.example>\r\nTo: Klachten Focus <" + content.reply_to +
                               ">\r\nSubject: Re: uw melding\r\n" + "Message-ID: <reply-1@thuis.example>\r\n",
                           "Ik ben donderdag thuis.\r\n\r\n> eerder bericht"),
                "2026-12-03T08:00:00+01:00");
    ASSERT_EQ(reply.outcome, MailOutcome::reply) << reply.reason;
    EXPECT_EQ(reply.reference, first.reference);
    const auto messages = conversation(first.reference);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].author, "complainant");
    EXPECT_EQ(messages[0].visibility, "shared");
    EXPECT_NE(messages[0].body.find("Ik ben donderdag thuis."), std::string::npos);
    // The handler is told, and the reply as it arrived is kept for staff.
    bool told = false;
    for (const auto& d : outbox(first.reference))
        told = told || (d.cause.rfind("from_complainant:", 0) == 0 && d.recipient == "piet@focus.nl");
    EXPECT_TRUE(told);
    const auto docs = documents(first.reference);
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[1].content_type, "message/rfc822");
    EXPECT_EQ(docs[1].visibility, "internal");
    EXPECT_EQ(case_count(), 1);
}

// Another organisation's reply address, Message-ID or quarantined message finds nothing: the mail
// is another organisation's new case, and Focus's case and quarantine stay as they were.
TEST_P(MailInTest, NothingOfOneOrganisationIsReachedThroughAnother) {
    server_->create_org("mos", "mos");
    service::MailSettings settings(server_->store());
    ASSERT_TRUE(
        settings.set_mail_in("focus", "klachten@focus.example", "anna@focus.nl", at("2026-12-01")).ok());
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    service::DeliveryContents contents(server_->store(), language_);
    const auto delivery = invitation(first.reference);
    const std::string reply_to = contents.of(delivery, "https://klachten.focus.nl", 1796116600).reply_to;
    ASSERT_FALSE(reply_to.empty());
    const auto at_mos = cases_->receive_mail(
        "mos",
        plain_mail("From: j.devries@example.org\r\nTo: " + reply_to + "\r\nSubject: Re: Uw melding\r\n" +
                       "Message-ID: <elders-1@example.org>\r\nIn-Reply-To: " + delivery.message_id + "\r\n",
                   "Dit hoort bij Focus."),
        at("2026-12-02T09:00:00+01:00"));
    EXPECT_EQ(at_mos.outcome, MailOutcome::new_case);
    EXPECT_TRUE(conversation(first.reference).empty());
    // Focus's quarantined message is neither shown nor cleared through M.O.S.
    ASSERT_EQ(receive(corpus("not-a-message.eml"), "2026-12-02T10:00:00+01:00").outcome,
              MailOutcome::quarantined);
    const auto waiting = settings.quarantined("focus");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_FALSE(settings.message_as_received("mos", waiting[0].raw_hash));
    EXPECT_FALSE(
        settings.clear_quarantined("mos", waiting[0].message_key, "x@mos.nl", at("2026-12-02")).ok());
    EXPECT_EQ(settings.quarantined("focus").size(), 1u);
    EXPECT_TRUE(settings.quarantined("mos").empty());
}

TEST_P(MailInTest, AReplyByMessageIdCountsOnlyFromTheAddressItWasSentTo) {
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    const std::string id = invitation(first.reference).message_id;  // "<...@meldpunt>"
    const std::string bare = id.substr(1, id.size() - 2);

    const auto reply = receive(plain_mail("From: j.devries@example.org\r\nTo: klachten@focus.example\r\n"
                                          "Subject: Re: Uw melding\r\nMessage-ID: <r1@example.org>\r\n"
                                          "In-Reply-To: " +
                                              id + "\r\nReferences: " + id + "\r\n",
                                          "Dank u."),
                               "2026-12-01T12:00:00+01:00");
    EXPECT_EQ(reply.outcome, MailOutcome::reply) << reply.reason;
    EXPECT_EQ(reply.reference, first.reference);

    // Someone else naming the same message (or the reference in the subject) starts a case of
    // their own: nothing lands on another person's case.
    const auto stranger = receive(plain_mail("From: iemand@elders.example\r\nTo: klachten@focus.example\r\n"
                                             "Subject: Re: zaak " +
                                                 first.reference + "\r\nMessage-ID: <r2@elders.example>\r\n" +
                                                 "In-Reply-To: <" + bare + ">\r\n",
                                             "Ik wil ook iets zeggen."),
                                  "2026-12-01T12:05:00+01:00");
    EXPECT_EQ(stranger.outcome, MailOutcome::new_case);
    EXPECT_NE(stranger.reference, first.reference);
    const auto subject_only =
        receive(plain_mail("From: j.devries@example.org\r\nTo: klachten@focus.example\r\nSubject: Zaak " +
                               first.reference + "\r\nMessage-ID: <r3@example.org>\r\n",
                           "Nog een vraag."),
                "2026-12-01T12:10:00+01:00");
    EXPECT_EQ(subject_only.outcome, MailOutcome::new_case);
    EXPECT_EQ(conversation(first.reference).size(), 1u);
}

TEST_P(MailInTest, AMessageIdCannotBeMadeUpFromWhatIsKnownAboutACase) {
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    const std::string sent = invitation(first.reference).message_id;
    // What anyone could compute from the organisation, the reference, the cause and the address.
    const std::string guessed =
        "<" +
        service::sha256_hex("focus\n" + first.reference + "\nportal:intake\nemail:j.devries@example.org")
            .substr(0, 40) +
        "." + first.reference + "@meldpunt>";
    EXPECT_NE(sent, guessed);
    const auto forged = receive(plain_mail("From: j.devries@example.org\r\nSubject: Re: Uw melding\r\n"
                                           "Message-ID: <forged@elders.example>\r\nIn-Reply-To: " +
                                               guessed + "\r\n",
                                           "Ik trek mijn klacht in."),
                                "2026-12-01T11:00:00+01:00");
    EXPECT_EQ(forged.outcome, MailOutcome::new_case);
    EXPECT_TRUE(conversation(first.reference).empty());
}

TEST_P(MailInTest, AQuotedPortalLinkIsNeverKeptAndARelaysSenderIsThePerson) {
    const std::string token(64, 'a');
    const auto relayed =
        receive(plain_mail("From: Formulier <noreply@forms.example>\r\nReply-To: Ans de Wit "
                           "<ans@example.org>\r\nSubject: Contactformulier\r\n"
                           "Message-ID: <form-1@forms.example>\r\n",
                           "Mijn klacht.\r\n> Volg uw zaak: https://klachten.focus.nl/focus/portaal/" +
                               token + " (persoonlijk)"),
                "2026-12-01T11:00:00+01:00");
    ASSERT_EQ(relayed.outcome, MailOutcome::new_case);
    const auto c = stored(relayed.reference);
    EXPECT_EQ(c->state.complainant.email, "ans@example.org");
    EXPECT_EQ(c->state.complainant.name, "Ans de Wit");
    EXPECT_EQ(c->description.find(token), std::string::npos) << c->description;
    EXPECT_NE(c->description.find("Volg uw zaak: [portaallink] (persoonlijk)"), std::string::npos)
        << c->description;
}

TEST_P(MailInTest, TheSameMessageDeliveredTwiceAtOnceIsOneCase) {
    const std::string raw = corpus("apple-mail-inline-image.eml");
    service::MailReceipt a, b;
    std::thread first([&] { a = receive(raw, "2026-12-03T14:30:00+01:00"); });
    std::thread second([&] { b = receive(raw, "2026-12-03T14:30:00+01:00"); });
    first.join();
    second.join();
    EXPECT_EQ(case_count(), 1);
    const bool one_each = (a.outcome == MailOutcome::new_case && b.outcome == MailOutcome::duplicate) ||
                          (b.outcome == MailOutcome::new_case && a.outcome == MailOutcome::duplicate);
    EXPECT_TRUE(one_each) << service::outcome_name(a.outcome) << " " << service::outcome_name(b.outcome);
    service::MailSettings settings(server_->store());
    EXPECT_EQ(settings.arrivals("focus").size(), 1u);
}

TEST_P(MailInTest, ALongMessageIdIsOneAndAnotherSendersReuseOfItIsKeptApart) {
    const std::string id = "<" + std::string(220, 'k') + "@example.org>";
    const auto long_id =
        receive(plain_mail("From: a@example.org\r\nSubject: Lang\r\nMessage-ID: " + id + "\r\n", "Tekst."),
                "2026-12-01T11:00:00+01:00");
    EXPECT_EQ(long_id.outcome, MailOutcome::new_case) << long_id.reason;
    const auto reused = receive(
        plain_mail("From: b@example.org\r\nSubject: Anders\r\nMessage-ID: " + id + "\r\n", "Iets anders."),
        "2026-12-01T11:05:00+01:00");
    EXPECT_EQ(reused.outcome, MailOutcome::quarantined);
    EXPECT_EQ(reused.reason, "reused_id");
    EXPECT_EQ(case_count(), 1);
}

TEST_P(MailInTest, AReplyToAClosedCaseIsKeptAndReopensNothing) {
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    server_->set_now("2026-12-01T11:00:00+01:00");
    auto r = meldpunt::testing::http_request(
        server_->port(), "POST", "/api/v1/orgs/focus/cases/" + first.reference + "/actions",
        {{"Authorization", "Bearer " + manager_}, {"Content-Type", "application/json"}},
        json{{"action", "withdraw"}, {"how", "written"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string id = invitation(first.reference).message_id;
    const auto reply = receive(plain_mail("From: j.devries@example.org\r\nSubject: Re: Uw melding\r\n"
                                          "Message-ID: <late@example.org>\r\nIn-Reply-To: " +
                                              id + "\r\n",
                                          "Toch nog iets."),
                               "2026-12-04T09:00:00+01:00");
    EXPECT_EQ(reply.outcome, MailOutcome::reply);
    EXPECT_EQ(stored(first.reference)->state.stage, "ingetrokken");
    EXPECT_EQ(conversation(first.reference).size(), 1u);
}

TEST_P(MailInTest, ABounceMarksTheMessageItReturnsAsNotDelivered) {
    const auto first = receive(corpus("thunderbird-utf8-qp.eml"), "2026-12-01T10:16:00+01:00");
    ASSERT_EQ(first.outcome, MailOutcome::new_case);
    const std::string id = invitation(first.reference).message_id;
    // The acknowledgement left (the delivery worker marks it so).
    server_->store().transact([&](storage::Tx& tx) {
        tx.connection().query("UPDATE outbox SET status = 'sent', sent_at = 1 WHERE cause = 'portal:intake'");
    });
    const auto bounce_of = [&](const std::string& recipient, const std::string& action,
                               const std::string& key) {
        std::string bounce = corpus("bounce-postfix-dsn.eml");
        const std::string placeholder = "<0123456789abcdef0123456789abcdef01234567@meldpunt>";
        bounce.replace(bounce.find(placeholder), placeholder.size(), id);
        bounce.replace(bounce.find("Final-Recipient: rfc822; nobody@example.invalid"),
                       std::string("Final-Recipient: rfc822; nobody@example.invalid").size(),
                       "Final-Recipient: rfc822; " + recipient);
        bounce.replace(bounce.find("Action: failed"), 14, "Action: " + action);
        bounce.replace(bounce.find("20261202090005.1A2B3C"), 21, key);
        return bounce;
    };
    // A delay, or a report about another address, changes nothing.
    EXPECT_EQ(receive(bounce_of("j.devries@example.org", "delayed", "delayed-report-1"), "2026-12-01T10:18")
                  .outcome,
              MailOutcome::bounce);
    EXPECT_EQ(
        receive(bounce_of("iemand@anders.example", "failed", "other-address-22"), "2026-12-01T10:19").outcome,
        MailOutcome::bounce);
    EXPECT_EQ(invitation(first.reference).status, "sent");
    const auto receipt = receive(bounce_of("j.devries@example.org", "failed", "the-real-report-1"),
                                 "2026-12-01T10:20:00+01:00");
    EXPECT_EQ(receipt.outcome, MailOutcome::bounce);
    EXPECT_EQ(receipt.reference, first.reference);
    const auto d = invitation(first.reference);
    EXPECT_EQ(d.status, "failed");
    EXPECT_EQ(d.last_error.rfind("bounce: 5.1.1", 0), 0u) << d.last_error;
    EXPECT_EQ(case_count(), 1);
    // "niet bezorgd" on the dashboard's list for staff who see the case.
    service::Principal anna;
    server_->store().read([&](storage::Tx& tx) {
        const auto user = tx.accounts.user_by_email("focus", "anna@focus.nl");
        ASSERT_TRUE(user);
        anna = {user->id, "focus", user->email, user->name, user->roles, ""};
    });
    const auto failed = cases_->undelivered(anna, "focus", 10);
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].message_id, id);
}

TEST_P(MailInTest, AutoRepliesAndJunkCreateNoCaseAndWhatCannotBeReadWaitsInQuarantine) {
    EXPECT_EQ(receive(corpus("auto-reply-rfc3834.eml"), "2026-12-02T10:05:00+01:00").outcome,
              MailOutcome::automatic);
    EXPECT_EQ(receive(corpus("exchange-out-of-office.eml"), "2026-12-02T10:05:00+01:00").outcome,
              MailOutcome::automatic);
    EXPECT_EQ(receive(corpus("bounce-postfix-dsn.eml"), "2026-12-02T10:05:00+01:00").outcome,
              MailOutcome::bounce);
    const auto junk = receive(corpus("not-a-message.eml"), "2026-12-02T10:06:00+01:00");
    EXPECT_EQ(junk.outcome, MailOutcome::quarantined);
    const auto no_sender = receive(plain_mail("To: klachten@focus.example\r\nSubject: Zonder afzender\r\n"
                                              "Message-ID: <anon@x.example>\r\n",
                                              "Wie ben ik?"),
                                   "2026-12-02T10:07:00+01:00");
    EXPECT_EQ(no_sender.outcome, MailOutcome::quarantined);
    EXPECT_EQ(case_count(), 0);

    service::MailSettings settings(server_->store());
    const auto waiting = settings.quarantined("focus");
    ASSERT_EQ(waiting.size(), 2u);
    EXPECT_EQ(waiting[0].reason, "no_sender");
    EXPECT_EQ(waiting[1].reason.rfind("malformed:", 0), 0u);
    // Kept byte for byte for staff to look at, then cleared by them.
    const auto kept = settings.message_as_received("focus", waiting[1].raw_hash);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->second, corpus("not-a-message.eml"));
    ASSERT_TRUE(
        settings.clear_quarantined("focus", waiting[1].message_key, "anna@focus.nl", at("2026-12-02T11:00"))
            .ok());
    EXPECT_EQ(settings.quarantined("focus").size(), 1u);
    EXPECT_FALSE(
        settings.clear_quarantined("focus", waiting[1].message_key, "anna@focus.nl", at("2026-12-02T11:00"))
            .ok());
    EXPECT_EQ(settings.arrivals("focus").size(), 5u);  // everything that arrived, with what became of it
}

TEST_P(MailInTest, ALargerMessageThanAnyComplaintNeedsIsRefusedAndItsHeadKept) {
    std::string raw =
        plain_mail("From: groot@example.org\r\nSubject: Heel groot\r\nMessage-ID: <big@example.org>\r\n",
                   std::string(service::CaseService::kMaxMailBytes, 'x'));
    const auto receipt = receive(raw, "2026-12-02T10:00:00+01:00");
    EXPECT_EQ(receipt.outcome, MailOutcome::refused);
    service::MailSettings settings(server_->store());
    const auto waiting = settings.quarantined("focus");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].reason, "too_large");
    EXPECT_EQ(waiting[0].sender, "groot@example.org");
    EXPECT_EQ(waiting[0].size, static_cast<int64_t>(raw.size()));
    const auto kept = settings.message_as_received("focus", waiting[0].raw_hash);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->second.size(), 64u * 1024);
    EXPECT_EQ(case_count(), 0);
}

TEST_P(MailInTest, ThePipeOfAMailSystemTakesAMessageInOnce) {
    const std::string file = std::string(MELDPUNT_MAIL_CORPUS) + "/apple-mail-inline-image.eml";
    const std::string command =
        std::string(MELDPUNT_BINARY) + " mail receive --db '" + database_ + "' --org ";
    const auto taken = run(command + "focus < " + file);
    EXPECT_EQ(taken.status, 0) << taken.out;
    EXPECT_EQ(taken.out.rfind("new_case ", 0), 0u) << taken.out;
    const auto again = run(command + "focus < " + file);
    EXPECT_EQ(again.status, 0);
    EXPECT_EQ(again.out.rfind("duplicate ", 0), 0u) << again.out;
    EXPECT_EQ(case_count(), 1);
    // No such organisation: the sender gets a bounce (EX_NOUSER).
    EXPECT_EQ(run(command + "elders < " + file + " 2>/dev/null").status, 67);
}

TEST_P(MailInTest, TheOrganisationsMailboxIsReadAndEachMessageMarkedOnceItIsTakenIn) {
    auto& imap = meldpunt::testing::imap_server();
    imap.reset_mailbox("focus");
    imap.deliver("focus", corpus("thunderbird-utf8-qp.eml"));
    imap.deliver("focus", corpus("outlook-windows-1252.eml"));
    imap.deliver("focus", corpus("auto-reply-rfc3834.eml"));
    service::MailSettings settings(server_->store());
    ASSERT_TRUE(
        settings.set_mailbox("focus", imap.url(), "focus", "focus", "anna@focus.nl", at("2026-12-02")).ok());
    const auto clock = [&] { return at("2026-12-02T10:00:00+01:00"); };

    auto report = workers::poll_mailboxes(server_->store(), *cases_, clock, imap.ca_file());
    EXPECT_EQ(report.mailboxes, 1);
    EXPECT_EQ(report.taken, 3);
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(case_count(), 2);  // the auto-reply is no case
    EXPECT_EQ(imap.with_keyword("focus", mail::kTakenInKeyword), 3u);
    const auto mailbox = settings.mailbox("focus");
    ASSERT_TRUE(mailbox && mailbox->polled_at);
    EXPECT_EQ(mailbox->last_error, "");

    // Only what is new is read the next time. A message a pass took in but could not mark (a crash
    // in between) is read again, taken in once, and marked.
    imap.deliver("focus", corpus("apple-mail-inline-image.eml"));
    EXPECT_EQ(cases_->receive_mail("focus", corpus("apple-mail-inline-image.eml"), clock()).outcome,
              MailOutcome::new_case);
    report = workers::poll_mailboxes(server_->store(), *cases_, clock, imap.ca_file());
    EXPECT_EQ(report.taken, 1);
    EXPECT_EQ(case_count(), 3);
    EXPECT_EQ(imap.with_keyword("focus", mail::kTakenInKeyword), 4u);

    // A message larger than Meldpunt takes is not downloaded whole: its beginning waits in
    // quarantine, and the messages after it are read all the same.
    imap.deliver(
        "focus",
        plain_mail("From: groot@example.org\r\nSubject: Groot\r\nMessage-ID: <groot@example.org>\r\n",
                   std::string(service::CaseService::kMaxMailBytes + 1024 * 1024, 'x')));
    imap.deliver("focus", corpus("raw-latin1-headers.eml"));
    report = workers::poll_mailboxes(server_->store(), *cases_, clock, imap.ca_file());
    EXPECT_EQ(report.taken, 2);
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(case_count(), 4);
    ASSERT_EQ(settings.quarantined("focus").size(), 1u);
    EXPECT_EQ(settings.quarantined("focus")[0].reason, "too_large");
    EXPECT_EQ(settings.quarantined("focus")[0].sender, "groot@example.org");

    // A wrong password: nothing is read, and the administrator sees why.
    ASSERT_TRUE(
        settings.set_mailbox("focus", imap.url(), "focus", "fout", "anna@focus.nl", at("2026-12-02")).ok());
    imap.deliver("focus", corpus("html-only-windows-1252.eml"));
    report = workers::poll_mailboxes(server_->store(), *cases_, clock, imap.ca_file());
    EXPECT_EQ(report.failed, 1);
    EXPECT_EQ(report.taken, 0);
    EXPECT_FALSE(settings.mailbox("focus")->last_error.empty());
    EXPECT_EQ(case_count(), 4);
}

// IMAPS: the mailbox over TLS, its certificate checked against the authorities given (--imap-ca);
// one the client does not trust is read from no more.
TEST_P(MailInTest, TheMailboxIsReadOverTlsWithItsCertificateChecked) {
    auto& imap = meldpunt::testing::imap_server();
    imap.reset_mailbox("focus");
    imap.deliver("focus", corpus("thunderbird-utf8-qp.eml"));
    service::MailSettings settings(server_->store());
    ASSERT_TRUE(
        settings.set_mailbox("focus", imap.tls_url(), "focus", "focus", "anna@focus.nl", at("2026-12-02"))
            .ok());
    const auto clock = [&] { return at("2026-12-02T10:00:00+01:00"); };
    auto untrusted = workers::poll_mailboxes(server_->store(), *cases_, clock, "");
    EXPECT_EQ(untrusted.failed, 1);
    EXPECT_EQ(untrusted.taken, 0);
    EXPECT_EQ(case_count(), 0);
    auto trusted = workers::poll_mailboxes(server_->store(), *cases_, clock, imap.ca_file());
    EXPECT_EQ(trusted.failed, 0);
    EXPECT_EQ(trusted.taken, 1);
    EXPECT_EQ(case_count(), 1);
    EXPECT_EQ(imap.with_keyword("focus", mail::kTakenInKeyword), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailInTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

// The database is away while the mail system delivers: `mail receive` answers "try again later"
// (EX_TEMPFAIL), the mail system keeps the message, and the next delivery takes it in, once.
TEST(MailInWhileTheDatabaseIsAway, ATemporaryFailureThenTheMessageOnce) {
    const std::string url = meldpunt::testing::fresh_database("postgres");
    {
        meldpunt::testing::TestServer server(url);
        server.create_org("focus", "focus");
    }
    const std::string command = std::string(MELDPUNT_BINARY) + " mail receive --db '" + url +
                                "' --org focus < " + MELDPUNT_MAIL_CORPUS + "/forwarded-as-attachment.eml";
    auto& postgres = meldpunt::testing::postgres_server();
    postgres.stop();
    const auto away = run(command + " 2>&1");
    postgres.start();
    EXPECT_EQ(away.status, 75) << away.out;
    const auto delivered = run(command);
    EXPECT_EQ(delivered.status, 0) << delivered.out;
    EXPECT_EQ(delivered.out.rfind("new_case ", 0), 0u) << delivered.out;
    const auto retried = run(command);
    EXPECT_EQ(retried.out.rfind("duplicate ", 0), 0u) << retried.out;
    auto store = storage::Store::open(url, 1);
    int64_t cases = 0;
    store->read([&](storage::Tx& tx) {
        cases = std::stoll(*tx.connection().query("SELECT COUNT(*) FROM cases")[0][0]);
    });
    EXPECT_EQ(cases, 1);

    // The mailbox the server reads: with the database away the message stays unmarked on the IMAP
    // server, and the next pass takes it in.
    auto& imap = meldpunt::testing::imap_server();
    imap.reset_mailbox("focus");
    imap.deliver("focus", corpus("outlook-windows-1252.eml"));
    ASSERT_TRUE(service::MailSettings(*store)
                    .set_mailbox("focus", imap.url(), "focus", "focus", "test", at("2026-12-02"))
                    .ok());
    service::ProcedureRegistry procedures;
    const messages::Catalogue language(messages::Language::nl);
    service::CaseService register_cases(*store, procedures, language);
    const auto clock = [] { return at("2026-12-02T10:00:00+01:00"); };
    postgres.stop();
    EXPECT_THROW(workers::poll_mailboxes(*store, register_cases, clock, imap.ca_file()),
                 storage::StorageError);
    postgres.start();
    EXPECT_EQ(imap.with_keyword("focus", mail::kTakenInKeyword), 0u);
    const auto report = workers::poll_mailboxes(*store, register_cases, clock, imap.ca_file());
    EXPECT_EQ(report.taken, 1);
    EXPECT_EQ(imap.with_keyword("focus", mail::kTakenInKeyword), 1u);
    store->read([&](storage::Tx& tx) {
        cases = std::stoll(*tx.connection().query("SELECT COUNT(*) FROM cases")[0][0]);
    });
    EXPECT_EQ(cases, 2);
}

}  // namespace
