// The REST API end to end over real HTTP, on both backends: intake, reading, the register, actions,
// documents, letters, authentication, confidentiality between organisations and roles, and bad
// input of every kind answered with a clear error (never a 500).
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "service/audit_log.hpp"
#include "service/directory.hpp"
#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace {

using meldpunt::testing::http_request;
using meldpunt::testing::HttpResult;
using nlohmann::json;

class ApiTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        server_->create_org("mos", "mos");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        karin_ = server_->create_user("focus", "karin@focus.nl", "employee");
        piet_ = server_->create_user("focus", "piet@focus.nl", "employee");
        quality_ = server_->create_user("focus", "els@focus.nl", "quality_manager");
        mos_coordinator_ = server_->create_user("mos", "secretariaat@mos.nl", "coordinator");
    }

    HttpResult call(const std::string& method, const std::string& target, const std::string& token,
                    const std::string& body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
        if (!token.empty())
            headers.push_back({"Authorization", "Bearer " + token});
        if (!body.empty() &&
            std::none_of(headers.begin(), headers.end(), [](auto& h) { return h.first == "Content-Type"; }))
            headers.push_back({"Content-Type", "application/json"});
        return http_request(server_->port(), method, target, headers, body);
    }

    std::string intake(const std::string& token, const json& body = {}, const std::string& org = "focus") {
        json request = {{"kind", "complaint"},
                        {"channel", "phone"},
                        {"received_at", "2027-01-14T10:00:00+01:00"},
                        {"subject", "Afspraak gemist"},
                        {"description", "De coach kwam niet opdagen; de klant wil een nieuwe afspraak."},
                        {"complainant", {{"name", "J. de Vries"}, {"email", "jdevries@example.nl"}}},
                        {"about", {"piet@focus.nl"}}};
        if (body.is_object())
            request.update(body);
        auto r = call("POST", "/api/v1/orgs/" + org + "/cases", token, request.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return json::parse(r.body, nullptr, false).value("reference", "");
    }

    HttpResult act(const std::string& token, const std::string& reference, const json& body,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
        return call("POST", "/api/v1/orgs/focus/cases/" + reference + "/actions", token, body.dump(),
                    std::move(headers));
    }

    static std::string error_code(const HttpResult& r) {
        auto body = json::parse(r.body, nullptr, false);
        return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_, karin_, piet_, quality_, mos_coordinator_;
};

TEST_P(ApiTest, IntakeAnswersTheCaseWithItsDeadlines) {
    auto r = call("POST", "/api/v1/orgs/focus/cases", manager_,
                  json{{"kind", "complaint"},
                       {"channel", "letter"},
                       {"received_at", "2027-01-07T23:30:00Z"},
                       {"subject", "Factuur"},
                       {"description", "Dubbel gefactureerd"},
                       {"about_text", "de administratie"},
                       {"complainant", {{"name", "Bewonersraad"}, {"group", true}}}}
                      .dump());
    ASSERT_EQ(r.status, 201) << r.body;
    const auto body = json::parse(r.body);
    EXPECT_EQ(body["reference"], "2027-000001");
    EXPECT_EQ(body["about_text"], "de administratie");
    EXPECT_EQ(body["complainant"]["group"], true);
    EXPECT_EQ(body["stage"], "ontvangen");
    EXPECT_EQ(body["received_on"], "2027-01-08");  // 23:30 UTC on Thursday is Friday in Amsterdam
    EXPECT_EQ(body["version"], 1);
    EXPECT_EQ(r.headers["location"], "/api/v1/orgs/focus/cases/2027-000001");
    EXPECT_EQ(r.headers["etag"], "\"1\"");
    ASSERT_EQ(body["deadlines"].size(), 4u);
    EXPECT_EQ(body["deadlines"][1]["name"], "contact");
    EXPECT_EQ(body["deadlines"][1]["due"], "2027-01-12");
    EXPECT_EQ(body["deadlines"][1]["status"], "overdue");  // the test clock says 20 January
    // One shape for a deadline, as `meldpunt procedure deadlines` prints it: the rule in words and
    // the due day explained.
    EXPECT_NE(body["deadlines"][1]["description"].get<std::string>().find("003"), std::string::npos)
        << body["deadlines"][1]["description"];
    EXPECT_EQ(body["deadlines"][1]["explanation"]["start"], "2027-01-08");
    EXPECT_TRUE(body["deadlines"][1]["explanation"]["text"].is_string());
    EXPECT_TRUE(body["deadlines"][1]["explanation"]["skipped"].is_array());
    EXPECT_EQ(body["events"][0]["action"], "intake");
    EXPECT_EQ(body["events"][0]["actor"], "anna@focus.nl");

    auto again = call("GET", "/api/v1/orgs/focus/cases/2027-000001", manager_);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(json::parse(again.body)["subject"], "Factuur");
}

// Reads of an unchanged case are answered from its last rendering; these check that every change
// shows at once: an action, a document, the next day, the language, and who may see it.
TEST_P(ApiTest, ARepeatedReadShowsEveryChangeAtOnce) {
    const std::string reference = intake(manager_, {{"received_at", "2027-01-19T10:00:00+01:00"}});
    const std::string path = "/api/v1/orgs/focus/cases/" + reference;
    auto deadline_status = [](const json& c, const std::string& name) {
        for (const auto& d : c["deadlines"])
            if (d["name"] == name)
                return d["status"].get<std::string>();
        return std::string("missing");
    };
    const auto first = call("GET", path, manager_);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(call("GET", path, manager_).body, first.body);
    EXPECT_EQ(deadline_status(json::parse(first.body), "contact"), "open");

    // The rendering is per language.
    const auto english = call("GET", path, manager_, "", {{"Accept-Language", "en"}});
    EXPECT_NE(english.body, first.body);
    EXPECT_EQ(call("GET", path, manager_).body, first.body);

    // Someone who may not see the case still does not, though it was just read by someone who may.
    EXPECT_EQ(call("GET", path, piet_).status, 404);
    EXPECT_EQ(call("GET", path, mos_coordinator_).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/orgs/mos/cases/" + reference, mos_coordinator_).status, 404);

    // A document.
    ASSERT_EQ(call("POST", path + "/documents?name=brief.pdf&visibility=shared", manager_, "%PDF-1.4",
                   {{"Content-Type", "application/pdf"}})
                  .status,
              201);
    auto after_upload = json::parse(call("GET", path, manager_).body);
    EXPECT_EQ(after_upload["version"], 2);
    EXPECT_EQ(after_upload["documents"].size(), 1u);

    // An action.
    ASSERT_EQ(act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}}).status, 200);
    auto after_action = call("GET", path, manager_);
    EXPECT_EQ(json::parse(after_action.body)["stage"], "in_behandeling");
    EXPECT_EQ(after_action.headers["etag"], "\"3\"");
    // Now Karin handles it, so she sees it.
    EXPECT_EQ(call("GET", path, karin_).status, 200);

    // The next days: the same version, but its deadlines have passed.
    server_->set_now("2027-03-01T12:00:00Z");
    EXPECT_EQ(deadline_status(json::parse(call("GET", path, manager_).body), "contact"), "overdue");
}

