// Letters that leave: a letter the procedure sends becomes one outbox delivery per person it is
// addressed to, in the transaction that wrote it; the complainant's carries a private portal link
// that opens their case, staff's the link to the case page; a complainant without an e-mail
// address is written to on paper (the print queue). On both backends, delivered to a real SMTP
// server.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "service/letter_mail.hpp"
#include "service/portal_links.hpp"
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

// What pdftotext reads in a PDF.
std::string pdf_text(const std::string& pdf) {
    const std::string path = ::testing::TempDir() + "letter-mail-" + std::to_string(getpid()) + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    std::string out;
    FILE* pipe = popen(("pdftotext -layout " + path + " -").c_str(), "r");
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        out.append(buffer, n);
    pclose(pipe);
    return out;
}

class LetterMailTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        meldpunt::testing::smtp_server().start_if_stopped();
        meldpunt::testing::smtp_server().clear();
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("eenloket", "een-loket-mk");
        employee_ = server_->create_user("eenloket", "sanne@eenloket.nl", "employee");
    }

    // A complaint by letter, acknowledged by an employee the next day (004 art. 4): the
    // acknowledgement is the letter.
    std::string acknowledged(const json& complainant, const json& extra = json::object()) {
        server_->set_now("2027-03-01T10:00:00+01:00");
        json body = {{"kind", "complaint"},
                     {"channel", "letter"},
                     {"received_at", "2027-03-01T09:00:00+01:00"},
                     {"subject", "Factuur klopt niet"},
                     {"description", "Er staat twee keer hetzelfde op mijn factuur."},
                     {"complainant", complainant}};
        body.update(extra);
        auto r = api("POST", "/api/v1/orgs/eenloket/cases", body);
        EXPECT_EQ(r.status, 201) << r.body;
        const std::string reference = json::parse(r.body).value("reference", "");
        server_->set_now("2027-03-02T10:00:00+01:00");
        r = api("POST", "/api/v1/orgs/eenloket/cases/" + reference + "/actions", {{"action", "acknowledge"}});
        EXPECT_EQ(r.status, 200) << r.body;
        return reference;
    }

    meldpunt::testing::HttpResult api(const std::string& method, const std::string& path, const json& body) {
        return meldpunt::testing::http_request(
            server_->port(), method, path,
            {{"Authorization", "Bearer " + employee_}, {"Content-Type", "application/json"}}, body.dump());
    }

    // Where the complainant's portal links point: this server.
    std::string public_url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

    // Delivers what the outbox holds at `when` to the SMTP server; how many were sent.
    int64_t deliver_at(const std::string& when) {
        workers::DeliverySettings settings{"klachten@eenloket.nl", "Een Loket MK"};
        settings.public_url = public_url();
        mail::SmtpSender sender(meldpunt::testing::smtp_server().url());
        return workers::Deliverer(server_->store(), sender, settings).deliver(at(when)).sent;
    }

    // The case's deliveries with `cause` ("letter:1"), or all of them.
    std::vector<storage::Delivery> outbox(const std::string& reference, const std::string& cause = "") {
        std::vector<storage::Delivery> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.outbox.of_case("eenloket", reference); });
        std::erase_if(out, [&](const storage::Delivery& d) { return !cause.empty() && d.cause != cause; });
        return out;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string employee_;
};

