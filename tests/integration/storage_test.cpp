// Storage on both backends: migrations, cases with optimistic concurrency, the reference series,
// search, idempotency keys, documents and the append-only audit table.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include "domain/calendar/instant.hpp"
#include "domain/report/tally.hpp"
#include "storage/advisory_locks.hpp"
#include "storage/case_codec.hpp"
#include "storage/row_values.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/background_priority.hpp"

namespace {

using namespace meldpunt;
using storage::StoredCase;

class StorageTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        store_ = storage::Store::open(meldpunt::testing::fresh_database(GetParam()));
        store_->transact([](storage::Tx& tx) {
            tx.orgs.insert({"focus", "Focus"}, 1);
            tx.orgs.insert({"mos", "M.O.S."}, 1);
        });
    }

    // A notice to anna@focus.nl about case 2027-000001 of Focus, due at 1000.
    static storage::Delivery a_notice(const std::string& message_id) {
        storage::Delivery d;
        d.org = "focus";
        d.reference = "2027-000001";
        d.cause = "overdue:contact:2027-01-20";
        d.recipient = "anna@focus.nl";
        d.subject = "Termijn verstreken";
        d.body = "Zaak 2027-000001: de termijn is verstreken.";
        d.message_id = message_id;
        d.next_attempt_at = 1000;
        d.created_at = 1000;
        return d;
    }

    static StoredCase a_case(const std::string& org, const std::string& reference,
                             const std::string& subject) {
        StoredCase s;
        s.org = org;
        s.state.reference = reference;
        s.state.kind = "complaint";
        s.state.stage = "ontvangen";
        s.state.received_on = calendar::make_day(2027, 1, 14);
        s.state.complainant.name = "J. de Vries";
        s.version = 1;
        s.subject = subject;
        s.description = "De medewerker kwam niet opdagen bij de afspraken.";
        s.next_due = calendar::make_day(2027, 1, 18);
        return s;
    }

    // The references of Focus's register searched for `text`, in the register's order.
    std::vector<std::string> references_found(const std::string& text) {
        storage::CaseQuery q;
        q.text = text;
        std::vector<std::string> references;
        store_->read([&](storage::Tx& tx) {
            for (const auto& c : tx.cases.list("focus", q))
                references.push_back(c.state.reference);
        });
        return references;
    }

    std::unique_ptr<storage::Store> store_;
};

TEST_P(StorageTest, MigratingTwiceIsHarmless) {
    const std::string url = meldpunt::testing::fresh_database(GetParam());
    storage::Store::open(url);
    auto again = storage::Store::open(url);
    int64_t cases = -1;
    again->transact([&](storage::Tx& tx) { cases = tx.cases.count(); });
    EXPECT_EQ(cases, 0);
}

// Migration 6 fills case_people from the cases stored before it: who registered each case (its
// intake event) and whom it is about, so that "own" confidentiality holds for old cases too.
TEST_P(StorageTest, TheCasesStoredBeforeMigrationSixKeepTheirPeople) {
    StoredCase s = a_case("focus", "2027-000001", "Afspraak gemist");
    s.state.about = {"piet@focus.nl", "joke@focus.nl"};
    s.state.events.push_back({"intake",
                              std::chrono::sys_seconds{std::chrono::seconds{1800000000}},
                              "karin@focus.nl",
                              "",
                              "ontvangen",
                              {}});
    const auto& migration = storage::migrations().at(5);
    ASSERT_EQ(migration.version, 6);
    store_->transact([&](storage::Tx& tx) {
        tx.cases.insert(s);
        // As before the migration: no table of people yet.
        tx.connection().execute_script("DROP TABLE case_people");
        tx.connection().execute_script(GetParam() == "postgres" ? migration.postgres : migration.sqlite);
    });
    std::optional<storage::CaseStamp> stamp;
    store_->read([&](storage::Tx& tx) { stamp = tx.cases.stamp("focus", "2027-000001"); });
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->registered_by, "karin@focus.nl");
    EXPECT_EQ(stamp->about, (std::vector<std::string>{"piet@focus.nl", "joke@focus.nl"}));
    // An update keeps them, with a changed list of people the case is about.
    s.state.about = {"joke@focus.nl"};
    s.version = 2;
    bool updated = false;
    store_->transact([&](storage::Tx& tx) { updated = tx.cases.update(s, 1, s.state.stage, ""); });
    ASSERT_TRUE(updated);
    store_->read([&](storage::Tx& tx) { stamp = tx.cases.stamp("focus", "2027-000001"); });
    EXPECT_EQ(stamp->registered_by, "karin@focus.nl");
    EXPECT_EQ(stamp->about, std::vector<std::string>{"joke@focus.nl"});
}

// Migration 7 fills case_stages from the cases stored before it: every stage an event moved the
// case to and the one it is in, so that the committee still sees the complaints put before it.
TEST_P(StorageTest, TheCasesStoredBeforeMigrationSevenKeepTheStagesTheyReached) {
    StoredCase s = a_case("mos", "2027-000001", "Geen bevredigende oplossing");
    const std::chrono::sys_seconds at{std::chrono::seconds{1800000000}};
    s.state.events.push_back({"intake", at, "secretariaat@mos.nl", "", "bij_leidinggevende", {}});
    s.state.events.push_back({"escalate", at, "complainant", "bij_leidinggevende", "klachtencommissie", {}});
    s.state.events.push_back(
        {"advise", at, "commissie@mos.nl", "klachtencommissie", "advies_uitgebracht", {}});
    s.state.stage = "advies_uitgebracht";
    const auto& seven = storage::migrations().at(6);
    const auto& eight = storage::migrations().at(7);
    ASSERT_EQ(seven.version, 7);
    ASSERT_EQ(eight.version, 8);
    int64_t rows = 0;
    store_->transact([&](storage::Tx& tx) {
        tx.cases.insert(s);
        tx.connection().execute_script("DROP TABLE case_stages");
        for (const auto* migration : {&seven, &eight})
            tx.connection().execute_script(GetParam() == "postgres" ? migration->postgres
                                                                    : migration->sqlite);
        rows = storage::single_number(tx.connection().query("SELECT COUNT(*) FROM case_stages", {}));
    });
    // Migration 8 keeps only the stages left: the one it is in is the case row's.
    EXPECT_EQ(rows, 2);
    std::optional<storage::CaseStamp> stamp;
    store_->read([&](storage::Tx& tx) { stamp = tx.cases.stamp("mos", "2027-000001"); });
    ASSERT_TRUE(stamp);
    auto reached = stamp->reached;
    std::sort(reached.begin(), reached.end());
    EXPECT_EQ(reached,
              (std::vector<std::string>{"advies_uitgebracht", "bij_leidinggevende", "klachtencommissie"}));
    // A later stage is added; the earlier ones stay.
    s.state.stage = "afgehandeld";
    s.version = 2;
    bool updated = false;
    store_->transact([&](storage::Tx& tx) { updated = tx.cases.update(s, 1, "advies_uitgebracht", ""); });
    ASSERT_TRUE(updated);
    store_->read([&](storage::Tx& tx) { stamp = tx.cases.stamp("mos", "2027-000001"); });
    EXPECT_EQ(stamp->reached.size(), 4u);
    EXPECT_NE(std::find(stamp->reached.begin(), stamp->reached.end(), "klachtencommissie"),
              stamp->reached.end());
    EXPECT_EQ(stamp->registered_by, "secretariaat@mos.nl");
}