TEST_P(ApiTest, IdempotencyKeyReturnsTheFirstCase) {
    const std::string body = json{{"kind", "complaint"}, {"channel", "web"}, {"subject", "Dubbel"}}.dump();
    auto first = call("POST", "/api/v1/orgs/focus/cases", manager_, body, {{"Idempotency-Key", "form-123"}});
    auto second = call("POST", "/api/v1/orgs/focus/cases", manager_, body, {{"Idempotency-Key", "form-123"}});
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(json::parse(first.body)["reference"], json::parse(second.body)["reference"]);
    EXPECT_EQ(second.headers["idempotent-replayed"], "true");
    auto list = json::parse(call("GET", "/api/v1/orgs/focus/cases", manager_).body);
    EXPECT_EQ(list["cases"].size(), 1u);
}

TEST_P(ApiTest, ErrorsAreDutchUnlessEnglishIsAskedFor) {
    const std::string body = json{{"kind", "lawsuit"}}.dump();
    auto nl = call("POST", "/api/v1/orgs/focus/cases", manager_, body);
    auto en =
        call("POST", "/api/v1/orgs/focus/cases", manager_, body, {{"Accept-Language", "en-GB,en;q=0.9"}});
    EXPECT_EQ(json::parse(nl.body)["error"]["message"], "'lawsuit' is geen soort zaak in deze procedure");
    EXPECT_EQ(json::parse(en.body)["error"]["message"], "'lawsuit' is not a kind of case in this procedure");
}