TEST_P(LetterMailTest, TheAcknowledgementReachesTheComplainantWithALinkThatOpensTheirCase) {
    const std::string reference = acknowledged({{"name", "Karin Bos"}, {"email", "karin.bos@example.nl"}});
    const auto queued = outbox(reference, "letter:1");
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].channel, "email");
    EXPECT_EQ(queued[0].recipient, "karin.bos@example.nl");
    EXPECT_EQ(queued[0].cause, "letter:1");
    EXPECT_NE(queued[0].body.find("Wij hebben uw klacht (kenmerk " + reference + ")"), std::string::npos)
        << queued[0].body;
    // The outbox keeps no portal link, only where it goes: the link is made as the message leaves.
    EXPECT_EQ(queued[0].body.find("/portaal/"), std::string::npos) << queued[0].body;
    EXPECT_NE(queued[0].body.find(service::kPortalLinkMarker), std::string::npos) << queued[0].body;
    // The invitation of the day before, and the acknowledgement.
    EXPECT_EQ(deliver_at("2027-03-02T10:00:05+01:00"), 2);
    ASSERT_EQ(meldpunt::testing::smtp_server().wait_for(2, 5), 2u);
    const std::string mail = meldpunt::testing::smtp_server().messages()[1];
    EXPECT_NE(meldpunt::testing::header_of(mail, "To").find("karin.bos@example.nl"), std::string::npos);
    EXPECT_EQ(meldpunt::testing::header_of(mail, "Subject"), "Ontvangstbevestiging (zaak " + reference + ")");
    const std::string text = meldpunt::testing::body_text(mail);
    EXPECT_NE(text.find("Wij hebben uw klacht (kenmerk " + reference + ")"), std::string::npos) << text;
    std::smatch found;
    ASSERT_TRUE(std::regex_search(text, found, std::regex(public_url() + "(/eenloket/portaal/[0-9a-f]{64})")))
        << text;
    const std::string link = found[1].str();
    // The same words as HTML for readers that prefer it, the portal link clickable ...
    const auto html = meldpunt::testing::part_of_type(mail, "text/html");
    EXPECT_NE(html.content.find("Wij hebben uw klacht (kenmerk " + reference + ")"), std::string::npos)
        << html.content;
    EXPECT_NE(html.content.find("<a href=\"" + public_url() + link + "\">"), std::string::npos)
        << html.content;
    // ... and the letter itself attached as the PDF the portal offers.
    const auto attached = meldpunt::testing::part_of_type(mail, "application/pdf");
    EXPECT_EQ(attached.disposition, "attachment");
    EXPECT_EQ(attached.filename, reference + " Ontvangstbevestiging.pdf");
    const std::string attached_text = pdf_text(attached.content);
    EXPECT_NE(attached_text.find("Karin Bos"), std::string::npos) << attached_text;
    EXPECT_NE(attached_text.find("Wij hebben uw klacht (kenmerk " + reference + ")"), std::string::npos)
        << attached_text;
    EXPECT_NE(attached_text.find("Pagina 1 van 1"), std::string::npos) << attached_text;  // numbered
    // The link opens the complainant's own case.
    auto page = meldpunt::testing::http_request(server_->port(), "GET", link);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(reference), std::string::npos);

    // The letter as a PDF, from the portal: the complainant's own letter, nobody else's.
    auto pdf = meldpunt::testing::http_request(server_->port(), "GET", link + "/brieven/1");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    const std::string printed = pdf_text(pdf.body);
    EXPECT_NE(printed.find("Karin Bos"), std::string::npos) << printed;
    EXPECT_NE(printed.find("Wij hebben uw klacht (kenmerk " + reference + ")"), std::string::npos) << printed;
    EXPECT_NE(printed.find("2 maart 2027"), std::string::npos) << printed;
    EXPECT_EQ(meldpunt::testing::http_request(server_->port(), "GET", link + "/brieven/2").status, 404);
    EXPECT_EQ(meldpunt::testing::http_request(server_->port(), "GET", link + "/brieven/x1").status, 404);
}

TEST_P(LetterMailTest, ARepresentativeWithAnAddressReceivesTheComplainantsLetters) {
    const std::string reference = acknowledged(
        {{"name", "Henk Smit"}, {"email", "henk@example.nl"}},
        {{"representative", {{"name", "Ria Smit"}, {"relation", "dochter"}, {"email", "ria@example.nl"}}}});
    const auto queued = outbox(reference, "letter:1");
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].recipient, "ria@example.nl");
    EXPECT_EQ(queued[0].recipient_name, "Ria Smit");
}

TEST_P(LetterMailTest, AComplainantWithoutEmailIsWrittenToOnPaperAndNothingIsMailed) {
    const std::string reference =
        acknowledged({{"name", "Gerrit Jansen"}, {"address", "Dorpsstraat 1\n1234 AB Ergens"}});
    const auto queued = outbox(reference);
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].channel, "print");
    EXPECT_EQ(queued[0].status, "to_print");
    EXPECT_EQ(queued[0].recipient, "Dorpsstraat 1\n1234 AB Ergens");
    EXPECT_EQ(queued[0].body.find("/portaal/"), std::string::npos);  // no secret on paper
    mail::SmtpSender sender(meldpunt::testing::smtp_server().url());
    workers::Deliverer deliverer(server_->store(), sender, {"klachten@eenloket.nl", "Een Loket MK"});
    EXPECT_EQ(deliverer.deliver(at("2027-03-02T10:00:05+01:00")).sent, 0);
    int64_t to_print = 0;
    server_->store().read([&](storage::Tx& tx) { to_print = tx.outbox.counts().to_print; });
    EXPECT_EQ(to_print, 1);
}

