// Retention carried out (issue 15; 004 art. 5): a Focus complaint that came in by e-mail, with its
// files, a conversation, letters and messages in the outbox, is closed; two years later the sweep
// anonymises it. Everything that could name someone is gone from every table, the reports add up
// as before, the audit log says that it happened without repeating what went, and nothing more can
// be done with the case. A legal hold keeps a case until its day. On both backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "service/retention.hpp"
#include "service/sweep.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/http_client.hpp"
#include "support/mail_corpus.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using nlohmann::json;

const auto at = meldpunt::testing::amsterdam_instant;

const auto corpus = meldpunt::testing::mail_corpus;

class RetentionTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        manager_token_ = server_->create_user("focus", "anna@focus.nl", "manager");
        const std::string piet = server_->create_user("focus", "piet@focus.nl", "employee");
        const std::string els = server_->create_user("focus", "els@focus.nl", "quality_manager");
        cases_ = std::make_unique<service::CaseService>(server_->store(), procedures_, language_);
        sweeper_ = std::make_unique<service::Sweeper>(server_->store(), procedures_, language_);
        desk_ = std::make_unique<service::RetentionDesk>(server_->store(), procedures_);
        service::Directory directory(server_->store());
        manager_ = *directory.authenticate(manager_token_, server_->now());
        piet_ = *directory.authenticate(piet, server_->now());
        els_ = *directory.authenticate(els, server_->now());
    }

    void act(const service::Principal& who, const std::string& reference, const std::string& action,
             const std::string& when, std::map<std::string, std::string> fields) {
        server_->set_now(when);
        const auto r = cases_->act(who, "focus", reference, {action, when, std::move(fields)}, std::nullopt,
                                   server_->now());
        ASSERT_TRUE(r.ok()) << action << ": " << r.error().code;
    }

    // The complaint Piët Bakker mailed on 2 December 2026, handled and closed on 4 January 2027,
    // with a reply to him, a note and a document of staff's own on the way.
    std::string closed_mailed_complaint() {
        const auto receipt = cases_->receive_mail("focus", corpus("outlook-windows-1252.eml"),
                                                  at("2026-12-02T09:05:00+01:00"));
        EXPECT_EQ(receipt.outcome, service::MailOutcome::new_case) << receipt.reason;
        const std::string reference = receipt.reference;
        act(manager_, reference, "assign", "2026-12-02T10:00:00+01:00", {{"handler", "piet@focus.nl"}});
        server_->set_now("2026-12-03T09:00:00+01:00");
        service::MessageInput reply;
        reply.body = "Beste heer Bakker, wij zoeken uit wat er met uw factuur is misgegaan.";
        EXPECT_TRUE(cases_->send_message(piet_, "focus", reference, reply, server_->now()).ok());
        service::MessageInput note;
        note.body = "Bakker belde ook nog over zijn dochter Anouk.";
        note.visibility = "internal";
        note.attachments.push_back({"gespreksnotitie.txt", "text/plain", "internal", "Notitie over Bakker"});
        EXPECT_TRUE(cases_->send_message(piet_, "focus", reference, note, server_->now()).ok());
        act(piet_, reference, "offer", "2026-12-07T10:00:00+01:00",
            {{"verdict", "gegrond"},
             {"compensation", "genoegdoening"},
             {"offer", "Wij crediteren € 125 aan Bakker."}});
        act(piet_, reference, "accept", "2026-12-08T10:00:00+01:00", {{"satisfaction", "tevreden"}});
        act(piet_, reference, "record", "2026-12-09T10:00:00+01:00",
            {{"summary", "Factuur van Bakker gecorrigeerd."},
             {"cause", "administratie of facturen"},
             {"cause_detail", "Dubbel gefactureerd aan Bakker."},
             {"nature", "incident"}});
        act(els_, reference, "close", "2027-01-04T10:00:00+01:00", {{"erp_reference", "ES-2026-991"}});
        return reference;
    }

    std::optional<storage::StoredCase> stored(const std::string& reference) {
        std::optional<storage::StoredCase> found;
        server_->store().read([&](storage::Tx& tx) { found = tx.cases.get("focus", reference); });
        return found;
    }

    // The rows of `table` that belong to the case.
    int64_t rows_of(const std::string& table, const std::string& reference) {
        int64_t count = 0;
        server_->store().read([&](storage::Tx& tx) {
            count = std::stoll(*tx.connection().query(
                "SELECT COUNT(*) FROM " + table + " WHERE org = 'focus' AND reference = $1",
                {reference})[0][0]);
        });
        return count;
    }

    int64_t count(const std::string& sql) {
        int64_t n = 0;
        server_->store().read([&](storage::Tx& tx) { n = std::stoll(*tx.connection().query(sql)[0][0]); });
        return n;
    }

    // Every text the register keeps anywhere about the case, as one string to search for names in.
    std::string everything_kept(const std::string& reference) {
        std::string all;
        server_->store().read([&](storage::Tx& tx) {
            for (const char* sql :
                 {"SELECT subject || description || parties || handler || data FROM cases WHERE org = "
                  "'focus'",
                  "SELECT org || action || subject || detail FROM audit",
                  "SELECT subject || body || recipient || recipient_name FROM outbox",
                  "SELECT body FROM messages", "SELECT body || recipients FROM letters",
                  "SELECT name FROM documents", "SELECT sender || subject FROM incoming_mail"})
                for (const auto& row : tx.connection().query(sql))
                    all += row[0].value_or("") + "\n";
        });
        (void)reference;
        return all;
    }

    json report(const std::string& period) {
        auto r =
            meldpunt::testing::http_request(server_->port(), "GET", "/api/v1/orgs/focus/reports/" + period,
                                            {{"Authorization", "Bearer " + manager_token_}});
        EXPECT_EQ(r.status, 200) << r.body;
        auto j = json::parse(r.body, nullptr, false);
        if (j.is_object())
            j.erase("made_at");
        return j;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string manager_token_;
    service::Principal manager_, piet_, els_;
    service::ProcedureRegistry procedures_;
    const messages::Catalogue language_{messages::Language::nl};
    std::unique_ptr<service::CaseService> cases_;
    std::unique_ptr<service::Sweeper> sweeper_;
    std::unique_ptr<service::RetentionDesk> desk_;
};

