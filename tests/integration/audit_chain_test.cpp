// The keyed audit chain (issue 15) on both backends, through the service: entries made with a key
// verify only with it; a new key after an old one keeps both verifiable; someone with write access
// but without the key can neither make an edited entry verify nor continue the chain unkeyed; the
// anchor publisher writes the head once per change.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/audit_anchors.hpp"
#include "service/audit_key.hpp"
#include "service/audit_log.hpp"
#include "service/crypto.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace {

using namespace meldpunt;

// The process's appending key for the length of a test.
class KeyInUse {
  public:
    explicit KeyInUse(service::AuditKey key) { service::use_audit_key(std::move(key)); }
    ~KeyInUse() { service::use_audit_key(std::nullopt); }
};

class AuditChainTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        service::init_crypto();
        store_ = storage::Store::open(meldpunt::testing::fresh_database(GetParam()));
        dir_ = ::testing::TempDir() + "audit-chain-" + GetParam() + "-" + std::to_string(getpid());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    void append(const std::string& action, int64_t at = 1800000000) {
        store_->transact(
            [&](storage::Tx& tx) { service::append_audit(tx, at, "focus", "anna", action, "x", "{}"); });
    }

    service::AuditKey new_key(const std::string& name) {
        return service::write_new_audit_key(dir_ + "/" + name);
    }

    // What someone with write access to the database does: the guard goes, a row changes.
    void edit(const std::string& sql) {
        store_->transact([&](storage::Tx& tx) {
            if (tx.connection().dialect() == storage::Dialect::sqlite)
                tx.connection().execute_script(
                    "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete");
            else
                tx.connection().execute_script("DROP TRIGGER IF EXISTS audit_no_change ON audit");
            tx.connection().execute_script(sql);
        });
    }

    std::unique_ptr<storage::Store> store_;
    std::string dir_;
};

TEST_P(AuditChainTest, KeyedEntriesVerifyWithTheirKeysOnly) {
    append("before.key");  // a chain begun before it was keyed stays valid
    const auto first = new_key("first.key");
    {
        KeyInUse in_use(first);
        append("keyed.one");
        append("keyed.two");
    }
    const auto second = new_key("second.key");
    {
        KeyInUse in_use(second);
        append("keyed.three");
    }
    auto result = service::verify_audit(*store_, {}, {first, second});
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 4);
    EXPECT_EQ(result.keyed_entries, 3);
    result = service::verify_audit(*store_, {}, {second});
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.problem, "no_key");
    EXPECT_EQ(result.first_bad_seq, 2);
    EXPECT_EQ(result.missing_key, first.id);
    // The key files read back as they were written.
    EXPECT_EQ(service::read_audit_key(dir_ + "/first.key").id, first.id);
    EXPECT_EQ(service::read_audit_key(dir_ + "/first.key").secret, first.secret);
}

