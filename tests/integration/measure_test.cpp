// The register of improvement measures (issue 13) through the API and the sweep, on both backends:
// Focus's managers and quality manager propose, the quality manager or the director decides
// (policies/focus.toml [measures]), the owner carries it out and is told, reminded and, with the
// director, told when it is overdue, each once; who may read and change what; every change audited.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "service/directory.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using meldpunt::testing::http_request;
using nlohmann::json;

class MeasureTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        quality_ = server_->create_user("focus", "els@focus.nl", "quality_manager");
        director_ = server_->create_user("focus", "bert@focus.nl", "director");
        owner_ = server_->create_user("focus", "otto@focus.nl", "employee");
        server_->create_org("mos", "mos");
        other_org_ = server_->create_user("mos", "secretaris@mos.nl", "coordinator");
        reference_ =
            meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_, "2027-03-01T10:00:00+01:00");
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        sweeper_->set_public_url("https://klachten.focus.nl");
    }

    meldpunt::testing::HttpResult call(const std::string& token, const std::string& method,
                                       const std::string& path, const json& body = nullptr) {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token}};
        if (!body.is_null())
            headers.push_back({"Content-Type", "application/json"});
        return http_request(server_->port(), method, "/api/v1/orgs/focus" + path, headers,
                            body.is_null() ? "" : body.dump());
    }
    static json body_of(const meldpunt::testing::HttpResult& r) {
        return json::parse(r.body, nullptr, false);
    }

    json proposal() const {
        return {{"title", "Afspraken van coaches in de gedeelde agenda"},
                {"reason", "Een coach kwam niet opdagen; de afspraak stond alleen in zijn eigen agenda."},
                {"cases", {reference_}},
                {"causes", {"planning of agenda"}}};
    }

    // The messages about measures in the outbox, as "cause recipient".
    std::vector<std::string> measure_messages() {
        std::vector<std::string> out;
        server_->store().read([&](storage::Tx& tx) {
            for (const auto& d : tx.outbox.of_case("focus", ""))
                if (d.cause.starts_with("measure:"))
                    out.push_back(d.cause + " " + d.recipient);
        });
        std::sort(out.begin(), out.end());
        return out;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_, quality_, director_, owner_, other_org_, reference_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::Sweeper> sweeper_;
};