// An intake and an action that keeps the stage write no row of stages: the stage a case is in is
// its own row's, and only a move adds the stage it left. Both count for a role that sees the cases
// that reached a stage.
TEST_P(StorageTest, OnlyTheStagesACaseHasLeftAreStoredBesideIt) {
    StoredCase s = a_case("mos", "2027-000001", "Geen bevredigende oplossing");
    const std::chrono::sys_seconds at{std::chrono::seconds{1800000000}};
    s.state.events.push_back({"intake", at, "secretariaat@mos.nl", "", "klachtencommissie", {}});
    s.state.stage = "klachtencommissie";
    const auto stage_rows = [&] {
        int64_t rows = 0;
        store_->read([&](storage::Tx& tx) {
            rows = storage::single_number(tx.connection().query("SELECT COUNT(*) FROM case_stages", {}));
        });
        return rows;
    };
    const auto committee_sees = [&] {
        storage::CaseQuery q;
        q.restricted = true;
        q.stages = {"klachtencommissie"};
        std::vector<StoredCase> seen;
        store_->read([&](storage::Tx& tx) { seen = tx.cases.list("mos", q); });
        return seen.size();
    };
    store_->transact([&](storage::Tx& tx) { tx.cases.insert(s); });
    EXPECT_EQ(stage_rows(), 0);
    EXPECT_EQ(committee_sees(), 1u);
    s.version = 2;
    store_->transact([&](storage::Tx& tx) { ASSERT_TRUE(tx.cases.update(s, 1, s.state.stage, "")); });
    EXPECT_EQ(stage_rows(), 0);
    s.state.events.push_back(
        {"advise", at, "commissie@mos.nl", "klachtencommissie", "advies_uitgebracht", {}});
    s.state.stage = "advies_uitgebracht";
    s.version = 3;
    store_->transact([&](storage::Tx& tx) { ASSERT_TRUE(tx.cases.update(s, 2, "klachtencommissie", "")); });
    EXPECT_EQ(stage_rows(), 1);
    EXPECT_EQ(committee_sees(), 1u);
    std::optional<storage::CaseStamp> stamp;
    store_->read([&](storage::Tx& tx) { stamp = tx.cases.stamp("mos", "2027-000001"); });
    ASSERT_TRUE(stamp);
    auto reached = stamp->reached;
    std::sort(reached.begin(), reached.end());
    EXPECT_EQ(reached, (std::vector<std::string>{"advies_uitgebracht", "klachtencommissie"}));
}

// One leader at a time on PostgreSQL; when it goes, the next try succeeds. SQLite has one server.
TEST_P(StorageTest, OneServerLeadsTheSweepAtATime) {
    auto first = store_->try_lead(storage::kSweepLock);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->held());
    auto second = store_->try_lead(storage::kSweepLock);
    if (GetParam() == "postgres") {
        EXPECT_FALSE(second);
        first.reset();
        EXPECT_TRUE(store_->try_lead(storage::kSweepLock));
    } else {
        EXPECT_TRUE(second);
    }
}

// A write of a request never runs on a background thread (the sweep's, at a lower priority): when a
// background thread finds a request's write waiting with its own, a request thread takes the batch.
TEST_P(StorageTest, ARequestsWriteIsNeverRunByABackgroundThread) {
    for (int round = 0; round < 10; ++round) {
        std::atomic<bool> long_write_started{false};
        std::atomic<int> request_ran_on_background{-1};
        std::thread first([&] {
            support::lower_priority_of_this_thread();
            store_->transact([&](storage::Tx&) {
                long_write_started = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
            });
        });
        while (!long_write_started)
            std::this_thread::yield();
        // While the long background write runs: a request's write and another background write wait.
        std::thread request([&] {
            store_->transact([&](storage::Tx&) {
                request_ran_on_background = support::this_thread_is_background() ? 1 : 0;
            });
        });
        std::thread second([&] {
            support::lower_priority_of_this_thread();
            store_->transact([](storage::Tx&) {});
        });
        first.join();
        request.join();
        second.join();
        EXPECT_EQ(request_ran_on_background, 0) << "round " << round;
    }
}

// A background write that meets a concurrent change is run again, as a background write: it
// neither waits for a request of its own making nor runs any request's write.
TEST_P(StorageTest, ABackgroundWriteThatMeetsAConflictIsRunAgain) {
    int runs = 0;
    std::thread background([&] {
        support::lower_priority_of_this_thread();
        store_->transact([&](storage::Tx&) {
            if (++runs == 1)
                throw storage::StorageError("a concurrent change", true);
        });
    });
    background.join();  // a hang here is the failure
    EXPECT_EQ(runs, 2);
}

// A transaction that kept many pages in memory gives its connection back to the pool with the
// usual cache: readers on the same pool (which take the connection just released first) never
// see the wide one.
TEST_P(StorageTest, AWidenedCacheIsBackBeforeTheConnectionIsShared) {
    if (GetParam() != "sqlite")
        GTEST_SKIP() << "PostgreSQL's buffers are the server's";
    auto& store = store_;
    std::string usual;
    store->read([&](storage::Tx& tx) { usual = *tx.connection().query("PRAGMA cache_size").at(0).at(0); });
    std::atomic<bool> writing{true};
    std::atomic<int> wide_seen{0}, reads{0};
    std::thread reader([&] {
        while (writing) {
            store->read([&](storage::Tx& tx) {
                if (*tx.connection().query("PRAGMA cache_size").at(0).at(0) != usual)
                    ++wide_seen;
            });
            ++reads;
        }
    });
    // At least 300 writes, and on until the reader has read beside them (on a busy machine its
    // thread may start late).
    for (int i = 0; i < 300 || (reads < 20 && i < 100000); ++i)
        store->transact([](storage::Tx& tx) {
            tx.expect_many_pages();
            tx.connection().execute("UPDATE orgs SET name = name WHERE id = $1", {std::string("focus")});
        });
    writing = false;
    reader.join();
    EXPECT_GT(reads, 0);
    EXPECT_EQ(wide_seen, 0) << "of " << reads << " reads";
}