TEST_P(RetentionTest, TwoYearsAfterClosingTheCaseIsAnonymisedAndTheReportsStillAddUp) {
    const std::string reference = closed_mailed_complaint();
    const auto before = stored(reference);
    ASSERT_TRUE(before);
    ASSERT_EQ(before->state.retain_until, calendar::make_day(2029, 1, 4));  // 2 jaar (focus.toml, aanname 4)
    ASSERT_GT(rows_of("documents", reference), 2);
    ASSERT_GT(rows_of("messages", reference), 1);
    ASSERT_GT(rows_of("outbox", reference), 0);
    ASSERT_EQ(rows_of("incoming_mail", reference), 1);
    ASSERT_NE(everything_kept(reference).find("Bakker"), std::string::npos);
    server_->set_now("2029-01-03T12:00:00+01:00");
    const json report_before = report("2026");
    ASSERT_TRUE(report_before.is_object() && report_before.contains("figures")) << report_before.dump();
    const int64_t blobs_before = count("SELECT COUNT(*) FROM blobs");

    // The day before the retention ends: nothing happens.
    EXPECT_EQ(sweeper_->sweep(at("2029-01-03T23:30:00+01:00")).anonymised, 0);
    EXPECT_FALSE(stored(reference)->state.anonymised_on);
    // Its last day over: the sweep anonymises it, once.
    const auto swept = sweeper_->sweep(at("2029-01-04T00:30:00+01:00"));
    EXPECT_EQ(swept.anonymised, 1);
    EXPECT_EQ(sweeper_->sweep(at("2029-01-05T00:30:00+01:00")).anonymised, 0);

    const auto after = stored(reference);
    ASSERT_TRUE(after);
    const cases::Case& c = after->state;
    EXPECT_EQ(c.anonymised_on, calendar::make_day(2029, 1, 4));
    // What the reports count stays: kind, channel, unit, stage, choices; dates to the month.
    EXPECT_EQ(c.kind, "complaint");
    EXPECT_EQ(c.channel, "email");
    EXPECT_EQ(c.stage, "afgesloten");
    EXPECT_EQ(c.received_on, calendar::make_day(2026, 12, 1));
    EXPECT_EQ(c.closed_on, calendar::make_day(2027, 1, 1));
    EXPECT_EQ(c.facts.at("verdict"), "gegrond");
    EXPECT_EQ(c.facts.at("cause"), "administratie of facturen");
    EXPECT_EQ(c.facts.at("nature"), "incident");
    // Free text, names and contact details, the handler, the timeline: gone.
    EXPECT_EQ(c.facts.count("offer"), 0u);
    EXPECT_EQ(c.facts.count("summary"), 0u);
    EXPECT_EQ(c.facts.count("cause_detail"), 0u);
    EXPECT_EQ(c.facts.count("erp_reference"), 0u);
    EXPECT_TRUE(c.complainant.name.empty());
    EXPECT_TRUE(c.complainant.email.empty());
    EXPECT_TRUE(c.handler.empty());
    EXPECT_TRUE(c.events.empty());
    EXPECT_TRUE(c.deadlines.empty());
    EXPECT_TRUE(after->subject.empty());
    EXPECT_TRUE(after->description.empty());
    EXPECT_EQ(after->figures, before->figures);
    for (const char* table : {"documents", "messages", "message_reads", "letters", "outbox", "effects",
                              "incoming_mail", "reply_addresses", "portal_links", "case_people"})
        EXPECT_EQ(rows_of(table, reference), 0) << table;
    EXPECT_LT(count("SELECT COUNT(*) FROM blobs"), blobs_before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.hash = "
                    "b.hash) AND NOT EXISTS (SELECT 1 FROM incoming_mail m WHERE m.raw_hash = b.hash)"),
              0);
    const std::string kept = everything_kept(reference);
    for (const char* word : {"Bakker", "Piët", "Anouk", "factuur", "Factuur", "ES-2026-991", "example.nl"})
        EXPECT_EQ(kept.find(word), std::string::npos)
            << word << " is still kept: " << kept.substr(kept.rfind('\n', kept.find(word)) + 1, 300);

    // The register no longer finds it by the name or the words, and every report adds up as before.
    service::RegisterQuery by_name;
    by_name.query.text = "Bakker";
    auto found = cases_->list(manager_, "focus", by_name, server_->now());
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found.value().empty());
    server_->set_now("2029-01-03T12:00:00+01:00");
    EXPECT_EQ(report("2026"), report_before);

    // The audit log says it happened and how much went, not what.
    std::vector<storage::AuditEntry> entries;
    server_->store().read([&](storage::Tx& tx) { entries = tx.audit.entries(0, 1000); });
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().action, "case.anonymised");
    EXPECT_EQ(entries.back().subject, reference);
    const json detail = json::parse(entries.back().detail);
    EXPECT_EQ(detail["retained_until"], "2029-01-04");
    EXPECT_GE(detail["documents"].get<int>(), 3);
    EXPECT_EQ(detail["mail"], 1);

    // Nothing more can be done with it.
    server_->set_now("2029-01-05T10:00:00+01:00");
    service::MessageInput more;
    more.body = "Nog een vraag";
    const auto refused = cases_->send_message(manager_, "focus", reference, more, server_->now());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "case_anonymised");
    // Its page still opens, for those who may see it: it shows what is left.
    auto page =
        meldpunt::testing::http_request(server_->port(), "GET", "/api/v1/orgs/focus/cases/" + reference,
                                        {{"Authorization", "Bearer " + manager_token_}});
    EXPECT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.body.find("Bakker"), std::string::npos);
}