TEST_P(ApiTest, AuthenticationIsRequired) {
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", "").status, 401);
    auto r = call("GET", "/api/v1/orgs/focus/cases", std::string(64, 'a'));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.headers["www-authenticate"], "Bearer");
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", "short").status, 401);
}

TEST_P(ApiTest, AnotherOrganisationsCaseIsNotFound) {
    const std::string reference = intake(manager_);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference, mos_coordinator_).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/orgs/mos/cases/" + reference, mos_coordinator_).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", mos_coordinator_).status, 404);
    EXPECT_EQ(
        call("POST", "/api/v1/orgs/focus/cases", mos_coordinator_, json{{"kind", "complaint"}}.dump()).status,
        404);
    auto r = call("POST", "/api/v1/orgs/focus/cases/" + reference + "/actions", mos_coordinator_,
                  json{{"action", "withdraw"}, {"how", "written"}}.dump());
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json::parse(call("GET", "/api/v1/orgs/focus/cases/" + reference, manager_).body)["stage"],
              "ontvangen");
}

TEST_P(ApiTest, EmployeesSeeOnlyTheCasesTheyHandle) {
    const std::string reference = intake(manager_);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference, karin_).status, 404);
    EXPECT_TRUE(json::parse(call("GET", "/api/v1/orgs/focus/cases", karin_).body)["cases"].empty());
    ASSERT_EQ(act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}}).status, 200);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference, karin_).status, 200);
    EXPECT_EQ(json::parse(call("GET", "/api/v1/orgs/focus/cases", karin_).body)["cases"].size(), 1u);
    // Piet, the subject of the complaint, does not see it.
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference, piet_).status, 404);
}

TEST_P(ApiTest, ActionsAnswer403_409_422_AndApply) {
    const std::string reference = intake(manager_);
    // The handler would be the person complained about: 422 naming the rule and its source.
    auto r = act(manager_, reference, {{"action", "assign"}, {"handler", "piet@focus.nl"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body)["error"]["rule"], "handler_not_subject");
    EXPECT_EQ(json::parse(r.body)["error"]["source"], "003 §Werkwijze 1");
    EXPECT_EQ(json::parse(r.body)["error"]["message"],
              "geweigerd door regel 'handler_not_subject' (003 §Werkwijze 1): De afhandelaar van de klacht "
              "is nooit degene "
              "die de dienst heeft verleend waarop de klacht betrekking heeft.");
    // A quality manager may not assign: 403.
    EXPECT_EQ(act(quality_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}}).status, 403);
    // Closing is not possible in this stage: 409.
    EXPECT_EQ(act(quality_, reference, {{"action", "close"}, {"erp_reference", "x"}}).status, 409);
    // A required field is missing: 422 with the field.
    r = act(manager_, reference, {{"action", "assign"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "handler");
    // Unknown action: 400.
    EXPECT_EQ(act(manager_, reference, {{"action", "rubber_stamp"}}).status, 400);
    r = act(manager_, reference,
            {{"action", "assign"}, {"handler", "karin@focus.nl"}, {"at", "2027-01-14T11:00:00+01:00"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["stage"], "in_behandeling");
    EXPECT_EQ(json::parse(r.body)["version"], 2);
}

TEST_P(ApiTest, IfMatchGuardsAgainstLostUpdates) {
    const std::string reference = intake(manager_);
    auto stale = act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}},
                     {{"If-Match", "\"7\""}});
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(error_code(stale), "version_mismatch");
    auto ok = act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}},
                  {{"If-Match", "\"1\""}});
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.headers["etag"], "\"2\"");
    EXPECT_EQ(act(manager_, reference, {{"action", "contact"}, {"contact_method", "telefonisch"}},
                  {{"If-Match", "x"}})
                  .status,
              400);
}