TEST_P(MeasureTest, AProposalIsDecidedCarriedOutAndAudited) {
    server_->set_now("2027-03-10T09:00:00+01:00");
    auto proposed = call(manager_, "POST", "/measures", proposal());
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    auto m = body_of(proposed);
    EXPECT_EQ(m["number"], 1);
    EXPECT_EQ(m["status"], "proposed");
    EXPECT_EQ(m["cases"], json::array({reference_}));
    EXPECT_EQ(m["causes"], json::array({"planning of agenda"}));
    EXPECT_EQ(m["proposed_by"], "anna@focus.nl");
    EXPECT_EQ(m["steps"], json::array());  // a manager of Focus proposes; deciding is not theirs
    EXPECT_EQ(body_of(call(manager_, "POST", "/measures", proposal()))["number"], 2);

    // Deciding needs an owner and a due day; the quality manager gives them and decides.
    auto early = call(quality_, "POST", "/measures/1/steps", {{"step", "decide"}});
    EXPECT_EQ(early.status, 422);
    EXPECT_EQ(body_of(early)["error"]["code"], "missing_owner");
    auto edited = proposal();
    edited["owner"] = "otto@focus.nl";
    edited["due"] = "2027-04-29";
    edited["version"] = 1;
    auto put = call(quality_, "PATCH", "/measures/1", edited);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(body_of(put)["version"], 2);
    EXPECT_EQ(call(quality_, "PATCH", "/measures/1", edited).status, 412);  // version 1 is gone
    auto decided = call(quality_, "POST", "/measures/1/steps", {{"step", "decide"}, {"version", 2}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(body_of(decided)["status"], "decided");
    EXPECT_EQ(body_of(decided)["decided_by"], "els@focus.nl");
    EXPECT_EQ(measure_messages(), std::vector<std::string>{"measure:1:decided otto@focus.nl"});

    // The owner reads their measure (not the others), starts, and shows what was done.
    auto mine = body_of(call(owner_, "GET", "/measures"));
    ASSERT_EQ(mine["measures"].size(), 1u);
    EXPECT_EQ(mine["measures"][0]["number"], 1);
    EXPECT_EQ(call(owner_, "GET", "/measures/2").status, 404);
    EXPECT_EQ(body_of(call(owner_, "GET", "/measures/1"))["steps"], json::array({"start", "complete"}));
    EXPECT_EQ(call(owner_, "POST", "/measures/1/steps", {{"step", "drop"}, {"note", "geen zin"}}).status,
              403);
    EXPECT_EQ(call(owner_, "POST", "/measures/1/steps", {{"step", "start"}}).status, 200);
    auto bare = call(owner_, "POST", "/measures/1/steps", {{"step", "complete"}});
    EXPECT_EQ(bare.status, 422);
    EXPECT_EQ(body_of(bare)["error"]["code"], "missing_evidence");
    auto done = call(owner_, "POST", "/measures/1/steps",
                     {{"step", "complete"}, {"note", "Alle coaches delen hun agenda sinds 1 april."}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(body_of(done)["status"], "done");
    EXPECT_EQ(body_of(done)["outcome"], "Alle coaches delen hun agenda sinds 1 april.");
    EXPECT_EQ(call(quality_, "POST", "/measures/1/steps", {{"step", "drop"}, {"note", "x"}}).status, 409);
    EXPECT_EQ(body_of(done)["history"].size(), 5u);  // proposed, edited, decided, started, done

    // Giving up the second one needs a reason.
    EXPECT_EQ(call(director_, "POST", "/measures/2/steps", {{"step", "drop"}}).status, 422);
    EXPECT_EQ(body_of(call(director_, "POST", "/measures/2/steps",
                           {{"step", "drop"}, {"note", "Dubbel met 1."}}))["status"],
              "not_done");

    std::vector<std::string> audited;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 1000))
            if (e.action.starts_with("measure."))
                audited.push_back(e.action + " " + e.subject);
    });
    EXPECT_EQ(audited, (std::vector<std::string>{"measure.propose measure:1", "measure.propose measure:2",
                                                 "measure.edit measure:1", "measure.decide measure:1",
                                                 "measure.start measure:1", "measure.complete measure:1",
                                                 "measure.drop measure:2"}));
    // The year's report counts them, and its publication shows the same (the organisation's own actions).
    const json counted = {{"proposed", 2}, {"decided", 1},     {"done", 1},
                          {"not_done", 1}, {"open_at_end", 0}, {"overdue_at_end", 0}};
    auto report = body_of(call(quality_, "GET", "/reports/2027"));
    EXPECT_EQ(report["measures"], counted) << report.dump();
    EXPECT_EQ(report["previous_measures"]["proposed"], 0);
    EXPECT_EQ(body_of(call(quality_, "GET", "/reports/2027/publication"))["measures"], counted);
    // The case knows the measures it led to.
    std::vector<int64_t> of_case;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& s : tx.measures.of_case("focus", reference_))
            of_case.push_back(s.measure.number);
    });
    EXPECT_EQ(of_case, (std::vector<int64_t>{2, 1}));
}

