// How a case is handled besides its procedure's steps, through the API on both backends: what was
// agreed with the complainant followed up (003 §Werkwijze 4: recorded and its carrier told, reminded
// and reported passed by the sweep once each, shown to the complainant without staff's names, holding
// back a close until it is done), and a case judged urgent and sent on (002 §B).
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "messages/catalogue.hpp"
#include "service/case_json.hpp"
#include "service/case_service.hpp"
#include "service/case_view.hpp"
#include "service/directory.hpp"
#include "service/principal.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;

class CaseHandlingTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        piet_ = server_->create_user("focus", "piet@focus.nl", "employee");
        employee_ = server_->create_user("focus", "joke@focus.nl", "employee");
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        // Monday 18 January 2027: taken in at 10:00, assigned to Piet at 11:00.
        reference_ =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_, "2027-01-18T10:00:00+01:00");
        server_->set_now("2027-01-18T11:00:00+01:00");
        EXPECT_EQ(post(manager_, "/actions", {{"action", "assign"}, {"handler", "piet@focus.nl"}}).status,
                  200);
    }

    meldpunt::testing::HttpResult post(const std::string& token, const std::string& path, const json& body) {
        return meldpunt::testing::http_request(server_->port(), "POST",
                                               "/api/v1/orgs/focus/cases/" + reference_ + path,
                                               {{"Authorization", "Bearer " + token},
                                                {"Content-Type", "application/json"},
                                                {"Accept-Language", "nl"}},
                                               body.dump());
    }

    // "cause recipient" of the case's messages whose cause contains `what`, in the order queued.
    std::vector<std::string> notices(const std::string& what) {
        std::vector<std::string> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("focus", reference_))
                if (d.cause.find(what) != std::string::npos)
                    out.push_back(d.cause + " " + d.recipient);
        });
        return out;
    }
    std::vector<std::string> commitment_notices() { return notices("commitment"); }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_, piet_, employee_, reference_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::Sweeper> sweeper_;
};