TEST_P(ApiTest, LettersAreGeneratedWithTheCasesData) {
    const std::string reference = intake(manager_);
    ASSERT_EQ(act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}}).status, 200);
    auto r = act(karin_, reference,
                 {{"action", "offer"},
                  {"verdict", "gegrond"},
                  {"compensation", "genoegdoening"},
                  {"offer", "Een gratis extra sessie"}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto letters = json::parse(r.body)["letters"];
    ASSERT_EQ(letters.size(), 1u);
    EXPECT_EQ(letters[0]["letter"], "bevestiging_aanbod");
    const std::string text = letters[0]["body"];
    EXPECT_NE(text.find("Geachte J. de Vries"), std::string::npos) << text;
    EXPECT_NE(text.find("Een gratis extra sessie"), std::string::npos) << text;
    EXPECT_NE(text.find("uw klacht is gegrond"), std::string::npos) << text;
    EXPECT_NE(text.find("karin (karin@focus.nl)"), std::string::npos) << text;
    EXPECT_NE(text.find(reference), std::string::npos);
}

// Gelukwerkt's referral letter sends the complainant to the complaint form on the website (001
// §Procedure 3): a letter is read away from any page, so the address is absolute, from the server's
// public address.
TEST_P(ApiTest, TheReferralLetterLinksTheComplaintFormByItsFullAddress) {
    server_->create_org("gelukwerkt", "gelukwerkt");
    const std::string officer =
        server_->create_user("gelukwerkt", "klachten@gelukwerkt.nl", "complaints_officer");
    auto r = call("POST", "/api/v1/orgs/gelukwerkt/cases", officer,
                  json{{"kind", "dissatisfaction"},
                       {"channel", "phone"},
                       {"received_at", "2027-01-14T10:00:00+01:00"},
                       {"subject", "Onvriendelijk te woord gestaan"},
                       {"description", "-"},
                       {"complainant", {{"name", "M. Bos"}, {"email", "m.bos@example.nl"}}}}
                      .dump());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string reference = json::parse(r.body)["reference"];
    r = call("POST", "/api/v1/orgs/gelukwerkt/cases/" + reference + "/actions", officer,
             json{{"action", "refer"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string text = json::parse(r.body)["letters"].at(0)["body"];
    const std::string site = "http://127.0.0.1:" + std::to_string(server_->port());
    EXPECT_NE(text.find(site + "/gelukwerkt/klacht"), std::string::npos) << text;
    EXPECT_NE(text.find(site + "/gelukwerkt/procedure"), std::string::npos) << text;
}

TEST_P(ApiTest, RegisterFiltersSearchAndPages) {
    for (int i = 0; i < 3; ++i)
        intake(manager_, {{"subject", "Afspraak " + std::to_string(i)}});
    intake(manager_, {{"subject", "Factuur"}, {"description", "Het bedrag op de factuur is te hoog."}});
    auto page = json::parse(call("GET", "/api/v1/orgs/focus/cases?limit=2", manager_).body);
    ASSERT_EQ(page["cases"].size(), 2u);
    ASSERT_TRUE(page["next_cursor"].is_string());
    auto next = json::parse(
        call("GET", "/api/v1/orgs/focus/cases?limit=2&cursor=" + page["next_cursor"].get<std::string>(),
             manager_)
            .body);
    EXPECT_EQ(next["cases"].size(), 2u);
    auto found = json::parse(call("GET", "/api/v1/orgs/focus/cases?q=factuur", manager_).body);
    ASSERT_EQ(found["cases"].size(), 1u);
    EXPECT_EQ(found["cases"][0]["subject"], "Factuur");
    EXPECT_EQ(
        json::parse(call("GET", "/api/v1/orgs/focus/cases?overdue=true", manager_).body)["cases"].size(), 4u);
    EXPECT_EQ(
        json::parse(call("GET", "/api/v1/orgs/focus/cases?stage=afgesloten", manager_).body)["cases"].size(),
        0u);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases?limit=0", manager_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases?due_before=14-01-2027", manager_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases?q=%22%29%3B%20DROP", manager_).status, 200);
    // A search without words in it is no search: every case, on both databases.
    for (const char* blank : {"%20", "%22", "%22%20%22"}) {
        auto all = call("GET", std::string("/api/v1/orgs/focus/cases?q=") + blank, manager_);
        ASSERT_EQ(all.status, 200) << blank;
        EXPECT_EQ(json::parse(all.body)["cases"].size(), 4u) << blank;
    }
}

TEST_P(ApiTest, DocumentsUploadListDownload) {
    const std::string reference = intake(manager_);
    const std::string pdf("%PDF-1.4\n\0\xff binary", 19);
    auto up =
        call("POST", "/api/v1/orgs/focus/cases/" + reference + "/documents?name=brief.pdf&visibility=shared",
             manager_, pdf, {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(up.status, 201) << up.body;
    const auto doc = json::parse(up.body);
    EXPECT_EQ(doc["visibility"], "shared");
    EXPECT_EQ(doc["size"], 19);
    auto down =
        call("GET", "/api/v1/orgs/focus/cases/" + reference + "/documents/" + doc["id"].get<std::string>(),
             manager_);
    EXPECT_EQ(down.status, 200);
    EXPECT_EQ(down.body, pdf);
    EXPECT_EQ(down.headers["content-type"], "application/pdf");
    auto list =
        json::parse(call("GET", "/api/v1/orgs/focus/cases/" + reference + "/documents", manager_).body);
    EXPECT_EQ(list["documents"].size(), 1u);
    EXPECT_EQ(call("POST", "/api/v1/orgs/focus/cases/" + reference + "/documents?name=x.exe", manager_, "MZ",
                   {{"Content-Type", "application/x-msdownload"}})
                  .status,
              415);
    EXPECT_EQ(call("POST", "/api/v1/orgs/focus/cases/" + reference + "/documents?name=big.pdf", manager_,
                   std::string(11 * 1024 * 1024, 'x'), {{"Content-Type", "application/pdf"}})
                  .status,
              413);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference + "/documents/d9", manager_).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/" + reference + "/documents/d1", mos_coordinator_).status,
              404);
}

// A committee sees the complaints put before it in its own organisation, never another's: a second
// organisation running the same procedure escalates a complaint, and the first one's committee
// neither lists it nor can open it.
TEST_P(ApiTest, ACommitteeSeesOnlyItsOwnOrganisationsEscalatedComplaints) {
    server_->create_org("mos2", "mos");
    const std::string other = server_->create_user("mos2", "secretariaat@mos2.nl", "coordinator");
    const std::string committee = server_->create_user("mos", "commissie@mos.nl", "committee");
    const std::string reference = intake(other, {{"about", json::array()}}, "mos2");
    auto r = call("POST", "/api/v1/orgs/mos2/cases/" + reference + "/actions", other,
                  json{{"action", "escalate"}, {"reason", "Geen oplossing"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    r = call("GET", "/api/v1/orgs/mos/cases", committee);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(json::parse(r.body)["cases"].empty()) << r.body;
    EXPECT_EQ(call("GET", "/api/v1/orgs/mos2/cases/" + reference, committee).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/orgs/mos/cases/" + reference, committee).status, 404);
}

// The employee a M.O.S. complaint is about sees its shared documents only (002 §Interne
// klachtenafhandeling), also when the secretary has just read the case with the whole dossier: the
// server's cache of rendered cases never hands one reader's view to another.
TEST_P(ApiTest, TheEmployeeConcernedNeverGetsTheSecretarysViewOfTheDossier) {
    const std::string sanne = server_->create_user("mos", "sanne@mos.nl", "employee");
    const std::string reference = intake(mos_coordinator_, {{"about", {"sanne@mos.nl"}}}, "mos");
    const std::string path = "/api/v1/orgs/mos/cases/" + reference;
    ASSERT_EQ(call("POST", path + "/documents?name=notitie.txt&visibility=internal", mos_coordinator_,
                   "Interne notitie", {{"Content-Type", "text/plain"}})
                  .status,
              201);
    for (int round = 0; round < 2; ++round) {
        auto secretary = call("GET", path, mos_coordinator_);
        ASSERT_EQ(secretary.status, 200);
        EXPECT_NE(secretary.body.find("notitie.txt"), std::string::npos);
        auto employee = call("GET", path, sanne);
        ASSERT_EQ(employee.status, 200) << employee.body;
        EXPECT_EQ(employee.body.find("notitie.txt"), std::string::npos) << employee.body;
    }
}

TEST_P(ApiTest, BadInputIsAClearErrorNeverA500) {
    EXPECT_EQ(call("POST", "/api/v1/orgs/focus/cases", manager_, "{not json").status, 400);
    EXPECT_EQ(call("POST", "/api/v1/orgs/focus/cases", manager_, "[1,2]").status, 400);
    EXPECT_EQ(
        call("POST", "/api/v1/orgs/focus/cases", manager_, "{}", {{"Content-Type", "text/plain"}}).status,
        415);
    auto r = call("POST", "/api/v1/orgs/focus/cases", manager_, json{{"kind", 5}}.dump());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "kind");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_, json{{"kind", "lawsuit"}}.dump());
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "kind");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"about_text", std::string(201, 'x')}}.dump());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "about_text");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"received_at", "14-01-2027"}}.dump());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "received_at");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"received_at", "2030-01-01"}}.dump());
    EXPECT_EQ(r.status, 422);
    // Something that happened after the complaint about it was received.
    r = call(
        "POST", "/api/v1/orgs/focus/cases", manager_,
        json{
            {"kind", "complaint"}, {"received_at", "2027-01-14T10:00:00+01:00"}, {"event_date", "2027-01-15"}}
            .dump());
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "event_date");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"event_date", "2027-02-30"}}.dump());
    EXPECT_EQ(r.status, 400);
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"channel", "pigeon"}}.dump());
    EXPECT_EQ(r.status, 400);
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"complainant", {{"name", "X"}, {"group", "ja"}}}}.dump());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "complainant.group");
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"description", std::string(30000, 'x')}}.dump());
    EXPECT_EQ(r.status, 400);
    // A body over the limit is refused from its Content-Length, before it is read.
    const std::string huge = meldpunt::testing::raw_request(
        server_->port(),
        "POST /api/v1/orgs/focus/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 13631488\r\n\r\n{");
    EXPECT_NE(huge.find("HTTP/1.1 413"), std::string::npos) << huge;
    EXPECT_EQ(call("GET", "/api/v1/nothing", manager_).status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/orgs/focus/cases", manager_).status, 405);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/%zz", manager_).status, 400);
    const std::string garbage = meldpunt::testing::raw_request(server_->port(), "GARBAGE\r\n\r\n");
    EXPECT_NE(garbage.find("400"), std::string::npos) << garbage;
    EXPECT_EQ(call("GET", "/healthz", "").status, 200);
}