TEST_P(MeasureTest, TheOwnerIsRemindedAndTheDirectorToldWhenItIsOverdueEachOnce) {
    server_->set_now("2027-03-10T09:00:00+01:00");
    auto body = proposal();
    body["owner"] = "otto@focus.nl";
    body["due"] = "2027-04-29";  // Thursday; King's Day is Tuesday 27 April
    ASSERT_EQ(call(quality_, "POST", "/measures", body).status, 201);
    ASSERT_EQ(call(quality_, "POST", "/measures/1/steps", {{"step", "decide"}}).status, 200);
    const auto at = meldpunt::testing::amsterdam_instant;
    EXPECT_EQ(sweeper_->sweep(at("2027-04-20T07:00:00+02:00")).measure_notices, 0);  // before the reminder
    // Five working days before Thursday 29 April, King's Day skipped: Wednesday 21 April.
    EXPECT_EQ(sweeper_->sweep(at("2027-04-21T07:00:00+02:00")).measure_notices, 1);
    EXPECT_EQ(sweeper_->sweep(at("2027-04-21T18:00:00+02:00")).measure_notices, 0);
    EXPECT_EQ(measure_messages(), (std::vector<std::string>{"measure:1:decided otto@focus.nl",
                                                            "measure:1:reminder:2027-04-29 otto@focus.nl"}));
    EXPECT_EQ(sweeper_->sweep(at("2027-04-29T18:00:00+02:00")).measure_notices, 0);  // due today: not yet
    // The first working day after the due day: the owner and the director.
    EXPECT_EQ(sweeper_->sweep(at("2027-04-30T07:00:00+02:00")).measure_notices, 2);
    EXPECT_EQ(sweeper_->sweep(at("2027-05-03T07:00:00+02:00")).measure_notices, 0);
    EXPECT_EQ(measure_messages(), (std::vector<std::string>{"measure:1:decided otto@focus.nl",
                                                            "measure:1:overdue:2027-04-29 bert@focus.nl",
                                                            "measure:1:overdue:2027-04-29 otto@focus.nl",
                                                            "measure:1:reminder:2027-04-29 otto@focus.nl"}));
    server_->set_now("2027-04-30T09:00:00+02:00");
    auto overdue = body_of(call(quality_, "GET", "/measures/1"));
    EXPECT_TRUE(overdue["overdue"]);
    // A new due day brings its own reminder; the notice names the measure and links to it.
    auto later = proposal();
    later["owner"] = "otto@focus.nl";
    later["due"] = "2027-06-30";
    ASSERT_EQ(call(quality_, "PATCH", "/measures/1", later).status, 200);
    EXPECT_FALSE(body_of(call(quality_, "GET", "/measures/1"))["overdue"]);
    EXPECT_EQ(sweeper_->sweep(at("2027-06-23T07:00:00+02:00")).measure_notices, 1);
    std::string body_text;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", ""))
            if (d.cause == "measure:1:reminder:2027-06-30")
                body_text = d.subject + "\n" + d.body;
    });
    EXPECT_NE(body_text.find("Afspraken van coaches in de gedeelde agenda"), std::string::npos) << body_text;
    EXPECT_NE(body_text.find("30 juni 2027"), std::string::npos) << body_text;
    EXPECT_NE(body_text.find("https://klachten.focus.nl/werk/maatregelen/1"), std::string::npos) << body_text;
    // Done: nothing more.
    ASSERT_EQ(call(owner_, "POST", "/measures/1/steps", {{"step", "complete"}, {"note", "Gedaan."}}).status,
              200);
    EXPECT_EQ(sweeper_->sweep(at("2027-07-01T07:00:00+02:00")).measure_notices, 0);
}