TEST_P(CaseHandlingTest, IsRecordedRemindedAndToldOnceAndHoldsBackTheCloseUntilDone) {
    server_->set_now("2027-01-18T12:00:00+01:00");
    // Wednesday 27 January: the reminder comes on Monday 25, the notice on Thursday 28.
    const json promise = {{"what", "Een vervangende afspraak met de coach op dinsdag"},
                          {"who", "piet@focus.nl"},
                          {"due", "2027-01-27"}};
    auto made = post(manager_, "/commitments", promise);
    ASSERT_EQ(made.status, 201) << made.body;
    const json c = json::parse(made.body);
    ASSERT_EQ(c["commitments"].size(), 1u);
    EXPECT_EQ(c["commitments"][0]["id"], "1");
    EXPECT_EQ(c["commitments"][0]["state"], "open");
    EXPECT_EQ(c["commitments"][0]["who"], "piet@focus.nl");
    EXPECT_EQ(c["events"].back()["action"], "commitment");
    EXPECT_EQ(commitment_notices(), std::vector<std::string>{"commitment:1 piet@focus.nl"});

    // A second one, for the complainant's eyes too? No: the organisation's own follow-up.
    auto internal = post(manager_, "/commitments",
                         {{"what", "Rooster van de coach nakijken"},
                          {"who", "anna@focus.nl"},
                          {"due", "2027-01-20"},
                          {"complainant_sees", false}});
    ASSERT_EQ(internal.status, 201) << internal.body;
    EXPECT_EQ(commitment_notices().size(), 1u) << "who records one for themselves is not told";

    // The complainant reads what was agreed with them, not who does it nor the internal one.
    service::CaseService cases(server_->store(), procedures_, language_);
    auto theirs = cases.get(service::complainant_principal("focus", reference_), "focus", reference_);
    ASSERT_TRUE(theirs.ok());
    const auto view = service::view_case(theirs.value(), calendar::make_day(2027, 1, 18));
    const auto portal = service::case_json(view, language_);
    ASSERT_EQ(portal["commitments"].size(), 1u);
    EXPECT_EQ(portal["commitments"][0]["what"], "Een vervangende afspraak met de coach op dinsdag");
    EXPECT_FALSE(portal["commitments"][0].contains("who"));

    // The sweep: Piet reminded on Monday 25 once, however often it runs; then told on Thursday 28 with
    // the manager (Piet handles the case: told once).
    sweeper_->sweep(at("2027-01-22T08:00:00+01:00"), 100);
    // Anna's own one, made on the day of its reminder (the 18th) and due on the 20th: reminded, then
    // she and the handler told when it passed.
    EXPECT_EQ(commitment_notices().size(), 4u);
    sweeper_->sweep(at("2027-01-25T08:00:00+01:00"), 100);
    sweeper_->sweep(at("2027-01-25T09:00:00+01:00"), 100);
    sweeper_->sweep(at("2027-01-28T08:00:00+01:00"), 100);
    sweeper_->sweep(at("2027-01-28T08:30:00+01:00"), 100);
    EXPECT_EQ(commitment_notices(), (std::vector<std::string>{
                                        "commitment:1 piet@focus.nl",
                                        "commitment_reminder:2:2027-01-20 anna@focus.nl",
                                        "commitment_overdue:2:2027-01-20 anna@focus.nl",
                                        "commitment_overdue:2:2027-01-20 piet@focus.nl",
                                        "commitment_reminder:1:2027-01-27 piet@focus.nl",
                                        "commitment_overdue:1:2027-01-27 piet@focus.nl",
                                        "commitment_overdue:1:2027-01-27 anna@focus.nl",
                                    }));
    std::string reminder_text;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", reference_))
            if (d.cause.starts_with("commitment_reminder:1"))
                reminder_text = d.subject + "\n" + d.body;
    });
    EXPECT_NE(reminder_text.find("Herinnering: afspraak in zaak " + reference_ + " moet klaar zijn op"),
              std::string::npos)
        << reminder_text;
    EXPECT_NE(reminder_text.find("Een vervangende afspraak met de coach op dinsdag"), std::string::npos);
    EXPECT_NE(reminder_text.find("woensdag 27 januari 2027"), std::string::npos) << reminder_text;

    // The case is not ended while they are open; the reader is told what to do.
    server_->set_now("2027-01-28T10:00:00+01:00");
    auto refused = post(manager_, "/actions", {{"action", "withdraw"}, {"how", "oral"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "open_commitments") << refused.body;
    EXPECT_NE(refused.body.find("2 afspraak of afspraken met de klager staan nog open"), std::string::npos)
        << refused.body;

    // Joke neither carries it out nor answers for the case; Piet, carrying it out, may say it is done
    // but not waive it (he handles the case, so he may); Anna waives hers with a reason.
    EXPECT_EQ(post(employee_, "/commitments/1", {{"outcome", "done"}}).status, 404) << "she does not see it";
    auto no_reason = post(manager_, "/commitments/2", {{"outcome", "waived"}, {"note", " "}});
    EXPECT_EQ(no_reason.status, 422) << no_reason.body;
    EXPECT_NE(no_reason.body.find("geef de reden"), std::string::npos) << no_reason.body;
    EXPECT_EQ(
        post(manager_, "/commitments/2", {{"outcome", "waived"}, {"note", "Rooster is al aangepast"}}).status,
        200);
    auto done =
        post(piet_, "/commitments/1", {{"outcome", "done"}, {"note", "Afspraak staat op 26 januari"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(json::parse(done.body)["commitments"][0]["state"], "done");
    EXPECT_EQ(json::parse(done.body)["commitments"][0]["settled_on"], "2027-01-28");
    EXPECT_EQ(post(piet_, "/commitments/1", {{"outcome", "waived"}, {"note", "toch niet"}}).status, 409);
    EXPECT_EQ(post(manager_, "/actions", {{"action", "withdraw"}, {"how", "oral"}}).status, 200);

    // The audit log names the commitment and its day, never what was agreed or why it was waived.
    std::string audit;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 10000))
            audit += e.action + " " + e.subject + " " + e.detail + "\n";
    });
    EXPECT_NE(audit.find("case.commitment " + reference_), std::string::npos) << audit;
    EXPECT_NE(audit.find("case.commitment_waived " + reference_), std::string::npos) << audit;
    EXPECT_NE(audit.find("case.commitment_done " + reference_), std::string::npos) << audit;
    EXPECT_EQ(audit.find("coach op dinsdag"), std::string::npos) << audit;
    EXPECT_EQ(audit.find("Rooster is al aangepast"), std::string::npos) << audit;
}