// The demo replaces its accounts' tokens at every start: the old ones stop working.
TEST_P(ApiTest, ReplacedTokensStopWorking) {
    auto second = meldpunt::service::Directory(server_->store())
                      .issue_token("focus", "anna@focus.nl", "test", server_->now());
    ASSERT_TRUE(second.has_value());
    auto fresh = meldpunt::service::Directory(server_->store())
                     .replace_tokens("focus", "anna@focus.nl", "test", server_->now());
    ASSERT_TRUE(fresh.has_value());
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", manager_).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", *second).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases", *fresh).status, 200);
    EXPECT_FALSE(meldpunt::service::Directory(server_->store())
                     .replace_tokens("focus", "nobody@focus.nl", "test", meldpunt::calendar::Instant{}));
}

// Large bodies being read at one moment share a budget, and one client gets a share of it: a
// sender that starts an upload and stalls holds its bytes, and an upload that does not fit is
// answered 503 without being kept. Clients are told apart by X-Forwarded-For here.
TEST_P(ApiTest, LargeBodiesTogetherStayWithinTheirBudget) {
    meldpunt::testing::TestServer server(meldpunt::testing::fresh_database(GetParam()), [](auto& options) {
        options.large_body_budget = 5 << 20;
        options.large_body_share = 3 << 20;
        options.trust_forwarded_for = true;
    });
    server.create_org("focus", "focus");
    const std::string token = server.create_user("focus", "anna@focus.nl", "manager");
    const std::string path = "/api/v1/orgs/focus/cases/2027-000001/documents?name=a.pdf";
    auto upload = [&](const std::string& client) {
        return http_request(server.port(), "POST", path,
                            {{"Authorization", "Bearer " + token},
                             {"Content-Type", "application/pdf"},
                             {"X-Forwarded-For", client}},
                            std::string(2 << 20, 'x'));
    };
    // Waits until the server, in its own time, has reserved or given back bytes (a stalled header
    // is read concurrently; an answered upload gives its bytes back just after its answer).
    auto reserved = [&](size_t bytes) {
        for (int i = 0; i < 500 && server.http_server().large_body_bytes() != bytes; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return server.http_server().large_body_bytes() == bytes;
    };
    namespace net = boost::asio;
    net::io_context io;
    auto stall = [&](const std::string& client) {
        net::ip::tcp::socket socket(io);
        socket.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server.port())});
        net::write(socket,
                   net::buffer("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                               "\r\nX-Forwarded-For: " + client +
                               "\r\nContent-Type: application/pdf\r\nContent-Length: 2097152\r\n\r\n%PDF"));
        return socket;
    };
    auto a = stall("198.51.100.1");
    ASSERT_TRUE(reserved(2 << 20));
    auto busy = upload("198.51.100.1");  // 2 + 2 MiB: over one client's share of 3
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.headers["retry-after"], "5");
    EXPECT_EQ(upload("198.51.100.3").status, 404);  // another client: read and handled (no such case)
    ASSERT_TRUE(reserved(2 << 20));
    auto b = stall("198.51.100.2");
    ASSERT_TRUE(reserved(4 << 20));
    EXPECT_EQ(upload("198.51.100.3").status, 503);  // 2 + 2 + 2 MiB: over the budget of 5
    a.close();                                      // its bytes come back
    ASSERT_TRUE(reserved(2 << 20));
    EXPECT_EQ(upload("198.51.100.3").status, 404);
    b.close();
    EXPECT_TRUE(reserved(0));
}