// Migration 11 keeps the outbox as it was, and a message queued before it is still kept once.
TEST_P(StorageTest, TheOutboxKeepsItsMessagesThroughMigrationEleven) {
    const auto& eleven = storage::migrations().at(10);
    ASSERT_EQ(eleven.version, 11);
    storage::Delivery d = a_notice("<b@meldpunt>");
    bool again = true;
    store_->transact([&](storage::Tx& tx) {
        // The outbox as migrations 9 and 10 left it, with one message in it.
        tx.connection().execute_script(
            "DROP TABLE outbox; CREATE TABLE outbox (id " +
            std::string(GetParam() == "postgres" ? "BIGSERIAL" : "INTEGER") +
            " PRIMARY KEY, org TEXT NOT NULL, reference TEXT NOT NULL, cause TEXT NOT NULL, channel TEXT NOT "
            "NULL, "
            "recipient TEXT NOT NULL, recipient_name TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT "
            "NULL, "
            "message_id TEXT NOT NULL UNIQUE, status TEXT NOT NULL, attempts BIGINT NOT NULL, "
            "next_attempt_at BIGINT NOT NULL, last_error TEXT NOT NULL, created_at BIGINT NOT NULL, sent_at "
            "BIGINT); "
            "CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued'; "
            "CREATE INDEX outbox_by_case ON outbox (org, reference); "
            "CREATE INDEX outbox_held ON outbox (org, recipient, id) WHERE status = 'held'; "
            "INSERT INTO outbox (org, reference, cause, channel, recipient, recipient_name, subject, body, "
            "message_id, status, attempts, next_attempt_at, last_error, created_at) VALUES ('focus', "
            "'2027-000001', 'overdue:contact:2027-01-20', 'email', 'anna@focus.nl', '', 'Termijn "
            "verstreken', "
            "'Zaak 2027-000001: de termijn is verstreken.', '<b@meldpunt>', 'queued', 0, 1000, '', 1000);");
        tx.connection().execute_script(GetParam() == "postgres" ? eleven.postgres : eleven.sqlite);
        again = tx.outbox.enqueue(d);
    });
    EXPECT_FALSE(again);
    std::vector<storage::Delivery> kept;
    store_->read([&](storage::Tx& tx) { kept = tx.outbox.of_case("focus", "2027-000001"); });
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].body, d.body);
    EXPECT_EQ(kept[0].message_id, d.message_id);
    EXPECT_EQ(kept[0].status, "queued");
    // Still claimed by the delivery worker, and the next message gets an id of its own.
    std::vector<storage::Delivery> claimed;
    d.message_id = "<c@meldpunt>";
    store_->transact([&](storage::Tx& tx) {
        ASSERT_TRUE(tx.outbox.enqueue(d));
        claimed = tx.outbox.claim(1000, 1300, 10);
    });
    ASSERT_EQ(claimed.size(), 2u);
    EXPECT_NE(claimed[0].id, claimed[1].id);
}

// A claim that ran out is taken over; the first worker's late mark then changes nothing, and the
// same Message-ID is never queued twice.
// Before migration 12 the newest version of a procedure was the one in force; after it, the
// organisation names the version in force, which is that same newest one, and each version stored
// before counts as put in force when it was added (by someone Meldpunt did not keep).
TEST_P(StorageTest, MigrationTwelveKeepsTheNewestVersionInForce) {
    const auto& twelve = storage::migrations().at(11);
    ASSERT_EQ(twelve.version, 12);
    std::vector<storage::ProcedureVersionRecord> versions;
    int in_force = 0;
    store_->transact([&](storage::Tx& tx) {
        tx.orgs.add_procedure("focus", "[procedure]", 100, "a@focus.nl");
        tx.orgs.add_procedure("focus", "[procedure]", 200, "a@focus.nl");
        tx.connection().execute_script(
            "DROP TABLE procedure_activations; ALTER TABLE orgs DROP COLUMN procedure_version; "
            "ALTER TABLE procedures DROP COLUMN added_by; DROP INDEX users_by_email;");
        tx.connection().execute_script(GetParam() == "postgres" ? twelve.postgres : twelve.sqlite);
        in_force = tx.orgs.procedure_in_force("focus");
        versions = tx.orgs.procedure_versions("focus");
    });
    EXPECT_EQ(in_force, 2);
    ASSERT_EQ(versions.size(), 2u);
    ASSERT_EQ(versions[1].activations.size(), 1u);
    EXPECT_EQ(versions[1].activations[0].at, 200);
    EXPECT_EQ(versions[1].activations[0].by, "");
    EXPECT_EQ(versions[0].added_by, "");
    // From now on a version added is not in force until it is put in force, and each time is kept.
    store_->transact([&](storage::Tx& tx) {
        EXPECT_EQ(tx.orgs.add_procedure("focus", "[procedure]", 300, "b@focus.nl"), 3);
        EXPECT_EQ(tx.orgs.procedure_in_force("focus"), 2);
        tx.orgs.put_in_force("focus", 3, 400, "b@focus.nl");
        tx.orgs.put_in_force("focus", 2, 500, "c@focus.nl");
        in_force = tx.orgs.procedure_in_force("focus");
        versions = tx.orgs.procedure_versions("focus");
    });
    EXPECT_EQ(in_force, 2);
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[2].added_by, "b@focus.nl");
    ASSERT_EQ(versions[1].activations.size(), 2u);
    EXPECT_EQ(versions[1].activations[1].by, "c@focus.nl");
    EXPECT_EQ(versions[1].activations[1].at, 500);
}