TEST_P(CaseHandlingTest, RefusesWhatIsWrongInTheReadersWords) {
    server_->set_now("2027-01-18T12:00:00+01:00");
    const auto refused = [&](const std::string& token, const json& body) {
        auto r = post(token, "/commitments", body);
        return std::to_string(r.status) + " " + json::parse(r.body)["error"].value("message", "");
    };
    const json good = {{"what", "Terugbellen"}, {"who", "piet@focus.nl"}, {"due", "2027-01-20"}};
    EXPECT_EQ(refused(manager_, {{"what", "Terugbellen"}, {"who", "piet@focus.nl"}, {"due", "2027-01-15"}}),
              "422 geef de datum waarop de afspraak nagekomen moet zijn (vandaag of later, als JJJJ-MM-DD)");
    EXPECT_EQ(refused(manager_, {{"what", "Terugbellen"}, {"who", "piet@focus.nl"}, {"due", "20-01-2027"}}),
              "422 geef de datum waarop de afspraak nagekomen moet zijn (vandaag of later, als JJJJ-MM-DD)");
    EXPECT_EQ(refused(manager_, {{"what", " "}, {"who", "piet@focus.nl"}, {"due", "2027-01-20"}}),
              "422 beschrijf wat met de klager is afgesproken");
    EXPECT_EQ(refused(manager_, {{"what", "Terugbellen"}, {"who", "niemand@focus.nl"}, {"due", "2027-01-20"}})
                  .substr(0, 4),
              "422 ");
    EXPECT_EQ(
        refused(manager_, {{"what", std::string(3000, 'a')}, {"who", "piet@focus.nl"}, {"due", "2027-01-20"}})
            .substr(0, 4),
        "400 ");
    EXPECT_EQ(
        refused(manager_, {{"what", "x"}, {"who", "piet@focus.nl"}, {"due", "2027-01-20"}, {"extra", 1}})
            .substr(0, 4),
        "400 ");
    EXPECT_EQ(refused(manager_, {{"what", "x"}, {"who", "piet@focus.nl"}, {"due", 20}}).substr(0, 4), "400 ");
    EXPECT_EQ(refused(employee_, good).substr(0, 4), "404 ") << "Joke does not see the case";
    auto unknown = post(manager_, "/commitments/7", {{"outcome", "done"}});
    EXPECT_EQ(unknown.status, 404) << unknown.body;
    EXPECT_EQ(post(manager_, "/commitments/7", {{"outcome", "maybe"}}).status, 422);
    std::vector<std::string> none;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", reference_))
            if (d.cause.find("commitment") != std::string::npos)
                none.push_back(d.cause);
    });
    EXPECT_TRUE(none.empty());
}

