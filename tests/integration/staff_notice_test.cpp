// Staff are told of their cases: a case assigned to them, a message from the complainant, each by
// e-mail at once, or, for those who chose it, in one overview a day from 07:00 (each notice once,
// however often the register is swept). On both backends, delivered to a real SMTP server.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/principal.hpp"
#include "service/sweep.hpp"
#include "storage/row_values.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/smtp_server.hpp"
#include "support/test_server.hpp"
#include "workers/delivery.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;

class StaffNoticeTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        meldpunt::testing::smtp_server().start_if_stopped();
        meldpunt::testing::smtp_server().clear();
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        server_->create_user("focus", "piet@focus.nl", "employee");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        sweeper_->set_public_url("https://klachten.focus.nl");
    }

    // A phone complaint of Monday 18 January 2027 at 10:00, assigned by the manager to `handler` at
    // 11:00 the same day.
    std::string assigned_to(const std::string& handler) {
        return assigned_on(handler, "2027-01-18T10:00:00+01:00", "2027-01-18T11:00:00+01:00");
    }

    // The complainant adds a message through their portal, at `when`.
    void complainant_writes(const std::string& reference, const std::string& when) {
        const service::Upload message{"bericht.txt", "text/plain", "shared", "Ik wacht nog op een afspraak."};
        ASSERT_TRUE(cases_
                        ->upload(service::complainant_principal("focus", reference), "focus", reference,
                                 message, at(when))
                        .ok());
    }

    // A phone complaint received at `received`, assigned by the manager to `handler` at `assigned`.
    std::string assigned_on(const std::string& handler, const std::string& received,
                            const std::string& assigned) {
        const std::string reference =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_, received);
        server_->set_now(assigned);
        auto r = meldpunt::testing::http_request(
            server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
            {{"Authorization", "Bearer " + manager_}, {"Content-Type", "application/json"}},
            json{{"action", "assign"}, {"handler", handler}}.dump());
        EXPECT_EQ(r.status, 200) << r.body;
        return reference;
    }

    // The case's messages other than the sweep's deadline notices: "cause recipient status".
    std::vector<std::string> notices(const std::string& reference) {
        std::vector<std::string> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("focus", reference))
                if (d.cause.rfind("assigned:", 0) == 0 || d.cause.rfind("from_complainant:", 0) == 0)
                    out.push_back(d.cause + " " + d.recipient + " " + d.status);
        });
        return out;
    }

    void choose_daily_overview(const std::string& email) {
        service::Directory directory(server_->store());
        std::string id;
        for (const auto& person : directory.people("focus"))
            if (person.email == email)
                id = person.id;
        ASSERT_TRUE(
            directory.set_daily_digest("focus", id, true, email, at("2027-01-18T09:00:00+01:00")).ok());
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    std::unique_ptr<service::Sweeper> sweeper_;
};

TEST_P(StaffNoticeTest, TheNewHandlerIsToldAndAMessageFromTheComplainantReachesThem) {
    const std::string reference = assigned_to("piet@focus.nl");
    complainant_writes(reference, "2027-01-18T12:00:00+01:00");
    EXPECT_EQ(notices(reference), (std::vector<std::string>{"assigned:2 piet@focus.nl queued",
                                                            "from_complainant:d1 piet@focus.nl queued"}));
    mail::SmtpSender sender(meldpunt::testing::smtp_server().url());
    workers::Deliverer deliverer(server_->store(), sender, {"klachten@focus.nl", "Focus Klachten"});
    deliverer.deliver(at("2027-01-18T12:00:05+01:00"));
    auto& smtp = meldpunt::testing::smtp_server();
    ASSERT_GE(smtp.wait_for(2, 5), 2u);
    std::vector<std::string> subjects, texts;
    for (const auto& mail : smtp.messages())
        if (meldpunt::testing::header_of(mail, "To").find("piet@focus.nl") != std::string::npos) {
            subjects.push_back(meldpunt::testing::header_of(mail, "Subject"));
            texts.push_back(meldpunt::testing::body_text(mail));
        }
    ASSERT_EQ(subjects.size(), 2u);
    EXPECT_EQ(subjects[0], "Zaak " + reference + " is aan u toegewezen");
    EXPECT_NE(
        texts[0].find("Beste piet,\n\nanna heeft zaak " + reference + " (Afspraak gemist) aan u toegewezen."),
        std::string::npos)
        << texts[0];
    EXPECT_EQ(subjects[1], "Nieuw bericht van de klager in zaak " + reference);
    EXPECT_NE(texts[1].find("iets toegevoegd: bericht.txt."), std::string::npos) << texts[1];
}