// Migration 13 makes the cases stored before it findable by their parties' names and addresses, and
// lists them in the order received.
TEST_P(StorageTest, MigrationThirteenFindsEarlierCasesByNameAndListsThemAsReceived) {
    const auto& thirteen = storage::migrations().at(12);
    ASSERT_EQ(thirteen.version, 13);
    const bool postgres = GetParam() == "postgres";
    store_->transact([&](storage::Tx& tx) {
        auto first = a_case("focus", "2027-000001", "Afspraak gemist");
        first.state.received_at = calendar::from_unix_seconds(1799308800);  // 5 January 2027
        first.state.representative = cases::Representative{"Fatma Yilmaz", "dochter", "fatma@example.nl", ""};
        auto second = a_case("focus", "2027-000002", "Afspraak gemist");
        second.state.received_at = calendar::from_unix_seconds(1799222400);  // 4 January 2027
        tx.cases.insert(first);
        tx.cases.insert(second);
    });
    // Back to the schema before migration 13: rowids in the order registered, no parties.
    store_->transact([&](storage::Tx& tx) {
        tx.connection().execute_script(
            postgres ? "ALTER TABLE cases DROP COLUMN search; ALTER TABLE cases DROP COLUMN parties; "
                       "ALTER TABLE cases ADD COLUMN search tsvector GENERATED ALWAYS AS "
                       "(to_tsvector('dutch', subject || ' ' || description)) STORED; "
                       "DROP INDEX cases_by_receipt; DROP INDEX cases_by_stage; DROP INDEX cases_by_handler; "
                       "CREATE INDEX cases_by_stage ON cases (org, stage, reference); "
                       "CREATE INDEX cases_by_handler ON cases (org, handler, reference);"
                     : "DROP TABLE case_terms; ALTER TABLE cases DROP COLUMN parties; UPDATE cases SET rowid "
                       "= -rowid; "
                       "UPDATE cases SET rowid = (SELECT COUNT(*) FROM cases c2 WHERE c2.reference <= "
                       "cases.reference); "
                       "DELETE FROM case_text; INSERT INTO case_text (rowid, org, reference, body) "
                       "SELECT rowid, org, reference, subject || char(10) || description FROM cases; "
                       "DROP INDEX cases_by_receipt; DROP INDEX cases_by_stage; DROP INDEX cases_by_handler; "
                       "CREATE INDEX cases_by_stage ON cases (org, stage, reference); "
                       "CREATE INDEX cases_by_handler ON cases (org, handler, reference);");
        tx.connection().execute_script(postgres ? thirteen.postgres : thirteen.sqlite);
    });
    auto listed = [&](const std::string& text) { return references_found(text); };
    using References = std::vector<std::string>;
    EXPECT_EQ(listed("fatma@example.nl"), References{"2027-000001"});
    EXPECT_EQ(listed("yilm"), References{"2027-000001"});
    EXPECT_EQ(listed(""), (References{"2027-000002", "2027-000001"}));
    EXPECT_EQ(listed("afspraak"), (References{"2027-000002", "2027-000001"}));
    // A case received later in the same second as the first follows it.
    store_->transact([&](storage::Tx& tx) {
        auto third = a_case("focus", "2027-000003", "Afspraak gemist");
        third.state.received_at = calendar::from_unix_seconds(1799222400);
        tx.cases.insert(third);
    });
    EXPECT_EQ(listed("afspraak"), (References{"2027-000002", "2027-000003", "2027-000001"}));
}

// The sweep writes a part of a page in a few statements (one on PostgreSQL for each of these);
// each row still gets its own answer: whether its case was still current, whether its effect
// was new, and the messages are kept in the order given, each Message-ID once.
TEST_P(StorageTest, ManyRowsAtOnceAnswerForEachRow) {
    store_->transact([&](storage::Tx& tx) {
        for (const char* reference : {"2027-000001", "2027-000002", "2027-000003"})
            tx.cases.insert(a_case("focus", reference, "Afspraak gemist"));
    });
    store_->transact([&](storage::Tx& tx) {
        auto changed = *tx.cases.get("focus", "2027-000002");
        changed.version = 2;
        ASSERT_TRUE(tx.cases.update(changed, 1, changed.state.stage, ""));
    });
    const calendar::Day monday = calendar::make_day(2027, 1, 25);
    std::vector<bool> set;
    store_->transact([&](storage::Tx& tx) {
        set = tx.cases.set_review_on({{"focus", "2027-000001", 1, monday},
                                      {"focus", "2027-000002", 1, monday},
                                      {"focus", "2027-000003", 1, std::nullopt},
                                      {"mos", "2027-000001", 1, monday}});
    });
    EXPECT_EQ(set, (std::vector<bool>{true, false, true, false}));
    store_->read([&](storage::Tx& tx) {
        EXPECT_EQ(tx.cases.get("focus", "2027-000001")->review_on, monday);
        EXPECT_EQ(tx.cases.get("focus", "2027-000002")->review_on, std::nullopt);
        EXPECT_EQ(tx.cases.get("focus", "2027-000003")->review_on, std::nullopt);
    });

    auto effect = [](const std::string& deadline, int day) {
        const calendar::Day due = calendar::make_day(2027, 1, day);
        return cases::Effect{cases::EffectKind::overdue,
                             cases::effect_key(cases::EffectKind::overdue, deadline, due),
                             due,
                             deadline,
                             due,
                             {"handler"},
                             ""};
    };
    std::vector<bool> fresh;
    store_->transact([&](storage::Tx& tx) {
        ASSERT_TRUE(tx.effects.record("focus", "2027-000001", effect("contact", 18), 1000));
        fresh = tx.effects.record({{"focus", "2027-000001", effect("contact", 18), true},
                                   {"focus", "2027-000001", effect("report", 20), true},
                                   {"focus", "2027-000003", effect("contact", 18), false}},
                                  2000);
    });
    EXPECT_EQ(fresh, (std::vector<bool>{false, true, true}));
    store_->read([&](storage::Tx& tx) {
        const auto first = tx.effects.of_case("focus", "2027-000001");
        ASSERT_EQ(first.size(), 2u);
        EXPECT_EQ(first[0].recorded_at, 1000);  // recorded once, the first time
        EXPECT_EQ(first[1].key, effect("report", 20).key);
        EXPECT_EQ(first[1].due, calendar::make_day(2027, 1, 20));
        const auto untold = tx.effects.untold_of("focus", 10);
        ASSERT_EQ(untold.size(), 1u);
        EXPECT_EQ(untold[0].reference, "2027-000003");
        EXPECT_EQ(untold[0].recorded_at, 2000);
    });

    storage::Delivery kept = a_notice("<a@meldpunt>");
    storage::Delivery second = a_notice("<b@meldpunt>");
    second.recipient_name = "Anna \"de\" Vries \\ ë 😀";
    second.body = "Regel één\n\tRegel twee: \"aanhalingstekens\" en \\ een backslash";
    second.status = "held";
    storage::Delivery third = a_notice("<c@meldpunt>");
    int64_t added = 0;
    store_->transact([&](storage::Tx& tx) {
        ASSERT_TRUE(tx.outbox.enqueue(kept));
        added = tx.outbox.enqueue(std::vector<storage::Delivery>{third, kept, second, third});
    });
    EXPECT_EQ(added, 2);
    std::vector<storage::Delivery> now;
    store_->read([&](storage::Tx& tx) { now = tx.outbox.of_case("focus", "2027-000001"); });
    ASSERT_EQ(now.size(), 3u);
    EXPECT_EQ(now[0].message_id, "<a@meldpunt>");
    EXPECT_EQ(now[1].message_id, "<c@meldpunt>");  // in the order given
    EXPECT_EQ(now[2].message_id, "<b@meldpunt>");
    EXPECT_EQ(now[2].recipient_name, second.recipient_name);
    EXPECT_EQ(now[2].body, second.body);
    EXPECT_EQ(now[2].status, "held");
    EXPECT_EQ(now[2].next_attempt_at, 1000);
    EXPECT_EQ(now[2].attempts, 0);
}