// 002 §B: whoever takes it in judges the urgency and sends it on, with a note; the person it is
// sent to handles it and is told; the rules of the procedure still decide who may handle it.
TEST_P(CaseHandlingTest, ACaseIsJudgedUrgentAndSentOnWithANote) {
    server_->set_now("2027-01-18T12:00:00+01:00");
    auto urgent = post(manager_, "/urgency", {{"urgent", true}, {"note", "Klant zit zonder begeleiding"}});
    ASSERT_EQ(urgent.status, 200) << urgent.body;
    EXPECT_EQ(json::parse(urgent.body)["urgent"], true);
    EXPECT_EQ(notices("urgent:"), std::vector<std::string>{"urgent:3 piet@focus.nl"});
    auto again = post(manager_, "/urgency", {{"urgent", true}});
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(json::parse(again.body)["error"]["message"], "deze zaak is al als urgent aangemerkt");
    EXPECT_EQ(post(manager_, "/urgency", {{"urgent", "ja"}}).status, 400);
    EXPECT_EQ(post(manager_, "/urgency", {{"note", "x"}}).status, 400);
    EXPECT_EQ(post(manager_, "/urgency", {{"urgent", false}, {"note", std::string(3000, 'a')}}).status, 400);
    EXPECT_EQ(post(manager_, "/forward", {{"to", "anna@focus.nl"}, {"note", "regel\x01"}}).status, 400);

    // Linked to Joke, the case cannot go to her (003 §Werkwijze 1); it goes to Anna with a note.
    EXPECT_EQ(post(manager_, "/actions", {{"action", "record_about"}, {"about", "joke@focus.nl"}}).status,
              200);
    auto to_subject = post(manager_, "/forward", {{"to", "joke@focus.nl"}});
    EXPECT_EQ(to_subject.status, 422) << to_subject.body;
    EXPECT_EQ(json::parse(to_subject.body)["error"]["code"], "rule_violated");
    EXPECT_EQ(post(manager_, "/forward", {{"to", "niemand@focus.nl"}}).status, 422);
    EXPECT_EQ(post(manager_, "/forward", {{"note", "alleen een notitie"}}).status, 422);
    EXPECT_EQ(post(manager_, "/forward", {{"to", "piet@focus.nl"}}).status, 422) << "he has it already";
    EXPECT_EQ(post(employee_, "/forward", {{"to", "anna@focus.nl"}}).status, 404);
    // Piet handles it but does not assign handlers (Focus: the manager does, 003 §Werkwijze 1).
    auto not_his = post(piet_, "/forward", {{"to", "anna@focus.nl"}});
    EXPECT_EQ(not_his.status, 403) << not_his.body;
    server_->create_user("focus", "karin@focus.nl", "employee");
    auto sent =
        post(manager_, "/forward", {{"to", "karin@focus.nl"}, {"note", "Piet is twee weken afwezig"}});
    ASSERT_EQ(sent.status, 200) << sent.body;
    const json c = json::parse(sent.body);
    EXPECT_EQ(c["handler"], "karin@focus.nl");
    EXPECT_EQ(c["events"].back()["action"], "forward");
    EXPECT_EQ(c["events"].back()["fields"]["note"], "Piet is twee weken afwezig");
    EXPECT_EQ(notices("forwarded:"), std::vector<std::string>{"forwarded:5 karin@focus.nl"});
    std::string body;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", reference_))
            if (d.cause.starts_with("forwarded:"))
                body = d.subject + "\n" + d.body;
    });
    EXPECT_NE(body.find("Zaak " + reference_ + " is naar u doorgestuurd"), std::string::npos) << body;
    EXPECT_NE(body.find("Toelichting: Piet is twee weken afwezig"), std::string::npos) << body;
    // Piet no longer handles it and no longer sees it (an employee sees his own cases).
    EXPECT_EQ(post(piet_, "/urgency", {{"urgent", false}}).status, 404);

    std::string audit;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 10000))
            audit += e.action + " " + e.detail + "\n";
    });
    EXPECT_NE(audit.find("case.urgency {\"urgent\":true}"), std::string::npos) << audit;
    EXPECT_NE(audit.find("case.forward {\"to\":\"karin@focus.nl\",\"unit\":\"\"}"), std::string::npos)
        << audit;
    EXPECT_EQ(audit.find("afwezig"), std::string::npos);
    EXPECT_EQ(audit.find("begeleiding"), std::string::npos);
}