TEST_P(ApiTest, TextThatIsNotCleanUtf8IsRefusedAt400) {
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/%FF", manager_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases/2027-000001%00x", manager_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/orgs/focus/cases?q=%C3%28", manager_).status, 400);
    auto r = call("POST", "/api/v1/orgs/focus/cases", manager_,
                  R"({"kind":"complaint","description":"a\u0000b"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "description");
    const std::string reference = intake(manager_);
    r = act(manager_, reference, {{"action", "assign"}, {"handler", std::string("karin\x01@focus.nl")}});
    EXPECT_EQ(r.status, 400);
    // Line breaks are fine in multi-line text.
    r = call("POST", "/api/v1/orgs/focus/cases", manager_,
             json{{"kind", "complaint"}, {"description", "regel 1\nregel 2"}}.dump());
    EXPECT_EQ(r.status, 201);
}

TEST_P(ApiTest, ARefusedIntakeUsesNoReferenceNumber) {
    EXPECT_EQ(call("POST", "/api/v1/orgs/focus/cases", manager_, json{{"kind", "lawsuit"}}.dump()).status,
              422);
    EXPECT_EQ(intake(manager_), "2027-000001");
}

TEST_P(ApiTest, IdempotencyKeysBelongToTheirSender) {
    const std::string body = json{{"kind", "complaint"}, {"channel", "web"}}.dump();
    auto a = call("POST", "/api/v1/orgs/focus/cases", manager_, body, {{"Idempotency-Key", "same"}});
    auto b = call("POST", "/api/v1/orgs/focus/cases", quality_, body, {{"Idempotency-Key", "same"}});
    ASSERT_EQ(a.status, 201);
    ASSERT_EQ(b.status, 201);
    EXPECT_NE(json::parse(a.body)["reference"], json::parse(b.body)["reference"]);
}

TEST_P(ApiTest, MadeUpMethodsDoNotGrowTheMetrics) {
    for (int i = 0; i < 3; ++i)
        call("X" + std::to_string(i), "/healthz", "");
    const std::string metrics = call("GET", "/metrics", "").body;
    EXPECT_EQ(metrics.find("method=\"X1\""), std::string::npos);
    EXPECT_NE(metrics.find("method=\"other\""), std::string::npos) << metrics;
}

TEST_P(ApiTest, ConcurrentIntakesGetUniqueReferences) {
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::set<std::string> references;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                auto r = call("POST", "/api/v1/orgs/focus/cases", manager_,
                              json{{"kind", "complaint"}, {"channel", "web"}}.dump());
                std::lock_guard lock(mutex);
                EXPECT_EQ(r.status, 201) << r.body;
                references.insert(json::parse(r.body, nullptr, false).value("reference", ""));
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(references.size(), 40u);
}

TEST_P(ApiTest, EveryChangeIsInTheAuditTrailAndTheChainHolds) {
    const std::string reference = intake(manager_);
    act(manager_, reference, {{"action", "assign"}, {"handler", "karin@focus.nl"}});
    const auto verified = meldpunt::service::verify_audit(server_->store());
    EXPECT_TRUE(verified.intact);
    // 2 organisations, 5 accounts, 1 intake, 1 action.
    EXPECT_EQ(verified.entries, 9);
}

TEST_P(ApiTest, MetricsAndHealth) {
    intake(manager_);
    auto metrics = call("GET", "/metrics", "");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("meldpunt_http_requests_total{method=\"POST\",route=\"/api/v1/orgs/{org}/"
                                "cases\",status=\"201\"} 1"),
              std::string::npos)
        << metrics.body;
}