TEST_P(RetentionTest, ALegalHoldKeepsTheCaseUntilItsDayAndTheCoordinatorSeesWhatIsComing) {
    const std::string reference = closed_mailed_complaint();
    const auto now = at("2028-12-20T10:00:00+01:00");
    // Within 30 days of its end, the case is on the list of what is coming.
    auto coming = desk_->coming(manager_, "focus", now);
    ASSERT_TRUE(coming.ok());
    ASSERT_EQ(coming.value().size(), 1u);
    EXPECT_EQ(coming.value()[0].reference, reference);
    EXPECT_EQ(coming.value()[0].purge_on, calendar::make_day(2029, 1, 4));
    EXPECT_FALSE(coming.value()[0].hold);
    EXPECT_TRUE(desk_->coming(manager_, "focus", at("2028-11-20T10:00:00+01:00")).value().empty());

    // Only who sees every case places a hold; a reason and a day from today on are needed.
    EXPECT_EQ(desk_->place_hold(piet_, "focus", reference, "Rechtszaak", calendar::make_day(2029, 3, 1), now)
                  .error()
                  .kind,
              service::ErrorKind::forbidden);
    EXPECT_FALSE(
        desk_->place_hold(manager_, "focus", reference, "", calendar::make_day(2029, 3, 1), now).ok());
    EXPECT_FALSE(
        desk_->place_hold(manager_, "focus", reference, "Rechtszaak", calendar::make_day(2028, 12, 1), now)
            .ok());
    EXPECT_EQ(
        desk_->place_hold(manager_, "focus", "2026-999999", "Rechtszaak", calendar::make_day(2029, 3, 1), now)
            .error()
            .kind,
        service::ErrorKind::not_found);
    const auto placed = desk_->place_hold(manager_, "focus", reference, "Lopende rechtszaak over de factuur",
                                          calendar::make_day(2029, 3, 1), now);
    ASSERT_TRUE(placed.ok()) << placed.error().code;
    coming = desk_->coming(manager_, "focus", now);
    ASSERT_TRUE(coming.value()[0].hold);
    EXPECT_EQ(coming.value()[0].hold->held_by, "anna@focus.nl");
    EXPECT_EQ(coming.value()[0].hold->until, calendar::make_day(2029, 3, 1));

    // Its retention passes: the hold keeps it, on every sweep until the hold's day.
    auto report = sweeper_->sweep(at("2029-01-05T01:00:00+01:00"));
    EXPECT_EQ(report.anonymised, 0);
    EXPECT_EQ(report.held, 1);
    EXPECT_EQ(sweeper_->sweep(at("2029-03-01T23:00:00+01:00")).anonymised, 0);
    EXPECT_FALSE(stored(reference)->state.anonymised_on);
    EXPECT_GT(rows_of("documents", reference), 0);
    // The day after: anonymised, and the hold goes with it.
    EXPECT_EQ(sweeper_->sweep(at("2029-03-02T01:00:00+01:00")).anonymised, 1);
    EXPECT_EQ(stored(reference)->state.anonymised_on, calendar::make_day(2029, 3, 2));
    EXPECT_EQ(rows_of("legal_holds", reference), 0);
    EXPECT_EQ(rows_of("documents", reference), 0);
    // The audit log has the hold and its end, without the reason.
    std::string audit;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& e : tx.audit.entries(0, 1000))
            audit += e.action + " " + e.detail + "\n";
    });
    EXPECT_NE(audit.find("case.hold {\"until\":\"2029-03-01\"}"), std::string::npos) << audit;
    EXPECT_EQ(audit.find("rechtszaak"), std::string::npos);
}

