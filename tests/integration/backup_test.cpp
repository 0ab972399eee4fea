// Backups (issue 15): a copy of the SQLite register taken while cases are being taken in is
// consistent (every case with its audit entry, the chain intact), restores as a new register that
// the next start migrates, and is readable by its owner only. A backup never overwrites a file; a
// restore takes only an intact Meldpunt register. PostgreSQL is pointed to its own tools.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "messages/catalogue.hpp"
#include "service/audit_log.hpp"
#include "service/case_service.hpp"
#include "service/directory.hpp"
#include "storage/backup.hpp"
#include "support/backends.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;

int64_t count(storage::Store& store, const std::string& sql) {
    int64_t n = 0;
    store.read([&](storage::Tx& tx) { n = std::stoll(*tx.connection().query(sql)[0][0]); });
    return n;
}

class BackupTest : public ::testing::Test {
  protected:
    void SetUp() override {
        database_ = meldpunt::testing::fresh_database("sqlite");
        directory_ = std::filesystem::path(database_).parent_path();
        server_ = std::make_unique<meldpunt::testing::TestServer>(database_);
        server_->create_org("focus", "focus");
        token_ = server_->create_user("focus", "anna@focus.nl", "manager");
    }

    std::string database_;
    std::filesystem::path directory_;
    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::string token_;
};

TEST_F(BackupTest, ACopyTakenUnderLoadRestoresWithEveryCaseAndAnIntactAuditChain) {
    service::ProcedureRegistry procedures;
    const messages::Catalogue language(messages::Language::nl);
    service::CaseService cases(server_->store(), procedures, language);
    const service::Principal anna =
        *service::Directory(server_->store()).authenticate(token_, server_->now());
    std::atomic<bool> stop{false};
    std::atomic<int> taken{0};
    std::thread writer([&] {
        while (!stop) {
            service::IntakeInput input;
            input.kind = "complaint";
            input.channel = "phone";
            input.subject = "Melding " + std::to_string(taken.load());
            input.complainant.name = "Klant";
            if (cases.intake(anna, "focus", input, "", server_->now()).ok())
                ++taken;
        }
    });
    while (taken < 20)
        std::this_thread::yield();
    const std::string copy = (directory_ / "kopie.db").string();
    storage::back_up(database_, copy);
    const int after_copy = taken;
    while (taken < after_copy + 20)
        std::this_thread::yield();
    stop = true;
    writer.join();

    struct stat info {};
    ASSERT_EQ(::stat(copy.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600);  // every dossier is in it
    EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));

    const std::string restored = (directory_ / "terug.db").string();
    storage::restore(copy, restored);
    auto store = storage::Store::open(restored, 2);
    const auto verified = service::verify_audit(*store);
    EXPECT_TRUE(verified.intact) << verified.problem << " at " << verified.first_bad_seq;
    const int64_t in_copy = count(*store, "SELECT COUNT(*) FROM cases");
    EXPECT_GE(in_copy, 20);
    EXPECT_LT(in_copy, taken.load());  // taken mid-stream: the later cases are not in it
    // One snapshot: each case in it came with its audit entry, and no entry without its case.
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM audit WHERE action = 'case.intake'"), in_copy);
    // The restored register is a register: it takes the next case in.
    service::CaseService on_restored(*store, procedures, language);
    service::IntakeInput input;
    input.kind = "complaint";
    input.channel = "phone";
    EXPECT_TRUE(on_restored.intake(anna, "focus", input, "", server_->now()).ok());
}

TEST_F(BackupTest, ABackupNeverOverwritesAndARestoreTakesOnlyAnIntactRegister) {
    const std::string existing = (directory_ / "bestaat.db").string();
    std::ofstream(existing) << "iets";
    EXPECT_THROW(storage::back_up(database_, existing), storage::StorageError);
    std::ifstream kept(existing);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "iets");

    const std::string copy = (directory_ / "kopie.db").string();
    storage::back_up(database_, copy);
    EXPECT_THROW(storage::restore(copy, database_), storage::StorageError);  // the register itself stays
    EXPECT_THROW(storage::restore(existing, (directory_ / "a.db").string()), storage::StorageError);
    EXPECT_FALSE(std::filesystem::exists(directory_ / "a.db"));
    EXPECT_THROW(storage::restore((directory_ / "geen.db").string(), (directory_ / "b.db").string()),
                 storage::StorageError);
    // An SQLite database that is no register.
    const std::string other = (directory_ / "ander.db").string();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "CREATE TABLE x (y)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    ASSERT_TRUE(std::filesystem::exists(other));
    try {
        storage::restore(other, (directory_ / "c.db").string());
        ADD_FAILURE() << "restored a database that is no register";
    } catch (const storage::StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("not a Meldpunt register"), std::string::npos) << e.what();
    }
    EXPECT_THROW(storage::restore(copy, "postgresql://localhost/meldpunt"), storage::StorageError);
    // "sqlite:" names the same file as the path alone.
    const std::string prefixed = (directory_ / "met-voorvoegsel.db").string();
    storage::restore(copy, "sqlite:" + prefixed);
    EXPECT_TRUE(std::filesystem::exists(prefixed));
    try {
        storage::back_up("postgresql://localhost/meldpunt", copy + "2");
        ADD_FAILURE() << "backed up PostgreSQL";
    } catch (const storage::StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("pg_dump"), std::string::npos) << e.what();
    }
}

TEST_F(BackupTest, TheCommandsBackUpAndRestoreWithTheirExitCodes) {
    const std::string binary = MELDPUNT_BINARY;
    const std::string copy = (directory_ / "kopie.db").string();
    const std::string restored = (directory_ / "terug.db").string();
    int status = -1;
    auto out =
        meldpunt::testing::shell(binary + " backup --db " + database_ + " --to " + copy + " 2>&1", &status);
    EXPECT_EQ(WEXITSTATUS(status), 0) << out;
    out = meldpunt::testing::shell(binary + " backup --db " + database_ + " --to " + copy + " 2>&1", &status);
    EXPECT_EQ(WEXITSTATUS(status), 1) << out;
    EXPECT_NE(out.find("never overwrites"), std::string::npos) << out;
    out =
        meldpunt::testing::shell(binary + " restore --from " + copy + " --db " + restored + " 2>&1", &status);
    EXPECT_EQ(WEXITSTATUS(status), 0) << out;
    EXPECT_NE(out.find("audit log intact"), std::string::npos) << out;
}

}  // namespace