// Text a PostgreSQL column cannot hold is refused as a storage error that a second attempt would
// not mend, when many rows are written at once as when one is; nothing of the transaction stays.
// (SQLite keeps text as the bytes it is given.)
TEST_P(StorageTest, TextThatIsNotUtf8IsRefusedWhenManyRowsAreWritten) {
    if (GetParam() != "postgres")
        GTEST_SKIP() << "SQLite keeps text as the bytes it is given";
    storage::Delivery bad = a_notice("<bad@meldpunt>");
    bad.body = std::string("Caf\xe9");
    try {
        store_->transact([&](storage::Tx& tx) {
            tx.outbox.enqueue(std::vector<storage::Delivery>{a_notice("<a@meldpunt>"), bad});
        });
        ADD_FAILURE() << "PostgreSQL took text that is not UTF-8";
    } catch (const storage::StorageError& e) {
        EXPECT_FALSE(e.retryable());
    }
    std::vector<storage::Delivery> now;
    store_->read([&](storage::Tx& tx) { now = tx.outbox.of_case("focus", "2027-000001"); });
    EXPECT_TRUE(now.empty());
}

TEST_P(StorageTest, AnOvertakenClaimCannotMarkTheDelivery) {
    storage::Delivery d = a_notice("<a@meldpunt>");
    bool again = true;
    store_->transact([&](storage::Tx& tx) {
        ASSERT_TRUE(tx.outbox.enqueue(d));
        again = tx.outbox.enqueue(d);
    });
    EXPECT_FALSE(again);
    std::vector<storage::Delivery> first, second, none;
    store_->transact([&](storage::Tx& tx) { first = tx.outbox.claim(1000, 1300, 10); });
    store_->transact([&](storage::Tx& tx) { none = tx.outbox.claim(1100, 1400, 10); });
    store_->transact([&](storage::Tx& tx) { second = tx.outbox.claim(1300, 1600, 10); });
    ASSERT_EQ(first.size(), 1u);
    EXPECT_TRUE(none.empty());  // still claimed
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].attempts, 2);
    store_->transact([&](storage::Tx& tx) { tx.outbox.mark_failed(first[0].id, first[0].attempts, "late"); });
    std::vector<storage::Delivery> now;
    store_->read([&](storage::Tx& tx) { now = tx.outbox.of_case("focus", "2027-000001"); });
    EXPECT_EQ(now[0].status, "queued");
    store_->transact([&](storage::Tx& tx) { tx.outbox.mark_sent(second[0].id, second[0].attempts, 1310); });
    store_->read([&](storage::Tx& tx) { now = tx.outbox.of_case("focus", "2027-000001"); });
    EXPECT_EQ(now[0].status, "sent");
    EXPECT_EQ(now[0].sent_at, 1310);
}

TEST_P(StorageTest, CaseRoundTripsLosslessly) {
    StoredCase s = a_case("focus", "2027-000001", "Afspraak gemist");
    s.state.deadlines.push_back({"contact",
                                 calendar::make_day(2027, 1, 14),
                                 *calendar::parse_period("2 werkdagen"),
                                 {},
                                 {{calendar::make_day(2027, 1, 15), std::nullopt}},
                                 std::nullopt,
                                 std::nullopt});
    s.state.events.push_back({"intake",
                              std::chrono::sys_seconds{std::chrono::seconds{1800000000}},
                              "anna",
                              "",
                              "ontvangen",
                              {{"note", "€ ü \"quoted\""}}});
    store_->transact([&](storage::Tx& tx) { tx.cases.insert(s); });
    std::optional<StoredCase> back;
    store_->transact([&](storage::Tx& tx) { back = tx.cases.get("focus", "2027-000001"); });
    ASSERT_TRUE(back);
    EXPECT_EQ(back->state, s.state);
    EXPECT_EQ(back->version, 1);
    EXPECT_EQ(back->next_due, s.next_due);
}

TEST_P(StorageTest, OrganisationsNeverSeeEachOthersCases) {
    store_->transact(
        [&](storage::Tx& tx) { tx.cases.insert(a_case("focus", "2027-000001", "Afspraak gemist")); });
    store_->transact([&](storage::Tx& tx) {
        EXPECT_FALSE(tx.cases.get("mos", "2027-000001"));
        EXPECT_TRUE(tx.cases.list("mos", {}).empty());
        EXPECT_EQ(tx.cases.list("focus", {}).size(), 1u);
    });
}

TEST_P(StorageTest, UpdateWithAStaleVersionWritesNothing) {
    StoredCase s = a_case("focus", "2027-000001", "Afspraak gemist");
    store_->transact([&](storage::Tx& tx) { tx.cases.insert(s); });
    s.state.stage = "in_behandeling";
    s.version = 2;
    bool first = false, second = true;
    store_->transact([&](storage::Tx& tx) { first = tx.cases.update(s, 1, s.state.stage, ""); });
    s.state.stage = "afgesloten";
    s.version = 2;
    store_->transact([&](storage::Tx& tx) { second = tx.cases.update(s, 1, s.state.stage, ""); });
    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    store_->transact([&](storage::Tx& tx) {
        EXPECT_EQ(tx.cases.get("focus", "2027-000001")->state.stage, "in_behandeling");
    });
}

// A case read without figures, filled in by the sweep before the reader writes it: the reader's
// write does not apply (it runs again, reading the figures), so the case counts once in the tallies.
TEST_P(StorageTest, AnUpdateAppliesOnlyToTheFiguresItRead) {
    StoredCase s = a_case("focus", "2027-000001", "Afspraak gemist");
    store_->transact([&](storage::Tx& tx) { tx.cases.insert(s); });  // written before figures were kept
    const auto line = [](const std::string& kind) {
        report::CaseFigures figures;
        figures.kind = kind;
        figures.received_on = calendar::make_day(2027, 1, 14);
        return report::tally_line(report::tally_keys(figures));
    };
    bool filled = false;
    store_->transact([&](storage::Tx& tx) {
        filled = tx.cases.set_figures("focus", s.state.reference, 1, line("complaint"));
    });
    ASSERT_TRUE(filled);
    store_->transact([&](storage::Tx& tx) {
        EXPECT_FALSE(tx.cases.set_figures("focus", s.state.reference, 1, line("question")));  // once
    });
    s.version = 2;
    s.figures = line("question");
    bool stale = true, fresh = false;
    store_->transact([&](storage::Tx& tx) { stale = tx.cases.update(s, 1, s.state.stage, ""); });
    store_->transact(
        [&](storage::Tx& tx) { fresh = tx.cases.update(s, 1, s.state.stage, line("complaint")); });
    EXPECT_FALSE(stale);
    EXPECT_TRUE(fresh);
    std::map<std::pair<std::string, std::string>, int64_t> tallies;
    store_->read([&](storage::Tx& tx) {
        for (const auto& tally : tx.report_tallies.in_months("focus", "2027-01", "2027-01"))
            tallies[{tally.key.dimension, tally.key.value}] = tally.count;
        EXPECT_EQ(tx.cases.get("focus", s.state.reference)->figures, line("question"));
    });
    EXPECT_EQ((tallies[{"received", ""}]), 1);
    EXPECT_EQ((tallies[{"kind", "question"}]), 1);
    EXPECT_EQ(tallies.count({"kind", "complaint"}), 0u);  // back to zero: not read
}