TEST_P(RetentionTest, ALiftedHoldLetsTheNextSweepPurge) {
    const std::string reference = closed_mailed_complaint();
    const auto now = at("2028-12-20T10:00:00+01:00");
    ASSERT_TRUE(desk_
                    ->place_hold(manager_, "focus", reference, "Inzageverzoek loopt",
                                 calendar::make_day(2030, 1, 1), now)
                    .ok());
    EXPECT_EQ(sweeper_->sweep(at("2029-02-01T01:00:00+01:00")).held, 1);
    EXPECT_EQ(desk_->lift_hold(piet_, "focus", reference, now).error().kind, service::ErrorKind::forbidden);
    ASSERT_TRUE(desk_->lift_hold(manager_, "focus", reference, now).ok());
    EXPECT_EQ(desk_->lift_hold(manager_, "focus", reference, now).error().kind,
              service::ErrorKind::not_found);
    EXPECT_EQ(sweeper_->sweep(at("2029-02-02T01:00:00+01:00")).anonymised, 1);
    // An anonymised case takes no hold.
    EXPECT_EQ(desk_
                  ->place_hold(manager_, "focus", reference, "Te laat", calendar::make_day(2030, 1, 1),
                               at("2029-02-03T10:00:00+01:00"))
                  .error()
                  .code,
              "case_anonymised");
}

// A hold placed while the sweep purges the same case: the two follow each other (on PostgreSQL the
// case's row is locked by both), so the purge sees the hold, never anonymises under it. Here the
// hold's transaction holds the row while the sweep starts.
TEST_P(RetentionTest, AHoldPlacedWhileTheSweepRunsIsSeenByIt) {
    const std::string reference = closed_mailed_complaint();
    std::promise<void> locked;
    std::thread holder([&] {
        server_->store().transact([&](storage::Tx& tx) {
            tx.retention.lock_case("focus", reference);
            locked.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            tx.retention.place_hold({"focus", reference, "anna@focus.nl", "Rechtszaak",
                                     calendar::make_day(2030, 1, 1),
                                     calendar::unix_seconds(at("2029-01-05T00:59:00+01:00"))});
        });
    });
    locked.get_future().wait();
    const auto report = sweeper_->sweep(at("2029-01-05T01:00:00+01:00"));
    holder.join();
    EXPECT_EQ(report.anonymised, 0);
    EXPECT_EQ(report.held, 1);
    EXPECT_FALSE(stored(reference)->state.anonymised_on);
}