// Issue 15: a body in a transfer coding other than chunked alone was read as an empty body; it is
// refused unread, and the connection closes (what follows cannot be told apart from the body).
TEST_P(ApiTest, ABodyInAnUnknownTransferCodingIsRefusedNotReadAsEmpty) {
    const std::string body =
        json{{"kind", "complaint"}, {"channel", "phone"}, {"subject", "Via gzip"}}.dump();
    for (const std::string coding : {"gzip", "gzip, chunked", "identity", "chunked, chunked"}) {
        const std::string answer = meldpunt::testing::raw_request(
            server_->port(),
            "POST /api/v1/orgs/focus/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + manager_ +
                "\r\nContent-Type: application/json\r\nTransfer-Encoding: " + coding + "\r\n\r\n" + body);
        EXPECT_NE(answer.find("HTTP/1.1 501"), std::string::npos) << coding << ": " << answer;
        EXPECT_NE(answer.find("unsupported_transfer_coding"), std::string::npos) << answer;
    }
    // Chunked alone is read as it always was.
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    const std::string chunked = meldpunt::testing::raw_request(
        server_->port(),
        "POST /api/v1/orgs/focus/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + manager_ +
            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: "
            "close\r\n\r\n" +
            size + "\r\n" + body + "\r\n0\r\n\r\n");
    EXPECT_NE(chunked.find("HTTP/1.1 201"), std::string::npos) << chunked;
    const auto list = json::parse(call("GET", "/api/v1/orgs/focus/cases", manager_).body);
    EXPECT_EQ(list["cases"].size(), 1u) << list.dump();
}

