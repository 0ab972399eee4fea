// The sweep on both backends: cases taken in over the API, then swept as of moments that move
// through the calendar. Each effect is recorded once and becomes one message per person in the
// outbox, however often and by however many sweepers the register is swept.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <date/tz.h>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/sweep.hpp"
#include "storage/row_values.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;

// A request's write that holds the group commit's batch open until it is released: what a
// sweep meets while requests write.
class HeldWrite {
  public:
    explicit HeldWrite(storage::Store& store)
        : thread_([this, &store] {
              store.transact([this](storage::Tx&) {
                  holding_ = true;
                  std::unique_lock lock(mutex_);
                  released_.wait(lock, [this] { return release_; });
              });
          }) {
        while (!holding_)
            std::this_thread::yield();
    }
    HeldWrite(const HeldWrite&) = delete;
    HeldWrite& operator=(const HeldWrite&) = delete;
    ~HeldWrite() { release(); }

    // Lets the write commit, and waits until it has.
    void release() {
        {
            std::lock_guard lock(mutex_);
            release_ = true;
        }
        released_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

  private:
    std::mutex mutex_;
    std::condition_variable released_;
    bool release_ = false;
    std::atomic<bool> holding_{false};
    std::thread thread_;  // last: it starts once the members it uses exist
};

class SweepTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database_ = meldpunt::testing::fresh_database(GetParam());
        server_ = std::make_unique<meldpunt::testing::TestServer>(database_);
        server_->create_org("focus", "focus");
        manager_ = server_->create_user("focus", "anna@focus.nl", "manager");
        server_->create_user("focus", "els@focus.nl", "quality_manager");
        server_->create_user("focus", "bert@focus.nl", "director");
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        sweeper_->set_public_url("https://klachten.focus.nl");
    }

    // A phone complaint received on Monday 18 January 2027: its report is due that day, contact on
    // Wednesday 20 January, the offer on Monday 1 February, the record on Monday 8 February.
    std::string intake(const std::string& received = "2027-01-18T10:00:00+01:00") {
        return meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_, received);
    }

    std::vector<storage::Delivery> outbox(const std::string& reference) {
        std::vector<storage::Delivery> out;
        server_->store().read([&](storage::Tx& tx) { out = tx.outbox.of_case("focus", reference); });
        return out;
    }

    static std::vector<std::string> causes(const std::vector<storage::Delivery>& deliveries) {
        std::vector<std::string> out;
        for (const auto& d : deliveries)
            out.push_back(d.cause + " " + d.recipient);
        return out;
    }

    std::string database_;
    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_;
    service::ProcedureRegistry procedures_;
    messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::Sweeper> sweeper_;
};

TEST_P(SweepTest, APassedDeadlineIsToldToTheManagerOnceHoweverOftenItIsSwept) {
    const std::string reference = intake();
    auto report = sweeper_->sweep(at("2027-01-19T07:00:00+01:00"));
    EXPECT_EQ(report.effects, 1);
    EXPECT_EQ(report.queued, 1);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(sweeper_->sweep(at("2027-01-19T18:00:00+01:00")).effects, 0);
    auto sent = outbox(reference);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].cause, "overdue:report:2027-01-18");
    EXPECT_EQ(sent[0].recipient, "anna@focus.nl");
    EXPECT_EQ(sent[0].status, "queued");
    EXPECT_NE(sent[0].subject.find(reference), std::string::npos) << sent[0].subject;
    EXPECT_NE(sent[0].body.find("maandag 18 januari 2027"), std::string::npos) << sent[0].body;
    EXPECT_NE(sent[0].body.find("https://klachten.focus.nl/werk/zaken/" + reference), std::string::npos);
    EXPECT_EQ(sent[0].message_id.front(), '<');
    // Nothing more until the day after the contact deadline.
    EXPECT_EQ(sweeper_->sweep(at("2027-01-20T23:00:00+01:00")).effects, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-01-21T06:00:00+01:00")).effects, 1);
    EXPECT_EQ(causes(outbox(reference)),
              (std::vector<std::string>{"overdue:report:2027-01-18 anna@focus.nl",
                                        "overdue:contact:2027-01-20 anna@focus.nl"}));
}