// The reminders follow the procedure in force: a version without [measures] stops them, and when a
// version with them is put in force again, the next sweep reminds of what came due meanwhile.
TEST_P(MeasureTest, AProcedureVersionWithoutMeasuresStopsTheRemindersAndALaterOneBringsThemBack) {
    server_->set_now("2027-03-10T09:00:00+01:00");
    auto body = proposal();
    body["owner"] = "otto@focus.nl";
    body["due"] = "2027-04-29";
    ASSERT_EQ(call(quality_, "POST", "/measures", body).status, 201);
    ASSERT_EQ(call(quality_, "POST", "/measures/1/steps", {{"step", "decide"}}).status, 200);
    std::ifstream file(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml");
    std::stringstream text;
    text << file.rdbuf();
    const std::string with_measures = text.str();
    std::string without = with_measures;
    const auto begin = without.find("[measures]");
    ASSERT_NE(begin, std::string::npos);
    without.erase(begin, without.find("[[assumption]]", begin) - begin);
    const auto at = meldpunt::testing::amsterdam_instant;
    service::Directory directory(server_->store());
    const auto version_two =
        directory.add_procedure_version("focus", without, "beheer@focus.nl", at("2027-04-01T09:00:00+02:00"));
    ASSERT_TRUE(version_two.ok());
    ASSERT_TRUE(directory
                    .activate_procedure_version("focus", version_two.value(), "beheer@focus.nl",
                                                at("2027-04-01T09:05:00+02:00"))
                    .ok());
    EXPECT_EQ(sweeper_->sweep(at("2027-04-21T07:00:00+02:00")).measure_notices, 0);  // no reminder now
    EXPECT_EQ(sweeper_->sweep(at("2027-04-30T07:00:00+02:00")).measure_notices, 0);
    server_->store().read([&](storage::Tx& tx) { EXPECT_FALSE(tx.measures.get("focus", 1)->review_on); });
    const auto version_three = directory.add_procedure_version("focus", with_measures, "beheer@focus.nl",
                                                               at("2027-05-03T09:00:00+02:00"));
    ASSERT_TRUE(version_three.ok());
    ASSERT_TRUE(directory
                    .activate_procedure_version("focus", version_three.value(), "beheer@focus.nl",
                                                at("2027-05-03T09:05:00+02:00"))
                    .ok());
    // The reminder and the overdue notice both came due while no version asked for them: the
    // overdue notice goes out, a reminder that the day is coming would be no news.
    EXPECT_EQ(sweeper_->sweep(at("2027-05-03T10:00:00+02:00")).measure_notices, 2);
    EXPECT_EQ(measure_messages(), (std::vector<std::string>{"measure:1:decided otto@focus.nl",
                                                            "measure:1:overdue:2027-04-29 bert@focus.nl",
                                                            "measure:1:overdue:2027-04-29 otto@focus.nl"}));
    EXPECT_EQ(sweeper_->sweep(at("2027-05-04T10:00:00+02:00")).measure_notices, 0);
}

TEST_P(MeasureTest, WhoMayReadAndChangeAndWhatIsRefused) {
    server_->set_now("2027-03-10T09:00:00+01:00");
    EXPECT_EQ(call(owner_, "POST", "/measures", proposal()).status,
              403);  // an employee of Focus proposes nothing
    ASSERT_EQ(call(manager_, "POST", "/measures", proposal()).status, 201);
    EXPECT_EQ(body_of(call(owner_, "GET", "/measures"))["measures"].size(), 0u);
    EXPECT_EQ(call(owner_, "GET", "/measures/1").status, 404);
    EXPECT_EQ(call(owner_, "POST", "/measures/1/steps", {{"step", "start"}}).status, 404);
    // Another organisation's register is not there for them.
    EXPECT_EQ(http_request(server_->port(), "GET", "/api/v1/orgs/focus/measures/1",
                           {{"Authorization", "Bearer " + other_org_}})
                  .status,
              404);
    EXPECT_EQ(http_request(server_->port(), "GET", "/api/v1/orgs/mos/measures",
                           {{"Authorization", "Bearer " + manager_}})
                  .status,
              404);
    for (const char* path : {"/measures/0", "/measures/x", "/measures/99999999999999999999", "/measures/-1"})
        EXPECT_EQ(call(manager_, "GET", path).status, 404) << path;
    auto with = [&](const char* key, const json& value) {
        auto b = proposal();
        b[key] = value;
        return call(manager_, "POST", "/measures", b);
    };
    EXPECT_EQ(with("cases", {"FOCUS-1999-9999"}).status, 422);
    EXPECT_EQ(with("cases", "nope").status, 400);
    EXPECT_EQ(with("owner", "niemand@focus.nl").status, 422);
    EXPECT_EQ(with("owner", "secretaris@mos.nl").status, 422);  // not one of Focus's people
    EXPECT_EQ(with("due", "29-04-2027").status, 400);
    EXPECT_EQ(with("unit", "onbekend").status, 422);
    EXPECT_EQ(with("causes", {"Afspraak niet gedeeld"}).status, 422);  // not one of Focus's causes
    EXPECT_EQ(with("title", "").status, 422);
    EXPECT_EQ(with("title", std::string(301, 'x')).status, 400);
    EXPECT_EQ(with("title", "twee\nregels").status, 400);
    EXPECT_EQ(with("colour", "blauw").status, 400);
    EXPECT_EQ(call(manager_, "POST", "/measures/1/steps", {{"step", "jump"}}).status, 400);
    EXPECT_EQ(call(manager_, "POST", "/measures/1/steps", {{"note", "x"}}).status, 400);
    EXPECT_EQ(call(manager_, "POST", "/measures/1/steps", {{"step", "decide"}}).status, 403);
    // Nothing refused was written.
    EXPECT_EQ(body_of(call(manager_, "GET", "/measures"))["measures"].size(), 1u);
}

// Proposals that arrive at once each get a number of their own, none skipped (on PostgreSQL the
// servers' connections race for the next number; the one that loses takes the one after).
TEST_P(MeasureTest, ProposalsAtOnceEachGetTheirOwnNumber) {
    server_->set_now("2027-03-10T09:00:00+01:00");
    constexpr int kThreads = 4, kEach = 5;
    std::vector<std::thread> threads;
    std::vector<std::vector<int64_t>> numbers(kThreads);
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto body = proposal();
                body["title"] = "Maatregel " + std::to_string(t) + "-" + std::to_string(i);
                auto r = call(t % 2 ? quality_ : manager_, "POST", "/measures", body);
                if (r.status == 201)
                    numbers[t].push_back(body_of(r)["number"].get<int64_t>());
            }
        });
    for (auto& thread : threads)
        thread.join();
    std::set<int64_t> all;
    for (const auto& list : numbers)
        all.insert(list.begin(), list.end());
    EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
    EXPECT_EQ(*all.begin(), 1);
    EXPECT_EQ(*all.rbegin(), kThreads * kEach);
    EXPECT_EQ(body_of(call(quality_, "GET", "/measures"))["measures"].size(),
              static_cast<size_t>(kThreads * kEach));
}