// 002 §Behandeling Onvrede A.1 at M.O.S.: dissatisfaction about another employee goes to that
// employee; what a volunteer takes in goes to the coordinator recorded as their supervisor. Both are
// told as of an assignment; a supervisor who is no account of the organisation is refused.
TEST_P(CaseHandlingTest, DissatisfactionGoesToWhomItIsAboutOrToTheVolunteersSupervisor) {
    server_->create_org("mos", "mos");
    const std::string sanne = server_->create_user("mos", "sanne@mos.nl", "employee");
    server_->create_user("mos", "piet@mos.nl", "employee");
    server_->create_user("mos", "lisa@mos.nl", "coordinator");
    const std::string vera = server_->create_user("mos", "vera@mos.nl", "volunteer");
    service::Directory directory(server_->store());
    std::string vera_id;
    for (const auto& person : directory.people("mos"))
        if (person.email == "vera@mos.nl")
            vera_id = person.id;
    const auto now = at("2027-03-08T09:00:00+01:00");
    auto wrong = directory.set_supervisor("mos", vera_id, "niemand@mos.nl", "beheer@mos.nl", now);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "invalid_field");
    ASSERT_TRUE(directory.set_supervisor("mos", vera_id, "lisa@mos.nl", "beheer@mos.nl", now).ok());

    server_->set_now("2027-03-08T10:00:00+01:00");
    const auto take_in = [&](const std::string& token, const json& about) {
        json body = {{"kind", "dissatisfaction"},
                     {"channel", "in_person"},
                     {"subject", "Onvrede"},
                     {"description", "De begeleiding was kortaf."},
                     {"complainant", {{"name", "K. Klant"}, {"phone", "06 1"}}}};
        if (!about.is_null())
            body["about"] = about;
        auto r = meldpunt::testing::http_request(
            server_->port(), "POST", "/api/v1/orgs/mos/cases",
            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? json::parse(r.body) : json::object();
    };
    // Another organisation's case is none of theirs: not found, nothing changed.
    const std::pair<const char*, json> others[] = {
        {"/commitments", {{"what", "Terugbellen"}, {"who", "sanne@mos.nl"}, {"due", "2027-12-01"}}},
        {"/urgency", {{"urgent", true}}},
        {"/forward", {{"to", "sanne@mos.nl"}}}};
    for (const auto& [path, body] : others) {
        auto r = meldpunt::testing::http_request(
            server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference_ + path,
            {{"Authorization", "Bearer " + sanne}, {"Content-Type", "application/json"}}, body.dump());
        EXPECT_EQ(r.status, 404) << path << " " << r.body;
    }
    const json about_piet = take_in(sanne, json::array({"piet@mos.nl"}));
    EXPECT_EQ(about_piet["handler"], "piet@mos.nl");
    const json from_vera = take_in(vera, nullptr);
    EXPECT_EQ(from_vera["handler"], "lisa@mos.nl");
    const json about_vera = take_in(sanne, json::array({"vera@mos.nl"}));
    EXPECT_EQ(about_vera["handler"], "lisa@mos.nl");
    const json own = take_in(sanne, nullptr);
    EXPECT_EQ(own["handler"], "") << "taken in by an employee about nobody else: hers to discuss";

    std::vector<std::string> told;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& reference : {about_piet["reference"], from_vera["reference"]})
            for (const auto& d : tx.outbox.of_case("mos", reference.get<std::string>()))
                if (d.cause.starts_with("assigned:"))
                    told.push_back(d.cause + " " + d.recipient);
    });
    EXPECT_EQ(told, (std::vector<std::string>{"assigned:1 piet@mos.nl", "assigned:1 lisa@mos.nl"}));
    std::string audit;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 10000))
            audit += e.action + " " + e.subject + " " + e.detail + "\n";
    });
    EXPECT_NE(audit.find("user.supervisor vera@mos.nl {\"supervisor\":\"lisa@mos.nl\"}"), std::string::npos)
        << audit;
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseHandlingTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