TEST_P(SweepTest, AfterAMonthDownItCatchesUpWithEveryEffectInTheOrderTheyBecameDue) {
    const std::string reference = intake();
    auto report = sweeper_->sweep(at("2027-03-01T09:00:00+01:00"));
    EXPECT_EQ(report.reviewed, 1);
    EXPECT_EQ(report.effects, 5);
    std::vector<storage::EffectRecord> effects;
    server_->store().read([&](storage::Tx& tx) { effects = tx.effects.of_case("focus", reference); });
    std::vector<std::string> keys;
    for (const auto& e : effects)
        keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"overdue:report:2027-01-18", "overdue:contact:2027-01-20",
                                              "escalation:offer:2027-02-01", "overdue:offer:2027-02-01",
                                              "overdue:record:2027-02-08"}));
    // The offer's notice goes to the manager and the quality manager, its escalation to the director.
    const auto sent = outbox(reference);
    std::multiset<std::string> to;
    for (const auto& d : sent)
        to.insert(d.cause + " " + d.recipient);
    EXPECT_EQ(to.count("escalation:offer:2027-02-01 bert@focus.nl"), 1u);
    EXPECT_EQ(to.count("overdue:offer:2027-02-01 els@focus.nl"), 1u);
    EXPECT_EQ(to.count("overdue:record:2027-02-08 els@focus.nl"), 1u);
    EXPECT_EQ(sent.size(), 6u);
    // Nothing is ahead: the case is not looked at again until someone acts on it.
    EXPECT_EQ(sweeper_->sweep(at("2027-06-01T09:00:00+02:00")).reviewed, 0);
}