TEST_P(StorageTest, ReadsInASharedReadSeeOneSnapshot) {
    StoredCase s = a_case("focus", "2027-000001", "Afspraak gemist");
    store_->transact([&](storage::Tx& tx) { tx.cases.insert(s); });
    auto version = [&] {
        int64_t v = 0;
        store_->read([&](storage::Tx& tx) { v = tx.cases.stamp("focus", "2027-000001").value().version; });
        return v;
    };
    {
        const storage::Store::SharedRead scope(*store_);
        const storage::Store::SharedRead nested(*store_);
        EXPECT_EQ(version(), 1);
        // Another thread changes the case and commits.
        std::thread writer([&] {
            s.version = 2;
            s.state.stage = "in_behandeling";
            store_->transact([&](storage::Tx& tx) { ASSERT_TRUE(tx.cases.update(s, 1, s.state.stage, "")); });
        });
        writer.join();
        EXPECT_EQ(version(), 1);  // still the scope's snapshot
    }
    EXPECT_EQ(version(), 2);
    std::optional<storage::CaseStamp> missing;
    store_->read([&](storage::Tx& tx) { missing = tx.cases.stamp("mos", "2027-000001"); });
    EXPECT_FALSE(missing);
}

TEST_P(StorageTest, ReferenceSeriesPerOrganisationAndYear) {
    std::vector<int64_t> numbers;
    for (int i = 0; i < 3; ++i)
        store_->transact(
            [&](storage::Tx& tx) { numbers.push_back(tx.cases.next_reference_number("focus", 2027)); });
    store_->transact([&](storage::Tx& tx) {
        numbers.push_back(tx.cases.next_reference_number("focus", 2028));
        numbers.push_back(tx.cases.next_reference_number("mos", 2027));
    });
    EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2, 3, 1, 1}));
}

TEST_P(StorageTest, RegisterFiltersAndFullTextSearch) {
    store_->transact([&](storage::Tx& tx) {
        tx.cases.insert(a_case("focus", "2027-000001", "Factuur klopt niet"));
        auto second = a_case("focus", "2027-000002", "Onvriendelijke behandeling aan de telefoon");
        second.state.stage = "in_behandeling";
        second.state.handler = "karin@focus.nl";
        second.description = "De medewerkster was onbeleefd.";
        second.next_due = calendar::make_day(2027, 2, 1);
        tx.cases.insert(second);
    });
    store_->transact([&](storage::Tx& tx) {
        storage::CaseQuery q;
        q.stage = "in_behandeling";
        ASSERT_EQ(tx.cases.list("focus", q).size(), 1u);
        q = {};
        q.text = "telefoon";
        auto found = tx.cases.list("focus", q);
        ASSERT_EQ(found.size(), 1u);
        EXPECT_EQ(found[0].state.reference, "2027-000002");
        q = {};
        q.text = "factuur";
        EXPECT_EQ(tx.cases.list("focus", q).size(), 1u);
        q.text = "\"); DROP TABLE cases; --";  // searched for, not executed
        EXPECT_TRUE(tx.cases.list("focus", q).empty());
        q = {};
        q.overdue_on = calendar::make_day(2027, 1, 20);
        EXPECT_EQ(tx.cases.list("focus", q).size(), 1u);
        q = {};
        q.limit = 1;
        auto page = tx.cases.list("focus", q);
        ASSERT_EQ(page.size(), 1u);
        q.after_reference = page[0].state.reference;
        EXPECT_EQ(tx.cases.list("focus", q).at(0).state.reference, "2027-000002");
        q = {};
        q.restricted = true;
        q.handled_by = "karin@focus.nl";
        EXPECT_EQ(tx.cases.list("focus", q).size(), 1u);
        EXPECT_EQ(tx.cases.count(), 2);
    });
}

TEST_P(StorageTest, TheRegisterFindsAReferenceANameAnAddressAndTheBeginningOfAWord) {
    store_->transact([&](storage::Tx& tx) {
        tx.cases.next_reference_number("focus", 2026);
        tx.cases.next_reference_number("focus", 2027);
        auto first = a_case("focus", "2027-000001", "Medicatie te laat gegeven");
        first.state.complainant = {"Petra de Vries", "petra.devries@example.nl", "", "", false, false};
        tx.cases.insert(first);
        auto second = a_case("focus", "2027-000002", "Rekening klopt niet");
        second.state.complainant = {"Ahmed Yilmaz", "", "", "", false, false};
        second.state.representative =
            cases::Representative{"Fatma Yilmaz", "dochter", "fatma@example.nl", ""};
        second.description = "Factuur 123 voor de ritten van maart.";
        tx.cases.insert(second);
        auto third = a_case("focus", "2026-000123", "Bus kwam niet");
        third.state.complainant.name = "K. Bakker";
        tx.cases.insert(third);
    });
    auto found = [&](const std::string& text) { return references_found(text); };
    using References = std::vector<std::string>;
    EXPECT_EQ(found("medicat"), References{"2027-000001"});  // the beginning of a word
    EXPECT_EQ(found("MEDICATIE laat"), References{"2027-000001"});
    EXPECT_EQ(found("Petra"), References{"2027-000001"});
    EXPECT_EQ(found("de vries"), References{"2027-000001"});
    EXPECT_EQ(found("petra.devries@example.nl"), References{"2027-000001"});
    EXPECT_EQ(found("fatma@example.nl"), References{"2027-000002"});  // the representative
    EXPECT_EQ(found("yilmaz"), References{"2027-000002"});
    EXPECT_EQ(found("2027-000002"), References{"2027-000002"});
    EXPECT_EQ(found("2027-2"), References{"2027-000002"});
    // A number alone is a reference in any year when there is one, and a word when there is none.
    EXPECT_EQ(found("123"), References{"2026-000123"});
    EXPECT_EQ(found("2"), References{"2027-000002"});
    EXPECT_TRUE(found("2027-000009").empty());
    EXPECT_TRUE(found("vriesland").empty());
    EXPECT_TRUE(found("medicatie rekening").empty());  // every word is required
    // A symbol between the words is no word (an en dash pasted with the text).
    EXPECT_EQ(found("medicatie – laat €"), References{"2027-000001"});
    // Found by reference, a case is still filtered and kept from those who may not see it; a number
    // whose case this person may not see is searched for as a word.
    storage::CaseQuery hidden;
    hidden.text = "2027-000001";
    hidden.restricted = true;
    hidden.handled_by = "karin@focus.nl";
    store_->transact([&](storage::Tx& tx) {
        auto second = *tx.cases.get("focus", "2027-000002");
        second.state.handler = "karin@focus.nl";
        ASSERT_TRUE(tx.cases.update(second, second.version, second.state.stage, ""));
        auto anonymous = a_case("focus", "2027-000003", "Onveilige situatie");
        anonymous.state.complainant = {"Geheim Persoon", "geheim@example.nl", "", "", true, false};
        tx.cases.insert(anonymous);
    });
    store_->read([&](storage::Tx& tx) {
        EXPECT_TRUE(tx.cases.list("focus", hidden).empty());
        hidden.text = "123";
        const auto found_as_word = tx.cases.list("focus", hidden);
        ASSERT_EQ(found_as_word.size(), 1u);
        EXPECT_EQ(found_as_word[0].state.reference, "2027-000002");  // "Factuur 123"
    });
    // An anonymous complainant is not found by a name or address that was noted anyway.
    EXPECT_TRUE(found("geheim").empty());
    EXPECT_EQ(found("onveilige"), References{"2027-000003"});
}