TEST_P(AuditChainTest, WithoutTheKeyNothingContinuesOrRewritesAKeyedChain) {
    const auto key = new_key("k.key");
    {
        KeyInUse in_use(key);
        append("keyed.one");
        append("keyed.two");
    }
    // A process without the key may not open the chain for appending, nor append.
    EXPECT_THROW(service::open_audit_chain(*store_), std::invalid_argument);
    EXPECT_THROW(append("unkeyed"), std::logic_error);
    {
        KeyInUse in_use(key);
        EXPECT_NO_THROW(service::open_audit_chain(*store_));
    }
    // Entry 2 rewritten and its hash recomputed as SHA-256 (all one can do without the key):
    // as a keyed entry it does not verify ...
    storage::AuditEntry entry;
    store_->read([&](storage::Tx& tx) { entry = tx.audit.entries(1, 1).at(0); });
    entry.actor = "someone else";
    entry.key_id.clear();
    const std::string forged = service::audit_hash(entry);
    edit("UPDATE audit SET actor = 'someone else', hash = '" + forged + "' WHERE seq = 2");
    auto result = service::verify_audit(*store_, {}, {key});
    EXPECT_EQ(result.problem, "hash");
    EXPECT_EQ(result.first_bad_seq, 2);
    // ... and made unkeyed, it is an unkeyed entry after a keyed one.
    edit("UPDATE audit SET key_id = '' WHERE seq = 2");
    result = service::verify_audit(*store_, {}, {key});
    EXPECT_EQ(result.problem, "unkeyed");
    EXPECT_EQ(result.first_bad_seq, 2);
    // The whole chain rewritten unkeyed from its start: a valid unkeyed chain, which a verification
    // with the key refuses (its newest entry is not keyed).
    std::vector<storage::AuditEntry> all;
    store_->read([&](storage::Tx& tx) { all = tx.audit.entries(0, 100); });
    std::string prev(64, '0');
    for (auto& e : all) {
        e.key_id.clear();
        e.prev_hash = prev;
        e.hash = service::audit_hash(e);
        prev = e.hash;
        edit("UPDATE audit SET key_id = '', prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
             "' WHERE seq = " + std::to_string(e.seq));
    }
    EXPECT_TRUE(service::verify_audit(*store_).intact);  // without the key nothing tells
    result = service::verify_audit(*store_, {}, {key});
    EXPECT_EQ(result.problem, "head_unkeyed");
}

TEST_P(AuditChainTest, AnchorsArePublishedOncePerChangeAndCatchTheNewestRemoved) {
    const std::string file = dir_ + "/anchors.jsonl";
    service::AnchorPublisher publisher(*store_, file, false);
    const std::chrono::sys_seconds now{std::chrono::seconds{1800000000}};
    EXPECT_FALSE(publisher.publish(now));  // an empty chain has no head
    append("one");
    append("two");
    EXPECT_EQ(publisher.publish(now)->seq, 2);
    EXPECT_FALSE(publisher.publish(now));  // unchanged: not again
    append("three");
    // A publisher started later (a restart) continues from the file.
    service::AnchorPublisher restarted(*store_, file, false);
    EXPECT_EQ(restarted.publish(now)->seq, 3);
    EXPECT_FALSE(restarted.publish(now));
    const auto anchors = service::read_anchor_file(file);
    ASSERT_EQ(anchors.size(), 2u);
    EXPECT_EQ(anchors[1].seq, 3);
    EXPECT_TRUE(service::verify_audit(*store_, anchors).intact);
    // A write a crash cut off leaves a last line without its newline: it is passed over when read,
    // and dropped before the next anchor is written, which is then read whole.
    std::ofstream(file, std::ios::app) << R"({"at":"2027-01-15T08:00:00Z","seq":4,"ha)";
    EXPECT_EQ(service::read_anchor_file(file).size(), 2u);
    append("four");
    EXPECT_EQ(restarted.publish(now)->seq, 4);
    const auto after_crash = service::read_anchor_file(file);
    ASSERT_EQ(after_crash.size(), 3u);
    EXPECT_EQ(after_crash[2].seq, 4);
    std::stringstream whole;
    whole << std::ifstream(file).rdbuf();
    EXPECT_EQ(whole.str().find("\"ha{"), std::string::npos) << whole.str();
    EXPECT_TRUE(service::verify_audit(*store_, after_crash).intact);
    // The newest entry removed: the chain alone is intact, the anchor tells.
    edit("DELETE FROM audit WHERE seq = 4");
    EXPECT_TRUE(service::verify_audit(*store_, anchors).intact);  // anchored up to 3 only
    const auto result = service::verify_audit(*store_, after_crash);
    EXPECT_EQ(result.problem, "anchor");
    EXPECT_EQ(result.first_bad_seq, 4);
    // A file that is not one of anchors is refused with its line.
    std::ofstream(file, std::ios::app) << "not an anchor\n";
    try {
        service::read_anchor_file(file);
        ADD_FAILURE() << "a bad line was read";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("line 4"), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
