// `meldpunt serve` as a real process: an acknowledged intake survives kill -9 at any moment, SIGTERM
// shuts down gracefully, several servers share one PostgreSQL database, and the command line sets
// up organisations and people and verifies the audit trail (and notices when it was tampered with).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "service/audit_log.hpp"
#include "storage/row_values.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/smtp_server.hpp"
#include "support/webhook_receiver.hpp"

namespace {

using nlohmann::json;
using namespace meldpunt::testing;

std::string run_cli(const std::string& arguments, int* exit_code = nullptr) {
    std::string out;
    FILE* pipe = popen((std::string(MELDPUNT_BINARY) + " " + arguments + " 2>&1").c_str(), "r");
    char buffer[4096];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    const int status = pclose(pipe);
    if (exit_code)
        *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

// Someone with direct access to the database removes the trigger that guards the audit table
// (`sqlite_trigger` on SQLite; PostgreSQL has one trigger for both changes).
void drop_audit_guard(meldpunt::storage::Tx& tx, const std::string& sqlite_trigger) {
    if (tx.connection().dialect() == meldpunt::storage::Dialect::sqlite)
        tx.connection().execute_script("DROP TRIGGER " + sqlite_trigger);
    else
        tx.connection().execute_script("DROP TRIGGER audit_no_change ON audit");
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

class ServerProcessTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = fresh_database(GetParam());
        int rc = 0;
        run_cli("org create --db " + db_ + " --id focus --procedure " + std::string(MELDPUNT_POLICY_DIR) +
                    "/focus.toml",
                &rc);
        ASSERT_EQ(rc, 0);
        token_ = trim(run_cli(
            "user create --db " + db_ + " --org focus --email anna@focus.nl --name Anna --role manager",
            &rc));
        ASSERT_EQ(rc, 0) << token_;
        ASSERT_EQ(token_.size(), 64u) << token_;
        log_ = ::testing::TempDir() + "serve-" + GetParam() + ".log";
    }

    std::unique_ptr<Process> start_server(int port) {
        auto p = std::make_unique<Process>(
            std::vector<std::string>{MELDPUNT_BINARY, "serve", "--db", db_, "--listen",
                                     "127.0.0.1:" + std::to_string(port)},
            log_);
        EXPECT_TRUE(wait_until_healthy(port, 20)) << "server did not start; see " << log_;
        return p;
    }

    HttpResult post_intake(int port) {
        return http_request(port, "POST", "/api/v1/orgs/focus/cases",
                            {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                            json{{"kind", "complaint"}, {"channel", "web"}, {"subject", "Crash"}}.dump());
    }

    // The first column of `sql`'s rows, read from the register (what a killed server left claimed).
    std::set<std::string> first_column(const std::string& sql) {
        std::set<std::string> out;
        auto store = meldpunt::storage::Store::open(db_, 1);
        store->read([&](meldpunt::storage::Tx& tx) {
            for (const auto& row : tx.connection().query(sql))
                out.insert(*row.at(0));
        });
        return out;
    }

    std::string db_, token_, log_;
};

// This moment a week ago in UTC ("2026-11-28T00:43:05Z"): a complaint received then has missed its
// first deadlines whenever the test runs.
std::string a_week_ago() {
    const auto then =
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::days{7};
    const std::time_t t = std::chrono::system_clock::to_time_t(then);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return text;
}

TEST_P(ServerProcessTest, AcknowledgedIntakesSurviveKill9) {
    const int port = free_tcp_port();
    std::set<std::string> acknowledged;
    for (int round = 0; round < 3; ++round) {
        auto server = start_server(port);
        std::atomic<bool> go{true};
        std::mutex mutex;
        std::vector<std::thread> clients;
        for (int c = 0; c < 4; ++c) {
            clients.emplace_back([&] {
                while (go) {
                    try {
                        auto r = post_intake(port);
                        if (r.status == 201) {
                            std::lock_guard lock(mutex);
                            acknowledged.insert(json::parse(r.body)["reference"].get<std::string>());
                        }
                    } catch (const std::exception&) {
                        return;  // the server is gone
                    }
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(700 + 300 * round));
        server->kill_hard();  // no chance to flush anything
        go = false;
        for (auto& t : clients)
            t.join();
    }
    ASSERT_GT(acknowledged.size(), 10u);
    auto server = start_server(port);
    for (const auto& reference : acknowledged) {
        auto r = http_request(port, "GET", "/api/v1/orgs/focus/cases/" + reference,
                              {{"Authorization", "Bearer " + token_}});
        EXPECT_EQ(r.status, 200) << reference << " was acknowledged but is gone";
    }
    int rc = 0;
    const std::string verify = run_cli("audit verify --db " + db_, &rc);
    EXPECT_EQ(rc, 0) << verify;
    EXPECT_EQ(server->terminate(), 0);
}

TEST_P(ServerProcessTest, SigtermShutsDownGracefully) {
    const int port = free_tcp_port();
    auto server = start_server(port);
    EXPECT_EQ(post_intake(port).status, 201);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(server->terminate(), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_P(ServerProcessTest, CommandLineRefusesBadInput) {
    int rc = 0;
    std::string out = run_cli("org create --db " + db_ + " --id focus --procedure " +
                                  std::string(MELDPUNT_POLICY_DIR) + "/focus.toml --lang en",
                              &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("already exists"), std::string::npos) << out;
    out = run_cli("org create --db " + db_ + " --id 'Bad Id' --procedure " +
                      std::string(MELDPUNT_POLICY_DIR) + "/mos.toml --lang en",
                  &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("not a valid organisation id"), std::string::npos) << out;
    out = run_cli(
        "user create --db " + db_ + " --org focus --email x@focus.nl --name X --role pope --lang en", &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("role 'pope' does not exist"), std::string::npos) << out;
    out = run_cli(
        "user create --db " + db_ + " --org nowhere --email x@focus.nl --name X --role manager --lang en",
        &rc);
    EXPECT_EQ(rc, 1);
}

TEST_P(ServerProcessTest, ACaseKeepsTheProcedureVersionItStartedUnder) {
    const int port = free_tcp_port();
    auto server = start_server(port);
    const auto first = json::parse(post_intake(port).body);
    ASSERT_EQ(first["procedure"]["version"], 1);
    EXPECT_EQ(first["deadlines"][1]["name"], "contact");
    // Version 2 drops the same-day report deadline.
    std::ifstream in(std::string(MELDPUNT_POLICY_DIR) + "/focus.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string report = "[[deadline]]\nid = \"report\"";
    const auto at = text.find(report);
    ASSERT_NE(at, std::string::npos);
    text.erase(at, text.find("[[deadline]]", at + 1) - at);
    for (std::string meets = "meets = [\"report\"]\n"; text.find(meets) != std::string::npos;)
        text.erase(text.find(meets), meets.size());
    const std::string file = ::testing::TempDir() + "focus-v2-" + GetParam() + ".toml";
    std::ofstream(file) << text;
    int rc = 0;
    const std::string out =
        run_cli("org procedure --db " + db_ + " --id focus --activate --procedure " + file, &rc);
    ASSERT_EQ(rc, 0) << out;
    EXPECT_EQ(trim(out), "2");
    const auto second = json::parse(post_intake(port).body);
    EXPECT_EQ(second["procedure"]["version"], 2);
    EXPECT_EQ(second["deadlines"].size(), 3u);
    auto again = json::parse(http_request(port, "GET",
                                          "/api/v1/orgs/focus/cases/" + first["reference"].get<std::string>(),
                                          {{"Authorization", "Bearer " + token_}})
                                 .body);
    EXPECT_EQ(again["procedure"]["version"], 1);
    EXPECT_EQ(again["deadlines"].size(), 4u);
    // An invalid new version is refused with its diagnostics and changes nothing.
    std::ofstream(file) << "[procedure]\nid = \"focus\"\n";
    const std::string refused =
        run_cli("org procedure --db " + db_ + " --id focus --procedure " + file + " --lang en", &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(refused.find("focus-v2-" + GetParam() + ".toml:1: 'name' is missing in [procedure]"),
              std::string::npos)
        << refused;
    EXPECT_EQ(json::parse(post_intake(port).body)["procedure"]["version"], 2);
}

TEST_P(ServerProcessTest, AuditVerifyDetectsTampering) {
    int rc = 0;
    EXPECT_NE(run_cli("audit verify --db " + db_, &rc).find("intact: 2 entries"), std::string::npos);
    EXPECT_EQ(rc, 0);
    // Someone edits the database behind Meldpunt's back: first the triggers must go, then a row changes.
    auto store = meldpunt::storage::Store::open(db_);
    store->transact([](meldpunt::storage::Tx& tx) {
        drop_audit_guard(tx, "audit_no_update");
        tx.connection().query("UPDATE audit SET actor = 'someone else' WHERE seq = 1");
    });
    const std::string out = run_cli("audit verify --db " + db_, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("BROKEN at entry 1 (hash)"), std::string::npos) << out;
}

TEST_P(ServerProcessTest, AuditVerifyDetectsARemovedEntry) {
    auto store = meldpunt::storage::Store::open(db_);
    store->transact([](meldpunt::storage::Tx& tx) {
        drop_audit_guard(tx, "audit_no_delete");
        tx.connection().query("DELETE FROM audit WHERE seq = 1");
    });
    int rc = 0;
    const std::string out = run_cli("audit verify --db " + db_, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("BROKEN at entry 1 (sequence)"), std::string::npos) << out;
}

// The newest entries removed leave a valid, shorter chain; the anchor printed earlier catches it.
TEST_P(ServerProcessTest, AuditVerifyWithAnAnchorDetectsRemovedNewestEntries) {
    int rc = 0;
    const std::string before = run_cli("audit verify --db " + db_, &rc);
    const auto at = before.find("anchor: ");
    ASSERT_NE(at, std::string::npos) << before;
    const std::string anchor = before.substr(at + 8, before.find(' ', at + 8) - at - 8);
    EXPECT_EQ(anchor.substr(0, 2), "2:");
    run_cli("audit verify --db " + db_ + " --anchor " + anchor, &rc);
    EXPECT_EQ(rc, 0);
    auto store = meldpunt::storage::Store::open(db_);
    store->transact([](meldpunt::storage::Tx& tx) {
        drop_audit_guard(tx, "audit_no_delete");
        tx.connection().query("DELETE FROM audit WHERE seq = 2");
    });
    EXPECT_NE(run_cli("audit verify --db " + db_, &rc).find("intact: 1 entries"), std::string::npos);
    const std::string out = run_cli("audit verify --db " + db_ + " --anchor " + anchor, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("entry 2 of an anchor is missing or different"), std::string::npos) << out;
    run_cli("audit verify --db " + db_ + " --anchor 2:nothex", &rc);
    EXPECT_EQ(rc, 1);
}

// Issue 15: the chain keyed with a secret outside the database, and anchors published outside it.
// With a key the trail verifies only with it; a command without the key may not append to a keyed
// chain; serve appends the chain's head to a file; someone with write access to the database but
// not the key cannot make an edited entry verify, nor remove the newest entries before the last
// anchor unnoticed.
TEST_P(ServerProcessTest, AKeyedChainWithAnchorsOutsideTheDatabase) {
    const std::string base = ::testing::TempDir() + "audit-" + GetParam() + "-" + std::to_string(getpid());
    const std::string key = base + ".key", anchors = base + "-anchors.jsonl";
    std::filesystem::remove(key);
    std::filesystem::remove(anchors);
    int rc = 0;
    EXPECT_NE(run_cli("audit new-key --to " + key, &rc).find("audit key "), std::string::npos);
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    run_cli("audit new-key --to " + key, &rc);
    EXPECT_EQ(rc, 1);  // never overwritten

    const int port = free_tcp_port();
    auto server = std::make_unique<Process>(
        std::vector<std::string>{MELDPUNT_BINARY, "serve", "--db", db_, "--listen",
                                 "127.0.0.1:" + std::to_string(port), "--audit-key-file", key,
                                 "--audit-anchor-file", anchors, "--audit-anchor-interval", "10"},
        log_);
    ASSERT_TRUE(wait_until_healthy(port, 20)) << "see " << log_;
    EXPECT_EQ(post_intake(port).status, 201);
    EXPECT_EQ(server->terminate(), 0);  // publishes the head as it stops
    std::ifstream in(anchors);
    std::string line, last;
    int lines = 0;
    while (std::getline(in, line))
        last = line, ++lines;
    ASSERT_GE(lines, 1);
    const auto anchor = json::parse(last);
    EXPECT_EQ(anchor["seq"], 3);  // the organisation, the account, the intake
    EXPECT_EQ(anchor["key"].get<std::string>().size(), 16u);

    const std::string with_key = " --audit-key-file " + key;
    std::string out = run_cli("audit verify --db " + db_ + with_key + " --anchors " + anchors, &rc);
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("intact: 3 entries (1 keyed), " + std::to_string(lines) + " anchors checked"),
              std::string::npos)
        << out;
    out = run_cli("audit verify --db " + db_, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("NOT VERIFIED from entry 3: it was made with key " + anchor["key"].get<std::string>()),
              std::string::npos)
        << out;
    // Nothing is appended without the key; with it, it is.
    const std::string create =
        "user create --db " + db_ + " --org focus --email piet@focus.nl --name Piet --role employee";
    out = run_cli(create, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("the audit trail is keyed"), std::string::npos) << out;
    run_cli(create + with_key, &rc);
    EXPECT_EQ(rc, 0);
    // A key file others can read is refused.
    std::filesystem::permissions(key, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    out = run_cli("audit verify --db " + db_ + with_key, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("can be read by others than its owner"), std::string::npos) << out;
    std::filesystem::permissions(key, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::remove);

    // The newest two entries removed: a valid, shorter chain, which the anchor at entry 3 catches.
    auto store = meldpunt::storage::Store::open(db_);
    store->transact([](meldpunt::storage::Tx& tx) {
        drop_audit_guard(tx, "audit_no_delete");
        tx.connection().query("DELETE FROM audit WHERE seq >= 3");
    });
    // Without the key and the anchors, what is left looks whole; the key and the anchors each see it.
    EXPECT_NE(run_cli("audit verify --db " + db_, &rc).find("intact: 2 entries"), std::string::npos);
    out = run_cli("audit verify --db " + db_ + with_key, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("its newest entry (2) is not keyed"), std::string::npos) << out;
    out = run_cli("audit verify --db " + db_ + " --anchors " + anchors, &rc);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("entry 3 of an anchor is missing or different"), std::string::npos) << out;
}

// The server acts by itself: a complaint taken in a week ago whose same-day report to the manager
// never happened is swept within a second, and the notice reaches the manager's mailbox through
// the relay, with nobody running anything by hand.
TEST_P(ServerProcessTest, TheServerSweepsAndSendsTheNoticeByItself) {
    auto& smtp = smtp_server();
    smtp.start_if_stopped();
    smtp.clear();
    const int port = free_tcp_port();
    Process server({MELDPUNT_BINARY, "serve", "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port),
                    "--sweep-interval", "1", "--smtp", smtp.url(), "--mail-from", "klachten@focus.nl",
                    "--mail-from-name", "Focus Klachten"},
                   log_);
    ASSERT_TRUE(wait_until_healthy(port, 20)) << "see " << log_;
    const std::string received = a_week_ago();
    const json body = {{"kind", "complaint"},
                       {"channel", "phone"},
                       {"received_at", received},
                       {"subject", "Afspraak gemist"},
                       {"description", "De coach kwam niet opdagen."},
                       {"complainant", {{"name", "J. de Vries"}}}};
    auto r = http_request(port, "POST", "/api/v1/orgs/focus/cases",
                          {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                          body.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string reference = json::parse(r.body).value("reference", "");
    ASSERT_GE(smtp.wait_for(1, 20), 1u) << "no message arrived; see " << log_;
    bool found = false;
    for (const auto& mail : smtp.messages())
        if (header_of(mail, "Subject").find(reference) != std::string::npos &&
            header_of(mail, "To").find("anna@focus.nl") != std::string::npos)
            found = true;
    EXPECT_TRUE(found) << smtp.messages().front();
    EXPECT_EQ(server.terminate(), 0);
}

// kill -9 in the middle of delivering 1,000 messages, then a restart: every message arrives, and a
// Message-ID arrives twice only if its message was in flight at the kill (claimed, not yet marked).
// After a server was killed in mid-delivery and started again: waits (at most a minute) until every
// one of `queued` arrived, by the ids `arrived` reads at the receiver, and checks that one arrived
// twice only when it was `in_flight` at the kill (claimed, not marked), never more, and that no more
// than one batch was in flight.
void expect_each_arrived(const std::set<std::string>& queued, const std::set<std::string>& in_flight,
                         const std::function<std::vector<std::string>()>& arrived_ids) {
    std::map<std::string, int> arrived;
    for (int waited = 0; waited < 600; ++waited) {
        arrived.clear();
        for (const auto& id : arrived_ids())
            ++arrived[id];
        if (arrived.size() >= queued.size())
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::set<std::string> ids;
    for (const auto& [id, times] : arrived) {
        ids.insert(id);
        if (times > 1) {
            EXPECT_EQ(times, 2) << id;
            EXPECT_TRUE(in_flight.count(id)) << id << " arrived twice but was not in flight at the kill";
        }
    }
    EXPECT_EQ(ids, queued);
    EXPECT_LE(in_flight.size(), 10u);  // one batch
}

TEST_P(ServerProcessTest, AKilledServerDeliversEveryMessageAndRepeatsOnlyThoseInFlight) {
    constexpr int kMessages = 1000;
    auto& smtp = smtp_server();
    smtp.start_if_stopped();
    smtp.clear();
    std::set<std::string> queued;
    {
        auto store = meldpunt::storage::Store::open(db_, 1);
        const int64_t now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
                                .time_since_epoch()
                                .count();
        store->transact([&](meldpunt::storage::Tx& tx) {
            for (int i = 0; i < kMessages; ++i) {
                meldpunt::storage::Delivery d;
                d.org = "focus";
                d.reference = "2027-" + std::to_string(1000000 + i);
                d.cause = "overdue:contact:2027-01-20";
                d.recipient = "anna@focus.nl";
                d.subject = "Termijn verstreken voor zaak " + d.reference;
                d.body = "Open de zaak.";
                d.message_id = "<kill-" + std::to_string(i) + "@meldpunt>";
                d.next_attempt_at = now;
                d.created_at = now;
                tx.outbox.enqueue(d);
                queued.insert(d.message_id);
            }
        });
    }
    const int port = free_tcp_port();
    const std::vector<std::string> argv{
        MELDPUNT_BINARY,    "serve", "--db",   db_,        "--listen",    "127.0.0.1:" + std::to_string(port),
        "--sweep-interval", "0",     "--smtp", smtp.url(), "--mail-from", "klachten@focus.nl",
        "--delivery-lease", "5"};
    std::set<std::string> in_flight;  // claimed and not marked when the server died
    {
        Process server(argv, log_);
        ASSERT_GE(smtp.wait_for(kMessages / 4, 60), static_cast<size_t>(kMessages / 4)) << "see " << log_;
        server.kill_hard();
    }
    const size_t before_restart = smtp.messages().size();
    EXPECT_LT(before_restart, static_cast<size_t>(kMessages)) << "all were sent before the kill";
    in_flight = first_column("SELECT message_id FROM outbox WHERE status = 'queued' AND attempts > 0");
    Process server(argv, log_);
    // Everything arrives, the ones in flight once their claim ran out.
    expect_each_arrived(queued, in_flight, [&] {
        std::vector<std::string> ids;
        for (const auto& mail : smtp.messages())
            ids.push_back(header_of(mail, "Message-ID"));
        return ids;
    });
    EXPECT_EQ(server.terminate(), 0);
}

// Webhooks go through the outbox like mail (issue 16): a server killed while it delivers loses no
// event, and an event arrives twice only when it was in flight at the kill (its Idempotency-Key
// says so to the receiver).
TEST_P(ServerProcessTest, AKilledServerLosesNoWebhookEvent) {
    constexpr int kEvents = 300;
    auto& receiver = webhook_receiver();
    receiver.clear();
    std::set<std::string> queued;
    {
        auto store = meldpunt::storage::Store::open(db_, 1);
        const int64_t now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
                                .time_since_epoch()
                                .count();
        store->transact([&](meldpunt::storage::Tx& tx) {
            meldpunt::storage::WebhookSubscription s;
            s.org = "focus";
            s.url = receiver.url("ok", "kill");
            s.events = {"case.created"};
            s.secret = "geheim";
            tx.webhooks.add(s);
            for (int i = 0; i < kEvents; ++i) {
                const std::string id = "focus/kill-" + std::to_string(i);
                EXPECT_EQ(tx.webhooks.fan_out("focus", "case.created", id, "2027-" + std::to_string(i),
                                              json{{"id", id}}.dump(), now),
                          1);
                queued.insert(id);
            }
        });
    }
    const int port = free_tcp_port();
    const std::vector<std::string> argv{MELDPUNT_BINARY,
                                        "serve",
                                        "--db",
                                        db_,
                                        "--listen",
                                        "127.0.0.1:" + std::to_string(port),
                                        "--sweep-interval",
                                        "0",
                                        "--delivery-lease",
                                        "5",
                                        "--webhooks-to-private-networks"};
    std::set<std::string> in_flight;
    {
        Process server(argv, log_);
        ASSERT_GE(receiver.wait_for(kEvents / 4, 60), static_cast<size_t>(kEvents / 4)) << "see " << log_;
        server.kill_hard();
    }
    EXPECT_LT(receiver.requests().size(), static_cast<size_t>(kEvents)) << "all were sent before the kill";
    in_flight =
        first_column("SELECT event_id FROM webhook_deliveries WHERE status = 'queued' AND attempts > 0");
    Process server(argv, log_);
    expect_each_arrived(queued, in_flight, [&] {
        std::vector<std::string> ids;
        for (const auto& r : receiver.requests())
            ids.push_back(r.headers.at("idempotency-key"));
        return ids;
    });
    // Signed as it was sent: within the five minutes a receiver accepts.
    EXPECT_EQ(receiver.verify("geheim", receiver.requests().back(), 300), "");
    EXPECT_EQ(server.terminate(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerProcessTest, ::testing::Values("sqlite", "postgres"), backend_name);

// Scale-out: two server processes on one PostgreSQL database hand out unique references.
// Issue 15: over HTTPS (behind a TLS proxy: --secure-cookies) the session and form cookies carry
// the __Host- prefix, so that no other host and no plain-HTTP page can set them; and /metrics
// answers a scraper elsewhere only with the token from --metrics-token-file.
TEST_P(ServerProcessTest, SecureCookiesCarryTheHostPrefixAndMetricsWantTheirToken) {
    const std::string token_file = ::testing::TempDir() + "metrics-token-" + GetParam();
    std::ofstream(token_file) << std::string(48, 'm') << "\n";
    const std::string password_file = ::testing::TempDir() + "password-" + GetParam();
    std::ofstream(password_file) << "correct horse battery staple\n";
    int rc = 0;
    run_cli("user create --db " + db_ +
                " --org focus --email els@focus.nl --name Els --role manager --password-stdin < " +
                password_file,
            &rc);
    ASSERT_EQ(rc, 0);
    const int port = free_tcp_port();
    Process server({MELDPUNT_BINARY, "serve", "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port),
                    "--secure-cookies", "--metrics-token-file", token_file},
                   log_);
    ASSERT_TRUE(wait_until_healthy(port, 20)) << "see " << log_;
    auto page = http_request(port, "GET", "/login");
    ASSERT_EQ(page.status, 200);
    std::string csrf;
    for (const auto& cookie : page.set_cookies)
        if (cookie.rfind("__Host-mp_csrf=", 0) == 0) {
            csrf = cookie.substr(15, 64);
            EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
            EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
            EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
        }
    ASSERT_EQ(csrf.size(), 64u);
    auto login = http_request(
        port, "POST", "/login",
        {{"Cookie", "__Host-mp_csrf=" + csrf}, {"Content-Type", "application/x-www-form-urlencoded"}},
        "csrf=" + csrf + "&org=focus&email=els%40focus.nl&password=correct+horse+battery+staple");
    ASSERT_EQ(login.status, 303) << login.body;
    bool session = false, rotated = false;
    for (const auto& cookie : login.set_cookies) {
        session = session || cookie.rfind("__Host-mp_session=", 0) == 0;
        rotated = rotated || (cookie.rfind("__Host-mp_csrf=", 0) == 0 && cookie.substr(15, 64) != csrf);
    }
    EXPECT_TRUE(session);
    EXPECT_TRUE(rotated);  // the form token of the new session, not the one from before the login

    EXPECT_EQ(http_request(port, "GET", "/metrics", {{"X-Forwarded-For", "203.0.113.9"}}).status, 401);
    EXPECT_EQ(http_request(
                  port, "GET", "/metrics",
                  {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer " + std::string(48, 'm')}})
                  .status,
              200);
    EXPECT_EQ(server.terminate(), 0);
}

TEST(ScaleOut, TwoServersOnOnePostgresDatabase) {
    const std::string db = fresh_database("postgres");
    int rc = 0;
    run_cli("org create --db " + db + " --id focus --procedure " + std::string(MELDPUNT_POLICY_DIR) +
                "/focus.toml",
            &rc);
    ASSERT_EQ(rc, 0);
    const std::string token = trim(run_cli(
        "user create --db " + db + " --org focus --email anna@focus.nl --name Anna --role manager", &rc));
    const int port_a = free_tcp_port(), port_b = free_tcp_port();
    const std::string log = ::testing::TempDir() + "scale-out.log";
    Process a({MELDPUNT_BINARY, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(port_a)}, log);
    Process b({MELDPUNT_BINARY, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(port_b)}, log);
    ASSERT_TRUE(wait_until_healthy(port_a, 20));
    ASSERT_TRUE(wait_until_healthy(port_b, 20));
    std::mutex mutex;
    std::set<std::string> references;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; i < 15; ++i) {
                auto r =
                    http_request(c % 2 ? port_a : port_b, "POST", "/api/v1/orgs/focus/cases",
                                 {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                                 json{{"kind", "complaint"}, {"channel", "web"}}.dump());
                std::lock_guard lock(mutex);
                EXPECT_EQ(r.status, 201) << r.body;
                references.insert(json::parse(r.body, nullptr, false).value("reference", ""));
            }
        });
    }
    for (auto& t : clients)
        t.join();
    EXPECT_EQ(references.size(), 60u);
    // A case taken in by one server is read and changed through the other.
    const std::string reference = *references.begin();
    auto r = http_request(port_a, "POST", "/api/v1/orgs/focus/cases/" + reference + "/actions",
                          {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                          json{{"action", "withdraw"}, {"how", "written"}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    r = http_request(port_b, "GET", "/api/v1/orgs/focus/cases/" + reference,
                     {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(json::parse(r.body)["stage"], "ingetrokken");
    run_cli("audit verify --db " + db, &rc);
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(a.terminate(), 0);
    EXPECT_EQ(b.terminate(), 0);
}

// Two servers sweeping and delivering from one PostgreSQL database: every effect is recorded once
// and every message arrives once; when the server that leads the sweep dies (kill -9), the other
// takes over and sweeps what comes after.
TEST(ScaleOut, TwoServersSweepOnePostgresDatabaseAndEachEffectHappensOnce) {
    auto& smtp = smtp_server();
    smtp.start_if_stopped();
    smtp.clear();
    const std::string db = fresh_database("postgres");
    int rc = 0;
    run_cli("org create --db " + db + " --id focus --procedure " + std::string(MELDPUNT_POLICY_DIR) +
                "/focus.toml",
            &rc);
    ASSERT_EQ(rc, 0);
    const std::string token = trim(run_cli(
        "user create --db " + db + " --org focus --email anna@focus.nl --name Anna --role manager", &rc));
    const std::string received = a_week_ago();
    const json complaint = {{"kind", "complaint"},
                            {"channel", "phone"},
                            {"received_at", received},
                            {"subject", "Afspraak gemist"},
                            {"complainant", {{"name", "J. de Vries"}}}};
    auto take_in = [&](int port) {
        auto r = http_request(port, "POST", "/api/v1/orgs/focus/cases",
                              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                              complaint.dump());
        EXPECT_EQ(r.status, 201) << r.body;
    };
    auto store = meldpunt::storage::Store::open(db, 1);
    auto count = [&](const std::string& sql) {
        int64_t n = 0;
        store->read([&](meldpunt::storage::Tx& tx) {
            n = meldpunt::storage::single_number(tx.connection().query(sql));
        });
        return n;
    };
    // Waits until every queued message arrived; returns the Message-IDs that arrived more than once.
    auto settle = [&] {
        std::map<std::string, int> arrived;
        for (int waited = 0; waited < 300; ++waited) {
            arrived.clear();
            for (const auto& mail : smtp.messages())
                ++arrived[header_of(mail, "Message-ID")];
            if (count("SELECT COUNT(*) FROM outbox WHERE status = 'queued'") == 0 &&
                static_cast<int64_t>(arrived.size()) == count("SELECT COUNT(*) FROM outbox"))
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::vector<std::string> twice;
        for (const auto& [id, times] : arrived)
            if (times > 1)
                twice.push_back(id);
        return twice;
    };
    const int port_a = free_tcp_port(), port_b = free_tcp_port();
    const std::string log = ::testing::TempDir() + "scale-out-sweep.log";
    auto serve = [&](int port) {
        return std::make_unique<Process>(
            std::vector<std::string>{MELDPUNT_BINARY, "serve", "--db", db, "--listen",
                                     "127.0.0.1:" + std::to_string(port), "--sweep-interval", "1", "--smtp",
                                     smtp.url(), "--mail-from", "klachten@focus.nl"},
            log);
    };
    auto a = serve(port_a);
    auto b = serve(port_b);
    ASSERT_TRUE(wait_until_healthy(port_a, 20)) << "see " << log;
    ASSERT_TRUE(wait_until_healthy(port_b, 20)) << "see " << log;
    for (int i = 0; i < 20; ++i)
        take_in(i % 2 ? port_a : port_b);
    // Both servers sweep every second and deliver. All 20 cases came in at the same moment, so each
    // owes the same effects: a case with more or fewer was swept twice or skipped.
    auto per_case = [&] {
        std::set<int64_t> counts;
        store->read([&](meldpunt::storage::Tx& tx) {
            for (const auto& row : tx.connection().query(
                     "SELECT COUNT(e.key) FROM cases c LEFT JOIN effects e ON e.org = c.org AND "
                     "e.reference = c.reference GROUP BY c.reference"))
                counts.insert(std::stoll(*row.at(0)));
        });
        return counts;
    };
    for (int waited = 0; waited < 200 && per_case().count(0); ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::seconds(3));  // a few more passes of both
    auto counts = per_case();
    ASSERT_EQ(counts.size(), 1u) << "cases with different numbers of effects; see " << log;
    const int64_t each = *counts.begin();
    EXPECT_GE(each, 1);  // at least the same-day report to the manager, passed a week ago
    EXPECT_EQ(count("SELECT COUNT(*) FROM effects"), 20 * each);
    EXPECT_TRUE(settle().empty());
    EXPECT_EQ(static_cast<int64_t>(smtp.messages().size()), count("SELECT COUNT(*) FROM outbox"));
    // Nothing was left for a sweep by hand.
    EXPECT_NE(run_cli("sweep --db " + db, &rc).find(" 0 new effects"), std::string::npos);

    // The first server dies; the other goes on sweeping (it leads now, or led all along).
    a->kill_hard();
    for (int i = 0; i < 5; ++i)
        take_in(port_b);
    for (int waited = 0; waited < 300 && count("SELECT COUNT(*) FROM effects") < 25 * each; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(per_case(), std::set<int64_t>{each}) << "see " << log;
    EXPECT_EQ(count("SELECT COUNT(*) FROM effects"), 25 * each);
    EXPECT_TRUE(settle().empty());
    EXPECT_EQ(static_cast<int64_t>(smtp.messages().size()), count("SELECT COUNT(*) FROM outbox"));
    EXPECT_EQ(b->terminate(), 0);
}

}  // namespace
