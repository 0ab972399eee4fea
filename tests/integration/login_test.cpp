// Logging in under attack (issue 15): wrong passwords from one address throttle that address, and
// slow an account down without locking out its owner elsewhere; a right password of one's own
// does not wipe what the address failed on other accounts; a flood of logins is answered at once
// when the password checks are all taken, instead of holding every thread that serves writes. On
// both backends.
#include <utility>  // before Asio (Boost 1.74)

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/calendar/instant.hpp"
#include "messages/catalogue.hpp"
#include "service/account_links.hpp"
#include "service/directory.hpp"
#include "service/sessions.hpp"
#include "support/backends.hpp"
#include "support/focus_complaint.hpp"
#include "support/test_server.hpp"

namespace {

using namespace meldpunt;
using service::ErrorKind;
using service::LoginAttempt;

const std::string kPassword = "correct horse battery staple";

class LoginTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        server_ =
            std::make_unique<meldpunt::testing::TestServer>(meldpunt::testing::fresh_database(GetParam()));
        server_->create_org("focus", "focus");
        server_->create_user("focus", "anna@focus.nl", "manager", "", kPassword);
        sessions_ = std::make_unique<service::Sessions>(server_->store());
        now_ = meldpunt::testing::amsterdam_instant("2027-03-01T09:00:00+01:00");
    }

    // The kind of refusal, or nullopt for a session.
    std::optional<ErrorKind> login(const std::string& email, const std::string& password,
                                   const std::string& client, int seconds_later = 0) {
        const auto r = sessions_->login(LoginAttempt{"focus", email, password, client},
                                        now_ + std::chrono::seconds{seconds_later});
        if (r.ok())
            return std::nullopt;
        return r.error().kind;
    }

    std::unique_ptr<meldpunt::testing::TestServer> server_;
    std::unique_ptr<service::Sessions> sessions_;
    std::chrono::sys_seconds now_;
};

TEST_P(LoginTest, WrongPasswordsFromOneAddressDoNotLockTheOwnerOutElsewhere) {
    for (int i = 0; i < service::Sessions::kMaxFailures; ++i)
        EXPECT_EQ(login("anna@focus.nl", "geraden " + std::to_string(i), "203.0.113.9"),
                  ErrorKind::unauthorized);
    // That address is stopped, even with the right password ...
    EXPECT_EQ(login("anna@focus.nl", kPassword, "203.0.113.9"), ErrorKind::too_many_requests);
    // ... and Anna, at her own desk, logs in at once.
    EXPECT_EQ(login("anna@focus.nl", kPassword, "192.0.2.10", 1), std::nullopt);
}

TEST_P(LoginTest, AnAccountUnderAttackSlowsDownAnAddressThatFailedOnItButNeverLocksIt) {
    // Five addresses each guess once: the account is under attack.
    for (int i = 0; i < service::Sessions::kMaxFailures; ++i)
        EXPECT_EQ(login("anna@focus.nl", "geraden", "203.0.113." + std::to_string(i)),
                  ErrorKind::unauthorized);
    // Anna mistypes once: she waits kSlowDownSeconds before her next try is heard ...
    EXPECT_EQ(login("anna@focus.nl", "typfout", "192.0.2.10", 1), ErrorKind::unauthorized);
    EXPECT_EQ(login("anna@focus.nl", kPassword, "192.0.2.10", 2), ErrorKind::too_many_requests);
    // She is told how long: the slow-down's seconds, not the failure window's minutes.
    const auto slowed = sessions_->login(LoginAttempt{"focus", "anna@focus.nl", kPassword, "192.0.2.10"},
                                         now_ + std::chrono::seconds{3});
    ASSERT_FALSE(slowed.ok());
    EXPECT_EQ(slowed.error().message, "web.login.slowed");
    EXPECT_EQ(slowed.error().args,
              std::vector<std::string>{std::to_string(service::Sessions::kSlowDownSeconds)});
    EXPECT_EQ(login("anna@focus.nl", kPassword, "192.0.2.10", 1 + service::Sessions::kSlowDownSeconds),
              std::nullopt);
    // ... and an attacker who keeps guessing from one address gets no more than that.
    EXPECT_EQ(login("anna@focus.nl", "geraden", "203.0.113.0", 3), ErrorKind::too_many_requests);
}