TEST_P(SweepTest, AMetDeadlineIsNotToldAndAnActionHasTheCaseLookedAtAgain) {
    const std::string reference = intake();
    EXPECT_EQ(sweeper_->sweep(at("2027-01-19T09:00:00+01:00")).effects, 1);
    server_->set_now("2027-01-19T10:00:00+01:00");
    auto r = meldpunt::testing::http_request(
        server_->port(), "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
        {{"Authorization", "Bearer " + manager_}, {"Content-Type", "application/json"}},
        json{{"action", "contact"}, {"contact_method", "telefonisch"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    // Contact is met: on 21 January nothing passes, and the next thing is the offer on 2 February.
    auto report = sweeper_->sweep(at("2027-01-21T09:00:00+01:00"));
    EXPECT_EQ(report.reviewed, 1);  // looked at again after the action, found nothing new
    EXPECT_EQ(report.effects, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-01-22T09:00:00+01:00")).reviewed, 0);
    EXPECT_EQ(sweeper_->sweep(at("2027-02-02T09:00:00+01:00")).effects, 2);  // offer: notice, escalation
}

// Two servers sweeping one database at the same moment: each effect once, each message once.
TEST_P(SweepTest, TwoSweepersAtOnceDoEachEffectOnce) {
    std::vector<std::string> references;
    for (int i = 0; i < 30; ++i)
        references.push_back(intake());
    auto other_store = storage::Store::open(database_, 4);
    service::ProcedureRegistry other_procedures;
    service::Sweeper other(*other_store, other_procedures, language_);
    const auto moment = at("2027-01-21T09:00:00+01:00");
    service::SweepReport mine, theirs;
    std::thread a([&] { mine = sweeper_->sweep(moment, 7); });
    std::thread b([&] { theirs = other.sweep(moment, 7); });
    a.join();
    b.join();
    EXPECT_EQ(mine.effects + theirs.effects, 60);  // report and contact, for each of the 30
    int64_t rows = 0, distinct = 0;
    server_->store().read([&](storage::Tx& tx) {
        rows = storage::single_number(tx.connection().query("SELECT COUNT(*) FROM outbox"));
        distinct =
            storage::single_number(tx.connection().query("SELECT COUNT(DISTINCT message_id) FROM outbox"));
    });
    EXPECT_EQ(rows, 60);
    EXPECT_EQ(distinct, 60);
}

// A server shutting down stops between transactions; the next pass takes up the rest.
TEST_P(SweepTest, AStoppedSweepLeavesTheRestToTheNextPass) {
    for (int i = 0; i < 3; ++i)
        intake();
    const auto moment = at("2027-01-19T09:00:00+01:00");
    EXPECT_EQ(sweeper_->sweep(moment, 1, [] { return true; }).reviewed, 1);
    EXPECT_EQ(sweeper_->sweep(moment).reviewed, 2);
    EXPECT_EQ(sweeper_->sweep(moment).reviewed, 0);
}

// A page is one transaction while nobody else writes; while requests of the server wait to write,
// the sweep commits what it did every kSweepYieldAfter cases and lets them go first. Every case is
// reviewed and every effect recorded once all the same.
TEST_P(SweepTest, ASweepMakesWayForRequestsThatWaitToWrite) {
    if (GetParam() == "postgres")
        GTEST_SKIP()
            << "PostgreSQL: the sweep writes beside the requests (TheSweepAndRequestsWriteSideBySide)";
    const int cases = 3 * service::kSweepYieldAfter;
    for (int i = 0; i < cases; ++i)
        intake();
    const auto alone = sweeper_->sweep(at("2027-01-19T09:00:00+01:00"));
    EXPECT_EQ(alone.reviewed, cases);
    EXPECT_EQ(alone.transactions, 1);
    // A request's write holds the writer; the sweep's first transaction and another request's
    // write queue behind it, and then run in one batch: the sweep commits after kSweepYieldAfter
    // cases, since that request waits for its commit.
    HeldWrite first_request(server_->store());
    service::SweepReport beside;
    std::thread sweeping([&] { beside = sweeper_->sweep(at("2027-01-21T09:00:00+01:00")); });
    std::thread second_request([&] {
        while (server_->store().writes_waiting() < 1)
            std::this_thread::yield();  // the sweep queued first
        server_->store().transact([](storage::Tx& tx) {
            tx.connection().execute("UPDATE orgs SET name = name WHERE id = $1", {std::string("focus")});
        });
    });
    while (server_->store().writes_waiting() < 2)
        std::this_thread::yield();
    first_request.release();
    sweeping.join();
    second_request.join();
    EXPECT_EQ(beside.reviewed, cases);
    EXPECT_EQ(beside.effects, cases);  // the contact deadline of each
    EXPECT_GT(beside.transactions, 1);
    int64_t rows = 0;
    server_->store().read([&](storage::Tx& tx) {
        rows = storage::single_number(tx.connection().query("SELECT COUNT(*) FROM effects"));
    });
    EXPECT_EQ(rows, 2 * cases);  // the report and the contact of each, once
}

// PostgreSQL lets writers proceed side by side: the sweep writes apart from the group commit
// (Store::transact_apart), so a request's batch that holds the group commit does not hold the
// sweep, and the sweep never holds the requests' batches. While that batch runs, the sweep
// commits after each part of kSweepYieldAfter cases (it may hold rows the batch needs).
TEST_P(SweepTest, TheSweepAndRequestsWriteSideBySide) {
    if (GetParam() != "postgres")
        GTEST_SKIP() << "SQLite has one writer (ASweepMakesWayForRequestsThatWaitToWrite)";
    const int cases = 30;
    for (int i = 0; i < cases; ++i)
        intake();
    HeldWrite request(server_->store());
    // Pages of 7 (five pages), while the request still holds its batch open.
    const auto swept = sweeper_->sweep(at("2027-01-21T09:00:00+01:00"), 7);
    request.release();
    EXPECT_EQ(swept.reviewed, cases);
    EXPECT_EQ(swept.effects, 2 * cases);  // the report and the contact of each
    EXPECT_EQ(swept.transactions, 5);
    int64_t rows = 0;
    server_->store().read([&](storage::Tx& tx) {
        rows = storage::single_number(tx.connection().query("SELECT COUNT(*) FROM effects"));
    });
    EXPECT_EQ(rows, 2 * cases);
    // A second sweep as of the same moment finds nothing new.
    const auto again = sweeper_->sweep(at("2027-01-21T09:00:00+01:00"), 7);
    EXPECT_EQ(again.effects, 0);
    EXPECT_EQ(again.queued, 0);
}

// M.O.S. (002 §Uitgangspunten 8): two months after the complainant became unreachable, those who
// may end the complaint are asked to, in the rule's words; the case stays open until one of them
// does.
TEST_P(SweepTest, TwoMonthsUnreachableIsProposedToThoseWhoMayEndTheComplaint) {
    server_->create_org("mos", "mos");
    const std::string coordinator = server_->create_user("mos", "secretaris@mos.nl", "coordinator");
    server_->create_user("mos", "ivo@mos.nl", "employee");
    auto call = [&](const std::string& path, const json& body) {
        return meldpunt::testing::http_request(
            server_->port(), "POST", path,
            {{"Authorization", "Bearer " + coordinator}, {"Content-Type", "application/json"}}, body.dump());
    };
    server_->set_now("2027-03-01T10:00:00+01:00");
    auto r = call("/api/v1/orgs/mos/cases", {{"kind", "complaint"},
                                             {"channel", "phone"},
                                             {"subject", "Niet teruggebeld"},
                                             {"complainant", {{"name", "K. Jansen"}, {"phone", "06 1"}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string reference = json::parse(r.body).value("reference", "");
    server_->set_now("2027-03-08T10:00:00+01:00");
    r = call("/api/v1/orgs/mos/cases/" + reference + "/actions",
             {{"action", "record_unreachable"}, {"unreachable_since", "2027-03-05"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto proposals = [&] {
        std::vector<storage::Delivery> out;
        server_->store().read([&](storage::Tx& tx) {
            for (auto& d : tx.outbox.of_case("mos", reference))
                if (d.cause.rfind("proposal:", 0) == 0)
                    out.push_back(std::move(d));
        });
        return out;
    };
    sweeper_->sweep(at("2027-05-04T08:00:00+02:00"));
    EXPECT_TRUE(proposals().empty());
    sweeper_->sweep(at("2027-05-05T08:00:00+02:00"));
    sweeper_->sweep(at("2027-05-06T08:00:00+02:00"));
    const auto sent = proposals();
    ASSERT_EQ(sent.size(), 1u);  // the coordinator; the employee may not end it
    EXPECT_EQ(sent[0].cause, "proposal:end_unreachable:2027-05-05");
    EXPECT_EQ(sent[0].recipient, "secretaris@mos.nl");
    EXPECT_EQ(sent[0].subject, "Voorstel voor zaak " + reference + ": Beëindigen: klager onbereikbaar");
    EXPECT_NE(sent[0].body.find("sinds woensdag 5 mei 2027"), std::string::npos) << sent[0].body;
    EXPECT_NE(sent[0].body.find("Is de klager onaangekondigd twee maanden na indiening onbereikbaar"),
              std::string::npos)
        << sent[0].body;
    EXPECT_NE(sent[0].body.find("Meldpunt zet die stap niet zelf"), std::string::npos);
    std::string stage;
    server_->store().read([&](storage::Tx& tx) { stage = tx.cases.get("mos", reference)->state.stage; });
    EXPECT_EQ(stage, "bij_leidinggevende");
}

INSTANTIATE_TEST_SUITE_P(Backends, SweepTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