TEST_P(StorageTest, TheRegisterListsCasesInTheOrderReceivedAndBetweenTwoDays) {
    // A letter received on 4 January and registered after a case received on 5 January.
    const auto at = [](int day) {
        return calendar::unix_seconds(std::chrono::sys_days{calendar::make_day(2027, 1, day)}) + 9 * 3600;
    };
    const std::pair<const char*, int> received[] = {
        {"2027-000001", 5}, {"2027-000002", 4}, {"2027-000003", 7}, {"2027-000004", 5}};
    store_->transact([&](storage::Tx& tx) {
        for (const auto& [reference, day] : received) {
            auto s = a_case("focus", reference, "Afspraak gemist");
            s.state.received_at = calendar::from_unix_seconds(at(day));
            tx.cases.insert(s);
        }
    });
    using References = std::vector<std::string>;
    auto listed = [&](storage::CaseQuery q) {
        References references;
        for (int page = 0; page < 5; ++page) {
            std::vector<StoredCase> rows;
            store_->read([&](storage::Tx& tx) { rows = tx.cases.list("focus", q); });
            for (const auto& row : rows)
                references.push_back(row.state.reference);
            if (rows.size() < static_cast<size_t>(q.limit))
                break;
            q.after_reference = rows.back().state.reference;
            q.after_received = calendar::unix_seconds(rows.back().state.received_at);
        }
        return references;
    };
    for (const char* text : {"", "afspraak"}) {
        storage::CaseQuery q;
        q.text = text;
        q.limit = 1;
        EXPECT_EQ(listed(q), (References{"2027-000002", "2027-000001", "2027-000004", "2027-000003"}))
            << text;
        q.order = storage::CaseQuery::Order::newest_first;
        EXPECT_EQ(listed(q), (References{"2027-000003", "2027-000004", "2027-000001", "2027-000002"}))
            << text;
        q = {};
        q.text = text;
        q.received_from = at(5) - 9 * 3600;
        q.received_before = at(6) - 9 * 3600;
        EXPECT_EQ(listed(q), (References{"2027-000001", "2027-000004"})) << text;
    }
}

TEST_P(StorageTest, DocumentsAreStoredOncePerContent) {
    storage::DocumentRecord d{"focus", "2027-000001", "d1",     "brief.pdf", "application/pdf",
                              4,       "abc",         "shared", 1,           "anna"};
    store_->transact([&](storage::Tx& tx) {
        tx.cases.insert(a_case("focus", "2027-000001", "x"));
        tx.dossier.put_document(d, std::string("%PDF\0\xff", 6));
        d.id = "d2";
        tx.dossier.put_document(d, std::string("%PDF\0\xff", 6));
    });
    store_->transact([&](storage::Tx& tx) {
        EXPECT_EQ(tx.dossier.documents("focus", "2027-000001").size(), 2u);
        auto doc = tx.dossier.document("focus", "2027-000001", "d1");
        ASSERT_TRUE(doc);
        EXPECT_EQ(doc->second, std::string("%PDF\0\xff", 6));
        EXPECT_FALSE(tx.dossier.document("mos", "2027-000001", "d1"));
    });
}

TEST_P(StorageTest, AuditTableRefusesChanges) {
    store_->transact([](storage::Tx& tx) {
        tx.audit.insert({1, 1, "focus", "anna", "intake", "2027-1", "{}", "", "h"});
    });
    EXPECT_THROW(
        store_->transact([](storage::Tx& tx) { tx.connection().query("UPDATE audit SET actor = 'x'"); }),
        storage::StorageError);
    EXPECT_THROW(store_->transact([](storage::Tx& tx) { tx.connection().query("DELETE FROM audit"); }),
                 storage::StorageError);
    store_->transact([](storage::Tx& tx) { EXPECT_EQ(tx.audit.last()->actor, "anna"); });
}