TEST_P(LoginTest, ARightPasswordOfOnesOwnDoesNotWipeTheAddressesFailuresOnOtherAccounts) {
    server_->create_user("focus", "mallory@focus.nl", "employee", "", kPassword);
    const int limit = service::Sessions::kMaxFailures * 4;
    // One short of the address's limit, spread over accounts so that no account stops it first.
    for (int i = 0; i < limit - 1; ++i)
        EXPECT_EQ(login("iemand" + std::to_string(i / 4) + "@focus.nl", "geraden", "203.0.113.9"),
                  ErrorKind::unauthorized);
    // Mallory logs in to her own account from there, in the same second ...
    EXPECT_EQ(login("mallory@focus.nl", kPassword, "203.0.113.9"), std::nullopt);
    // ... and the address's count still stands: one more failure, then it is stopped.
    EXPECT_EQ(login("iemand9@focus.nl", "geraden", "203.0.113.9"), ErrorKind::unauthorized);
    EXPECT_EQ(login("iemand10@focus.nl", "geraden", "203.0.113.9"), ErrorKind::too_many_requests);
}

TEST_P(LoginTest, AFloodOfLoginsIsAnsweredAtOnceWhenEveryPasswordCheckIsTaken) {
    constexpr int kAttempts = 24;
    std::atomic<int> busy{0}, checked{0}, ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kAttempts; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (!go)
                std::this_thread::yield();
            const auto kind = login("niemand" + std::to_string(i) + "@focus.nl", "geraden",
                                    "198.51.100." + std::to_string(i));
            if (kind == ErrorKind::too_many_requests)
                ++busy;
            else if (kind == ErrorKind::unauthorized)
                ++checked;
        });
    while (ready < kAttempts)
        std::this_thread::yield();
    go = true;
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(busy + checked, kAttempts);
    EXPECT_GE(checked.load(), 2);  // the checks that had a place were made
    EXPECT_GT(busy.load(), 0);     // the rest were told at once
    // A busy answer counted as no failure: those addresses and accounts start afresh.
    EXPECT_EQ(login("anna@focus.nl", kPassword, "198.51.100.1", 1), std::nullopt);
}

// Issue 15: a reset password, asked for by its owner or set by an administrator, ends the API
// tokens of the account too (whoever knew the old password may hold one); an invitation does not.
TEST_P(LoginTest, AResetPasswordEndsTheAccountsApiTokens) {
    service::Directory directory(server_->store());
    const std::string token = server_->create_user("focus", "piet@focus.nl", "employee", "", kPassword);
    ASSERT_TRUE(directory.authenticate(token, now_));
    service::AccountLinks links(server_->store());
    const messages::Catalogue language(messages::Language::nl);
    ASSERT_TRUE(links.request_reset("piet@focus.nl", "192.0.2.10", language, now_).ok());
    std::optional<storage::Delivery> sent;
    server_->store().read([&](storage::Tx& tx) {
        for (const auto& d : tx.outbox.of_case("focus", ""))
            if (d.recipient == "piet@focus.nl")
                sent = d;
    });
    ASSERT_TRUE(sent);
    const std::string body = service::body_with_password_link(server_->store(), *sent, "https://k.test",
                                                              calendar::unix_seconds(now_));
    const auto at = body.find("/wachtwoord/");
    ASSERT_NE(at, std::string::npos) << body;
    const std::string link_token = body.substr(at + 12, 64);
    ASSERT_TRUE(links.set_password(link_token, "een nieuw lang wachtwoord", now_).ok());
    EXPECT_FALSE(directory.authenticate(token, now_));

    // By an administrator.
    const std::string second = *directory.issue_token("focus", "piet@focus.nl", "test", now_);
    ASSERT_TRUE(directory.authenticate(second, now_));
    std::string id;
    server_->store().read(
        [&](storage::Tx& tx) { id = tx.accounts.user_by_email("focus", "piet@focus.nl")->id; });
    ASSERT_TRUE(
        directory.reset_password("focus", id, "nog een ander lang wachtwoord", "beheer@focus.nl", now_).ok());
    EXPECT_FALSE(directory.authenticate(second, now_));
}

INSTANTIATE_TEST_SUITE_P(Backends, LoginTest, ::testing::Values("sqlite", "postgres"),
                         meldpunt::testing::backend_name);

}  // namespace