// Whatever the channel, a complainant with an e-mail address gets their portal link at intake; when
// a letter of the intake is mailed to them it carries the link, and no second message is sent.
TEST_P(LetterMailTest, EveryComplainantWithAnAddressGetsTheirPortalLinkAtIntake) {
    server_->set_now("2027-03-01T10:00:00+01:00");
    auto r = api("POST", "/api/v1/orgs/eenloket/cases",
                 {{"kind", "complaint"},
                  {"channel", "phone"},
                  {"subject", "Wachttijd telefoon"},
                  {"complainant", {{"name", "Karin Bos"}, {"email", "karin.bos@example.nl"}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string reference = json::parse(r.body).value("reference", "");
    const auto queued = outbox(reference);
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].cause, "portal:intake");
    EXPECT_EQ(queued[0].recipient, "karin.bos@example.nl");
    EXPECT_EQ(queued[0].body.find("/portaal/"), std::string::npos);  // made as it leaves
    EXPECT_EQ(deliver_at("2027-03-01T10:00:05+01:00"), 1);
    ASSERT_EQ(meldpunt::testing::smtp_server().wait_for(1, 5), 1u);
    const std::string mail = meldpunt::testing::smtp_server().messages()[0];
    EXPECT_NE(meldpunt::testing::header_of(mail, "Subject").find(reference), std::string::npos);
    EXPECT_TRUE(meldpunt::testing::part_of_type(mail, "application/pdf").content_type.empty());  // no letter
    const std::string text = meldpunt::testing::body_text(mail);
    EXPECT_NE(text.find("Beste Karin Bos,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"Wachttijd telefoon\" ontvangen en geregistreerd onder kenmerk " + reference),
              std::string::npos)
        << text;
    std::smatch found;
    ASSERT_TRUE(std::regex_search(text, found, std::regex("(/eenloket/portaal/[0-9a-f]{64})"))) << text;
    auto page = meldpunt::testing::http_request(server_->port(), "GET", found[1].str());
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(reference), std::string::npos);

    // A letter of the intake itself mailed to the complainant carries the link: no second message
    // (M.O.S.: a complaint made too late is answered at once, 002 §Uitgangspunten 7).
    server_->create_org("mos", "mos");
    const std::string secretary = server_->create_user("mos", "coordinator@mos.nl", "coordinator");
    r = meldpunt::testing::http_request(
        server_->port(), "POST", "/api/v1/orgs/mos/cases",
        {{"Authorization", "Bearer " + secretary}, {"Content-Type", "application/json"}},
        json{{"kind", "complaint"},
             {"channel", "email"},
             {"subject", "Te laat"},
             {"event_date", "2026-01-05"},
             {"complainant", {{"name", "Piet Laat"}, {"email", "piet@example.nl"}}}}
            .dump());
    ASSERT_EQ(r.status, 201) << r.body;
    std::vector<std::string> causes;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("mos", json::parse(r.body).value("reference", "")))
            causes.push_back(d.cause + " " + d.recipient);
    });
    EXPECT_EQ(causes, std::vector<std::string>{"letter:1 piet@example.nl"});

    // Nobody to mail: a letter writer without an address.
    r = api("POST", "/api/v1/orgs/eenloket/cases",
            {{"kind", "complaint"},
             {"channel", "letter"},
             {"subject", "Brief zonder e-mail"},
             {"complainant", {{"name", "Gerrit Jansen"}, {"address", "Dorpsstraat 1\n1234 AB Ergens"}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(outbox(json::parse(r.body).value("reference", "")).empty());
}

// A copy to the complainant, a role and everyone involved: each person once (the handler is both
// involved and, here, the one who acts), disabled and unknown accounts never; the same letter
// queued again is no second message.
TEST_P(LetterMailTest, StaffReceiveALetterToTheirRoleOrToEveryoneInvolvedOnceEach) {
    const std::string reference = acknowledged({{"name", "Karin Bos"}, {"email", "karin.bos@example.nl"}});
    server_->create_user("eenloket", "piet@eenloket.nl", "partner");
    server_->create_user("eenloket", "joke@eenloket.nl", "employee");
    std::vector<storage::Delivery> queued;
    server_->store().transact([&](storage::Tx& tx) {
        auto stored = tx.cases.get("eenloket", reference);
        ASSERT_TRUE(stored);
        stored->state.about = {"joke@eenloket.nl", "left@eenloket.nl"};
        stored->state.handler = "sanne@eenloket.nl";
        procedure::Letter copy;
        copy.id = "afschrift";
        copy.to = {"complainant", "partner", "involved"};
        const auto users = tx.accounts.users_of("eenloket");
        const std::string url = "https://klachten.eenloket.nl";
        const messages::Catalogue nl(messages::Language::nl);
        const storage::LetterRecord letter{"eenloket",  reference, 7,        "afschrift",
                                           "Afschrift", "",        "Tekst.", 1};
        const auto first = service::queue_letter(tx, {*stored, copy, users, nl, url}, letter, 1);
        EXPECT_EQ(first.deliveries, 4);
        EXPECT_TRUE(first.complainant_by_email);
        EXPECT_EQ(service::queue_letter(tx, {*stored, copy, users, nl, url}, letter, 2).deliveries, 0);
    });
    std::vector<std::string> to;
    for (const auto& d : outbox(reference))
        if (d.cause == "letter:7")
            to.push_back(d.recipient + (d.body.find("https://klachten.eenloket.nl/werk/zaken/" + reference) !=
                                                std::string::npos
                                            ? " case link"
                                            : ""));
    EXPECT_EQ(to, (std::vector<std::string>{"karin.bos@example.nl", "piet@eenloket.nl case link",
                                            "joke@eenloket.nl case link", "sanne@eenloket.nl case link"}));
}

// The letter's PDF carries the complainant's name and address in its window: only for them. A copy
// to staff goes without it. A letter that cannot be made now waits and is tried again, and the
// rest of the batch goes on.
TEST_P(LetterMailTest, OnlyTheComplainantsCopyOfTheLetterShowsTheirAddress) {
    const std::string reference = acknowledged(
        {{"name", "Karin Bos"}, {"email", "karin.bos@example.nl"}, {"address", "Laan 5\n1111 AA Stad"}});
    server_->create_user("eenloket", "piet@eenloket.nl", "partner");
    server_->store().transact([&](storage::Tx& tx) {
        auto stored = tx.cases.get("eenloket", reference);
        ASSERT_TRUE(stored);
        procedure::Letter copy;
        copy.id = "afschrift";
        copy.to = {"complainant", "partner"};
        const auto users = tx.accounts.users_of("eenloket");
        const messages::Catalogue nl(messages::Language::nl);
        const std::string url = public_url();
        const storage::LetterRecord letter{
            "eenloket", reference, 7, "afschrift", "Afschrift", "complainant,partner", "Tekst.", 1};
        tx.dossier.insert_letter(letter);
        service::queue_letter(tx, {*stored, copy, users, nl, url}, letter, 1);
    });
    EXPECT_EQ(deliver_at("2027-03-02T10:00:05+01:00"), 4);  // invitation, acknowledgement, two copies
    ASSERT_EQ(meldpunt::testing::smtp_server().wait_for(4, 5), 4u);
    std::map<std::string, std::string> copies;  // recipient: the PDF's text
    for (const auto& mail : meldpunt::testing::smtp_server().messages())
        if (meldpunt::testing::header_of(mail, "Subject").rfind("Afschrift", 0) == 0)
            copies[meldpunt::testing::header_of(mail, "To")] =
                pdf_text(meldpunt::testing::part_of_type(mail, "application/pdf").content);
    ASSERT_EQ(copies.size(), 2u);
    for (const auto& [to, text] : copies) {
        EXPECT_NE(text.find("Tekst."), std::string::npos) << to;
        const bool complainant = to.find("karin.bos@example.nl") != std::string::npos;
        EXPECT_EQ(text.find("Laan 5") != std::string::npos, complainant) << to << "\n" << text;
    }

    // A case whose data cannot be read: its letter waits with the reason, the next message goes.
    meldpunt::testing::smtp_server().clear();
    server_->set_now("2027-03-03T10:00:00+01:00");
    auto r = api("POST", "/api/v1/orgs/eenloket/cases",
                 {{"kind", "complaint"},
                  {"channel", "phone"},
                  {"subject", "Tweede klacht"},
                  {"complainant", {{"name", "Els"}, {"email", "els@example.nl"}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    server_->store().transact([&](storage::Tx& tx) {
        auto stored = tx.cases.get("eenloket", reference);
        const messages::Catalogue nl(messages::Language::nl);
        const std::string url = public_url();
        const storage::LetterRecord letter{"eenloket",  reference,     8,          "afschrift",
                                           "Afschrift", "complainant", "Nog een.", 2};
        tx.dossier.insert_letter(letter);
        procedure::Letter again;
        again.id = "afschrift";
        again.to = {"complainant"};
        service::queue_letter(tx, {*stored, again, {}, nl, url}, letter, 2);
        tx.connection().query("UPDATE cases SET data = 'geen json' WHERE org = 'eenloket' AND reference = $1",
                              {reference});
    });
    mail::SmtpSender sender(meldpunt::testing::smtp_server().url());
    workers::Deliverer deliverer(server_->store(), sender, {"klachten@eenloket.nl", "Een Loket MK"});
    const auto report = deliverer.deliver(at("2027-03-03T10:00:05+01:00"));
    EXPECT_EQ(report.sent, 1);  // the second complaint's invitation
    EXPECT_EQ(report.retrying, 1);
    const auto waiting = outbox(reference, "letter:8");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].status, "queued");
    EXPECT_EQ(waiting[0].last_error.rfind("not composed: ", 0), 0u) << waiting[0].last_error;
}

INSTANTIATE_TEST_SUITE_P(Backends, LetterMailTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