// Issue 15: API answers may hold personal data: no cache keeps them, and no browser guesses their type.
TEST_P(ApiTest, AnswersAreNotCachedNorSniffed) {
    for (const auto& target : {"/api/v1/orgs/focus/cases", "/api/v1/nothing", "/healthz"}) {
        auto r = call("GET", target, manager_);
        EXPECT_EQ(r.headers["cache-control"], "no-store") << target;
        EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << target;
    }
    auto refused = call("GET", "/api/v1/orgs/focus/cases", "");
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.headers["cache-control"], "no-store");
}

// Issue 15: a case could be registered as received in the year 0.
TEST_P(ApiTest, AMomentBefore1970IsRefused) {
    for (const std::string when : {"0000-01-01T10:00:00+01:00", "1969-12-31T23:59:59Z"}) {
        const auto r = call("POST", "/api/v1/orgs/focus/cases", manager_,
                            json{{"kind", "complaint"}, {"channel", "phone"}, {"received_at", when}}.dump());
        EXPECT_EQ(r.status, 422) << when << " " << r.body;
        EXPECT_NE(r.body.find("before_1970"), std::string::npos) << r.body;
    }
    EXPECT_EQ(
        call(
            "POST", "/api/v1/orgs/focus/cases", manager_,
            json{{"kind", "complaint"}, {"channel", "phone"}, {"received_at", "1970-01-01T00:00:00Z"}}.dump())
            .status,
        201);
}

// Issue 15: /metrics answered anyone. This machine's own scraper reads them; a request passed on
// by a proxy, or from elsewhere, shows the metrics token.
TEST_P(ApiTest, MetricsAreForThisMachineOrWithTheMetricsToken) {
    EXPECT_EQ(call("GET", "/metrics", "").status, 200);
    const std::vector<std::pair<std::string, std::string>> proxied{{"X-Forwarded-For", "203.0.113.9"}};
    auto r = call("GET", "/metrics", "", "", proxied);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body.find("meldpunt_http_requests_total"), std::string::npos);
    EXPECT_EQ(call("GET", "/metrics", manager_, "", proxied).status, 401);  // an API token is not it
    EXPECT_EQ(call("GET", "/metrics", "", "", {{"Forwarded", "for=203.0.113.9"}}).status, 401);
    server_->api_context().metrics_token = std::string(40, 'k');
    EXPECT_EQ(call("GET", "/metrics", std::string(39, 'k'), "", proxied).status, 401);
    r = call("GET", "/metrics", std::string(40, 'k'), "", proxied);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("meldpunt_http_requests_total"), std::string::npos);
    // Behind a proxy that adds no header of its own, loopback is the proxy: the token is asked.
    server_->api_context().behind_proxy = true;
    EXPECT_EQ(call("GET", "/metrics", "").status, 401);
    EXPECT_EQ(call("GET", "/metrics", std::string(40, 'k')).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