TEST_P(RetentionTest, MailThatBecameNoCaseGoesAfterTheRetentionPeriod) {
    const auto receipt =
        cases_->receive_mail("focus", corpus("auto-reply-rfc3834.eml"), at("2026-12-02T09:05:00+01:00"));
    ASSERT_EQ(receipt.outcome, service::MailOutcome::automatic);
    ASSERT_EQ(count("SELECT COUNT(*) FROM incoming_mail WHERE reference = ''"), 1);
    EXPECT_EQ(sweeper_->sweep(at("2028-12-01T12:00:00+01:00")).loose_mail, 0);
    EXPECT_EQ(sweeper_->sweep(at("2028-12-03T12:00:00+01:00")).loose_mail, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM incoming_mail"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 0);
}

// A case whose stored data cannot be read (it was damaged outside Meldpunt) cannot be purged; the
// others on its page are, and the sweep goes on and reports it.
TEST_P(RetentionTest, ACaseThatCannotBePurgedDoesNotHoldUpTheOthers) {
    const std::string damaged = closed_mailed_complaint();
    const std::string other = meldpunt::testing::take_in_focus_phone_complaint(*server_, manager_token_,
                                                                               "2026-12-02T11:00:00+01:00");
    act(manager_, other, "assign", "2026-12-02T12:00:00+01:00", {{"handler", "piet@focus.nl"}});
    act(piet_, other, "offer", "2026-12-07T11:00:00+01:00",
        {{"verdict", "gegrond"}, {"compensation", "geen"}, {"offer", "Excuses"}});
    act(piet_, other, "accept", "2026-12-08T11:00:00+01:00", {{"satisfaction", "tevreden"}});
    act(piet_, other, "record", "2026-12-09T11:00:00+01:00",
        {{"summary", "Gesprek"}, {"cause", "bejegening"}, {"nature", "incident"}});
    act(els_, other, "close", "2027-01-04T11:00:00+01:00", {{"erp_reference", "ES-2026-992"}});
    server_->store().transact([&](storage::Tx& tx) {
        tx.connection().query("UPDATE cases SET data = 'beschadigd' WHERE org = 'focus' AND reference = $1",
                              {damaged});
    });
    const auto report = sweeper_->sweep(at("2029-01-05T01:00:00+01:00"));
    EXPECT_EQ(report.anonymised, 1);
    EXPECT_EQ(report.purge_failed, 1);
    EXPECT_TRUE(stored(other)->state.anonymised_on);
    EXPECT_EQ(sweeper_->sweep(at("2029-01-06T01:00:00+01:00")).purge_failed, 1);  // tried again
}

// Who opened what is kept as long as the organisation keeps what is no case's: two years here.
TEST_P(RetentionTest, TheAccessLogIsKeptForTheRetentionPeriod) {
    const auto seconds = [&](const char* when) { return calendar::unix_seconds(at(when)); };
    server_->store().transact([&](storage::Tx& tx) {
        tx.access_log.insert({{"focus", seconds("2026-11-30T10:00:00+01:00"), "anna@focus.nl", "case",
                               "2026-000001", "", "192.0.2.1", 1},
                              {"focus", seconds("2027-06-01T10:00:00+02:00"), "anna@focus.nl", "case",
                               "2026-000001", "", "192.0.2.1", 2}});
    });
    EXPECT_EQ(sweeper_->sweep(at("2028-11-29T12:00:00+01:00")).access_rows, 0);
    EXPECT_EQ(sweeper_->sweep(at("2028-12-01T12:00:00+01:00")).access_rows, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_log"), 1);
}

// Another organisation's coordinator sees none of Focus's coming purges and holds none of its cases.
TEST_P(RetentionTest, AnotherOrganisationsCoordinatorNeitherSeesNorHoldsTheCase) {
    const std::string reference = closed_mailed_complaint();
    server_->create_org("mos", "mos");
    const std::string token = server_->create_user("mos", "coordinator@mos.nl", "coordinator");
    const service::Principal other =
        *service::Directory(server_->store()).authenticate(token, server_->now());
    const auto now = at("2028-12-20T10:00:00+01:00");
    EXPECT_EQ(desk_->coming(other, "focus", now).error().kind, service::ErrorKind::not_found);
    EXPECT_EQ(desk_->place_hold(other, "focus", reference, "Rechtszaak", calendar::make_day(2029, 3, 1), now)
                  .error()
                  .kind,
              service::ErrorKind::not_found);
    // Its own organisation has no such case either.
    auto own = desk_->place_hold(other, "mos", reference, "Rechtszaak", calendar::make_day(2029, 3, 1), now);
    EXPECT_FALSE(own.ok());
    EXPECT_EQ(rows_of("legal_holds", reference), 0);
    EXPECT_EQ(sweeper_->sweep(at("2029-01-05T01:00:00+01:00")).anonymised, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