// M.O.S. (002 §Registratie 4): a unit's manager reads and decides their unit's measures, not
// another unit's nor those across units (the director's); a case is linked only by who sees it.
TEST_P(MeasureTest, AUnitsManagerReadsAndDecidesTheirUnitsMeasuresOnly) {
    const std::string oink = server_->create_user("mos", "leiding.oink@mos.nl", "manager", "oink");
    const std::string iduna = server_->create_user("mos", "leiding.iduna@mos.nl", "manager", "iduna");
    const std::string director = server_->create_user("mos", "directeur@mos.nl", "director");
    auto mos = [&](const std::string& token, const std::string& method, const std::string& path,
                   const json& body = nullptr) {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token}};
        if (!body.is_null())
            headers.push_back({"Content-Type", "application/json"});
        return http_request(server_->port(), method, "/api/v1/orgs/mos" + path, headers,
                            body.is_null() ? "" : body.dump());
    };
    const json oink_case = {{"kind", "complaint"},
                            {"channel", "phone"},
                            {"received_at", "2027-03-01T10:00:00+01:00"},
                            {"subject", "Niet teruggebeld"},
                            {"description", "Twee keer beloofd terug te bellen."},
                            {"unit", "oink"},
                            {"complainant", {{"name", "A. Bakker"}, {"phone", "06 11111111"}}}};
    auto taken = mos(other_org_, "POST", "/cases", oink_case);
    ASSERT_EQ(taken.status, 201) << taken.body;
    const std::string reference = body_of(taken)["reference"];
    server_->set_now("2027-03-10T09:00:00+01:00");
    json measure = {{"title", "Terugbelafspraken in de agenda"}, {"unit", "oink"}, {"cases", {reference}}};
    // The manager of another unit does not see the case, so cannot link it.
    auto elsewhere = measure;
    elsewhere["unit"] = "iduna";
    auto refused = mos(iduna, "POST", "/measures", elsewhere);
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(body_of(refused)["error"]["field"], "cases") << refused.body;
    ASSERT_EQ(mos(oink, "POST", "/measures", measure).status, 201);
    EXPECT_EQ(mos(iduna, "GET", "/measures/1").status, 404);
    EXPECT_EQ(body_of(mos(iduna, "GET", "/measures"))["measures"].size(), 0u);
    EXPECT_EQ(mos(iduna, "PATCH", "/measures/1", elsewhere).status, 404);
    EXPECT_EQ(body_of(mos(oink, "GET", "/measures/1"))["steps"], json::array({"decide", "drop"}));
    EXPECT_EQ(body_of(mos(other_org_, "GET", "/measures"))["measures"].size(),
              1u);  // the coordinator sees all
    // Moving it to another unit, or across units, takes it out of the manager's reach: refused.
    auto moved = measure;
    moved["unit"] = "iduna";
    EXPECT_EQ(mos(oink, "PATCH", "/measures/1", moved).status, 403);
    moved["unit"] = nullptr;
    EXPECT_EQ(mos(oink, "PATCH", "/measures/1", moved).status, 403);
    // A measure across units is the director's to decide, not a unit manager's to propose.
    auto across = measure;
    across.erase("unit");
    across.erase("cases");
    EXPECT_EQ(mos(oink, "POST", "/measures", across).status, 403);
    ASSERT_EQ(mos(director, "POST", "/measures", across).status, 201);
    EXPECT_EQ(mos(oink, "GET", "/measures/2").status, 404);
    EXPECT_EQ(body_of(mos(director, "GET", "/measures/2"))["steps"], json::array({"decide", "drop"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, MeasureTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