TEST_P(StaffNoticeTest, NobodyIsToldOfACaseTheyTookThemselves) {
    const std::string reference = assigned_to("anna@focus.nl");
    EXPECT_TRUE(notices(reference).empty());
    // While the case is theirs, the complainant's message is told to them.
    complainant_writes(reference, "2027-01-18T12:00:00+01:00");
    EXPECT_EQ(notices(reference), std::vector<std::string>{"from_complainant:d1 anna@focus.nl queued"});
}

// Piet reads one overview a day: his notices wait for it; the sweep from 07:00 the next morning
// sends it once, with everything held before then; what comes later waits for the next one.
TEST_P(StaffNoticeTest, ADailyOverviewTellsEachNoticeOnceTheMorningAfter) {
    choose_daily_overview("piet@focus.nl");
    const std::string reference = assigned_to("piet@focus.nl");
    complainant_writes(reference, "2027-01-18T12:00:00+01:00");
    EXPECT_EQ(notices(reference), (std::vector<std::string>{"assigned:2 piet@focus.nl held",
                                                            "from_complainant:d1 piet@focus.nl held"}));
    EXPECT_EQ(sweeper_->sweep(at("2027-01-18T23:00:00+01:00")).digests, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-01-19T06:59:00+01:00")).digests, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-01-19T07:00:00+01:00")).digests, 1);
    EXPECT_EQ(sweeper_->sweep(at("2027-01-19T07:01:00+01:00")).digests, 0);
    EXPECT_EQ(notices(reference), (std::vector<std::string>{"assigned:2 piet@focus.nl digested",
                                                            "from_complainant:d1 piet@focus.nl digested"}));
    // A message after the overview waits for tomorrow's.
    complainant_writes(reference, "2027-01-19T09:00:00+01:00");
    EXPECT_EQ(sweeper_->sweep(at("2027-01-19T10:00:00+01:00")).digests, 0);

    mail::SmtpSender sender(meldpunt::testing::smtp_server().url());
    workers::Deliverer deliverer(server_->store(), sender, {"klachten@focus.nl", "Focus Klachten"});
    deliverer.deliver(at("2027-01-19T10:00:05+01:00"));
    auto& smtp = meldpunt::testing::smtp_server();
    smtp.wait_for(1, 5);
    std::vector<std::string> to_piet;
    for (const auto& mail : smtp.messages())
        if (meldpunt::testing::header_of(mail, "To").find("piet@focus.nl") != std::string::npos)
            to_piet.push_back(mail);
    ASSERT_EQ(to_piet.size(), 1u);  // the overview, not the notices in it
    // Everything held for Piet before 07:00 (the sweep's deadline notices to the handler too).
    int64_t digested = 0;
    server_->store().read([&](storage::Tx& tx) {
        digested = storage::single_number(tx.connection().query(
            "SELECT COUNT(*) FROM outbox WHERE recipient = 'piet@focus.nl' AND status = 'digested'"));
    });
    EXPECT_GE(digested, 2);
    EXPECT_EQ(meldpunt::testing::header_of(to_piet[0], "Subject"),
              "Uw dagoverzicht van Meldpunt: " + std::to_string(digested) + " berichten");
    const std::string text = meldpunt::testing::body_text(to_piet[0]);
    EXPECT_NE(text.find("- Zaak " + reference +
                        " is aan u toegewezen\n  https://klachten.focus.nl/werk/zaken/" + reference),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("- Nieuw bericht van de klager in zaak " + reference), std::string::npos) << text;
    EXPECT_NE(text.find("https://klachten.focus.nl/werk/instellingen"), std::string::npos) << text;

    EXPECT_EQ(sweeper_->sweep(at("2027-01-20T07:00:00+01:00")).digests, 1);
    EXPECT_EQ(notices(reference).back(), "from_complainant:d2 piet@focus.nl digested");
}