// Concurrent writers (group-committed on SQLite): a unit that fails leaves nothing behind and
// reports its own error; every other unit is committed and told so.
TEST_P(StorageTest, ConcurrentWritesFailAloneAndCommitTogether) {
    std::atomic<int> failures{0}, successes{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                const std::string id = "o" + std::to_string(t) + "-" + std::to_string(i);
                try {
                    store_->transact([&](storage::Tx& tx) {
                        tx.orgs.insert({id, id}, 1);
                        tx.cases.next_reference_number("focus", 2027);
                        // Its full-text row is written at the end of the shared transaction: it
                        // must go with the unit that rolls back, and stay with those that commit.
                        auto stored = a_case("focus", id, "Rolluik " + id + " klemt");
                        // And its tallies, gathered to the end of the shared transaction as well.
                        report::CaseFigures figures;
                        figures.kind = "complaint";
                        figures.unit = "unit-" + std::to_string(t);
                        figures.received_on = stored.state.received_on;
                        stored.figures = report::tally_line(report::tally_keys(figures));
                        tx.cases.insert(stored);
                        if (i % 7 == 0)
                            throw std::runtime_error("unit " + id + " fails after writing");
                    });
                    ++successes;
                } catch (const std::runtime_error& e) {
                    EXPECT_EQ(std::string(e.what()), "unit " + id + " fails after writing");
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures, 8 * 4);
    EXPECT_EQ(successes, 8 * 21);
    store_->read([&](storage::Tx& tx) {
        EXPECT_EQ(tx.orgs.all().size(), 2u + 8 * 21);
        EXPECT_FALSE(tx.orgs.get("o3-7"));
        EXPECT_TRUE(tx.orgs.get("o3-8"));
    });
    int64_t next = 0;
    store_->transact([&](storage::Tx& tx) { next = tx.cases.next_reference_number("focus", 2027); });
    EXPECT_EQ(next, 8 * 21 + 1);  // failed units took no number
    storage::CaseQuery everything;
    everything.text = "rolluik";
    everything.limit = 500;
    storage::CaseQuery failed_one, committed_one;
    failed_one.text = "o3-7";
    committed_one.text = "o3-8";
    store_->read([&](storage::Tx& tx) {
        EXPECT_EQ(tx.cases.list("focus", everything).size(), 8u * 21);
        EXPECT_TRUE(tx.cases.list("focus", failed_one).empty());
        ASSERT_EQ(tx.cases.list("focus", committed_one).size(), 1u);
        EXPECT_EQ(tx.cases.list("focus", committed_one)[0].state.reference, "o3-8");
        std::map<std::pair<std::string, std::string>, int64_t> tallies;
        for (const auto& tally : tx.report_tallies.in_months("focus", "2027-01", "2027-01"))
            tallies[{tally.key.dimension, tally.key.value}] = tally.count;
        EXPECT_EQ((tallies[{"received", ""}]), 8 * 21);
        EXPECT_EQ((tallies[{"kind", "complaint"}]), 8 * 21);
        for (int t = 0; t < 8; ++t)
            EXPECT_EQ((tallies[{"unit", "unit-" + std::to_string(t)}]), 21) << t;
    });
}

// Two stores on one database stand for two servers: each batches its own writers, and a unit that
// finds the case changed by the other (its version moved on) is run again, not failed.
TEST_P(StorageTest, AUnitThatMeetsAConcurrentChangeIsRunAgain) {
    const std::string url = meldpunt::testing::fresh_database(GetParam());
    auto first = storage::Store::open(url);
    auto second = storage::Store::open(url);
    first->transact([&](storage::Tx& tx) {
        tx.orgs.insert({"focus", "Focus"}, 1);
        tx.cases.insert(a_case("focus", "2027-000001", "Afspraak gemist"));
    });
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            auto& store = t % 2 ? *first : *second;
            for (int i = 0; i < 10; ++i) {
                try {
                    store.transact([&](storage::Tx& tx) {
                        auto stored = tx.cases.get("focus", "2027-000001").value();
                        const int64_t seen = stored.version;
                        stored.version = seen + 1;
                        if (!tx.cases.update(stored, seen, stored.state.stage, ""))
                            throw storage::StorageError("the case changed concurrently", true);
                    });
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures, 0);
    int64_t version = 0;
    first->read([&](storage::Tx& tx) { version = tx.cases.get("focus", "2027-000001")->version; });
    EXPECT_EQ(version, 1 + 6 * 10);
}

// SQLite: the write-ahead log reaches the database file by the Store's own background checkpoints,
// long before SQLite's safety-net threshold (8000 pages) would make a writer do it.
TEST_P(StorageTest, TheLogIsCopiedIntoTheDatabaseInTheBackground) {
    if (GetParam() != "sqlite")
        GTEST_SKIP() << "PostgreSQL checkpoints itself";
    const std::string path = meldpunt::testing::fresh_database("sqlite");
    auto store = storage::Store::open(path);
    store->transact([&](storage::Tx& tx) { tx.orgs.insert({"focus", "Focus"}, 1); });
    const auto before = std::filesystem::file_size(path);
    store->transact([&](storage::Tx& tx) {
        for (int i = 0; i < 300; ++i) {
            auto c = a_case("focus", "2027-" + std::to_string(100000 + i), "Afspraak gemist");
            c.description = std::string(4000, 'x');
            tx.cases.insert(c);
        }
    });
    // Still in the log: of the 1.2 MB just written, not even half is in the database file. (A
    // background checkpoint may meanwhile copy the schema and the organisation, written earlier.)
    EXPECT_LT(std::filesystem::file_size(path), before + 600 * 1024);
    bool copied = false;
    for (int i = 0; i < 100 && !copied; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        copied = std::filesystem::file_size(path) > before + 1024 * 1024;
    }
    EXPECT_TRUE(copied);
}

// Every order pages through every case once, with and without a text search: by reference either
// way, and by the next due day (cases without one last; equal days by reference).
TEST_P(StorageTest, TheRegisterPagesThroughEachOrder) {
    const std::vector<std::pair<const char*, std::optional<calendar::Day>>> cases{
        {"2027-000001", calendar::make_day(2027, 2, 3)},
        {"2027-000002", std::nullopt},
        {"2027-000003", calendar::make_day(2027, 1, 20)},
        {"2027-000004", calendar::make_day(2027, 2, 3)},
        {"2027-000005", calendar::make_day(2027, 1, 25)}};
    store_->transact([&](storage::Tx& tx) {
        for (const auto& [reference, due] : cases) {
            auto s = a_case("focus", reference, "Afspraak gemist");
            s.next_due = due;
            tx.cases.insert(s);
        }
    });
    using Order = storage::CaseQuery::Order;
    const std::map<Order, std::vector<std::string>> expected{
        {Order::oldest_first, {"2027-000001", "2027-000002", "2027-000003", "2027-000004", "2027-000005"}},
        {Order::newest_first, {"2027-000005", "2027-000004", "2027-000003", "2027-000002", "2027-000001"}},
        {Order::next_due, {"2027-000003", "2027-000005", "2027-000001", "2027-000004", "2027-000002"}}};
    for (const auto& [order, references] : expected) {
        for (const char* text : {"", "afspraak"}) {
            storage::CaseQuery q;
            q.order = order;
            q.text = text;
            q.limit = 2;
            std::vector<std::string> seen;
            for (int page = 0; page < 5; ++page) {
                std::vector<StoredCase> rows;
                store_->read([&](storage::Tx& tx) { rows = tx.cases.list("focus", q); });
                for (const auto& row : rows)
                    seen.push_back(row.state.reference);
                if (rows.size() < 2)
                    break;
                q.after_reference = rows.back().state.reference;
                q.after_received = calendar::unix_seconds(rows.back().state.received_at);
                q.after_due = rows.back().next_due ? calendar::format_day(*rows.back().next_due) : "";
            }
            EXPECT_EQ(seen, references) << static_cast<int>(order) << " " << text;
        }
    }
}

TEST_P(StorageTest, TheRegisterCanListTheNewestFirst) {
    store_->transact([&](storage::Tx& tx) {
        for (const char* reference : {"2027-000001", "2027-000002", "2027-000003"})
            tx.cases.insert(a_case("focus", reference, "Afspraak gemist"));
    });
    storage::CaseQuery newest;
    newest.order = storage::CaseQuery::Order::newest_first;
    newest.limit = 2;
    storage::CaseQuery newest_matching = newest;
    newest_matching.text = "afspraak";
    store_->read([&](storage::Tx& tx) {
        for (const auto& q : {newest, newest_matching}) {
            const auto cases = tx.cases.list("focus", q);
            ASSERT_EQ(cases.size(), 2u);
            EXPECT_EQ(cases[0].state.reference, "2027-000003");
            EXPECT_EQ(cases[1].state.reference, "2027-000002");
        }
    });
}

TEST_P(StorageTest, IdempotencyKeysArePerOrganisation) {
    store_->transact([](storage::Tx& tx) { tx.cases.remember_idempotency("focus", "k1", "2027-000001"); });
    store_->transact([](storage::Tx& tx) {
        EXPECT_EQ(tx.cases.idempotent_reference("focus", "k1"), "2027-000001");
        EXPECT_FALSE(tx.cases.idempotent_reference("mos", "k1"));
    });
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