// On the night the clocks go forward (28 March 2027) the overview still goes at 07:00 on the clock.
TEST_P(StaffNoticeTest, TheOverviewGoesAtSevenOnTheClockAlsoWhenTheClockMoves) {
    choose_daily_overview("piet@focus.nl");
    assigned_on("piet@focus.nl", "2027-03-26T10:00:00+01:00", "2027-03-26T11:00:00+01:00");
    EXPECT_EQ(sweeper_->sweep(at("2027-03-28T06:59:00+02:00")).digests, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-03-28T07:00:00+02:00")).digests, 1);
}

// A possibly structural problem is reported to the complaints officer (001 §Procedure 4): the
// procedure says so on its field (notify_when, notify), and recording it tells the officer once.
TEST_P(StaffNoticeTest, AStructuralComplaintIsReportedToTheRoleTheProcedureNames) {
    server_->create_org("gelukwerkt", "gelukwerkt");
    const std::string olga = server_->create_user("gelukwerkt", "olga@gelukwerkt.nl", "complaints_officer");
    const std::string emma = server_->create_user("gelukwerkt", "emma@gelukwerkt.nl", "employee");
    const auto api = [&](const std::string& path, const json& body) {
        return meldpunt::testing::http_request(
            server_->port(), "POST", "/api/v1/orgs/gelukwerkt/cases" + path,
            {{"Authorization", "Bearer " + emma}, {"Content-Type", "application/json"}}, body.dump());
    };
    server_->set_now("2027-01-18T10:00:00+01:00");
    auto filed =
        api("", {{"kind", "complaint"},
                 {"channel", "letter"},
                 {"subject", "Rooster klopt weer niet"},
                 {"description", "Voor de derde keer een verkeerd rooster."},
                 {"complainant", {{"name", "K. Bos"}, {"address", "Kerkstraat 1\n1234 AB Ergens"}}}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string reference = json::parse(filed.body).value("reference", "");
    const auto told = [&] {
        std::vector<std::string> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("gelukwerkt", reference))
                if (d.cause.rfind("recorded:", 0) == 0)
                    out.push_back(d.recipient + " " + d.subject);
        });
        return out;
    };
    // An incident tells nobody; structural tells the officer, not the employee who recorded it;
    // recording it again tells nobody again.
    for (const char* nature : {"incident", "structureel", "structureel"}) {
        auto r = api("/" + reference + "/actions", {{"action", "classify"}, {"nature", nature}});
        ASSERT_EQ(r.status, 200) << r.body;
        if (std::string(nature) == "incident") {
            EXPECT_TRUE(told().empty());
        }
    }
    EXPECT_EQ(told(), std::vector<std::string>{"olga@gelukwerkt.nl Zaak " + reference +
                                               ": structureel (Incident of structureel)"});
    std::string body;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("gelukwerkt", reference))
            if (d.cause.rfind("recorded:", 0) == 0)
                body = d.body;
    });
    EXPECT_NE(body.find("emma legde in zaak " + reference +
                        " (Rooster klopt weer niet) vast bij 'Incident of structureel': structureel."),
              std::string::npos)
        << body;
    // The officer who records it herself is not told of it.
    auto second = api("", {{"kind", "complaint"},
                           {"channel", "letter"},
                           {"subject", "Rooster"},
                           {"description", "Weer fout."},
                           {"complainant", {{"name", "K. Bos"}, {"address", "Kerkstraat 1"}}}});
    ASSERT_EQ(second.status, 201) << second.body;
    const std::string other = json::parse(second.body).value("reference", "");
    auto by_olga = meldpunt::testing::http_request(
        server_->port(), "POST", "/api/v1/orgs/gelukwerkt/cases/" + other + "/actions",
        {{"Authorization", "Bearer " + olga}, {"Content-Type", "application/json"}},
        json{{"action", "classify"}, {"nature", "structureel"}}.dump());
    ASSERT_EQ(by_olga.status, 200) << by_olga.body;
    int to_olga = 0;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("gelukwerkt", other))
            to_olga += d.cause.rfind("recorded:", 0) == 0;
    });
    EXPECT_EQ(to_olga, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffNoticeTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
